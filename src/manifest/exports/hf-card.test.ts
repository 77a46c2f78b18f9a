import assert from "node:assert/strict";
import { describe, it } from "node:test";
import hfData from "../../../data/policy/hf-licences.json" with { type: "json" };
import { hfLicence } from "../../lineage/hf-licences.ts";
import { hubLicence } from "./hf-card.ts";

describe("the card's licence fields", () => {
  it("every licence the Hub lists reads back as itself through tgpl's card reader", () => {
    const spdxIds = new Set(Object.values(hfData.ids).filter((v) => !v.startsWith("LicenseRef-")));
    assert.ok(spdxIds.size > 40);
    for (const id of spdxIds) {
      const fields = hubLicence(id);
      assert.equal(
        hfLicence(fields.license, fields.license_name).expression,
        id,
        JSON.stringify(fields),
      );
    }
  });

  it("the TGPL is 'other' with its name and a link to the LICENSE beside the card", () => {
    for (const id of ["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]) {
      const fields = hubLicence(id);
      assert.equal(fields.license, "other");
      assert.equal(fields.license_link, "LICENSE");
      assert.equal(hfLicence(fields.license, fields.license_name).expression, id);
    }
    assert.deepEqual(hubLicence(null), {});
  });
});
