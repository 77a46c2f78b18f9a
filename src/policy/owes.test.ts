import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sourceTerms } from "./owes.ts";

describe("what training on one source owes (for tgpl terms check)", () => {
  it("TGPL: conditional, weights under the TGPL, source and data information on release", () => {
    const t = sourceTerms({ name: "repo", licence: "LicenseRef-TGPL-1.0" });
    assert.equal(t.permission, "conditional");
    assert.deepEqual(t.weights.only, ["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]);
    assert.deepEqual(
      t.obligations.map((o) => `${o.kind}:${o.on.join("+")}`),
      [
        "model-source:distributed",
        "network-offer:api",
        "training-data-info:distributed+api",
        "attribution:distributed+api",
      ],
    );
  });

  it("a reservation without an offer denies, with the reason; with a TGPL offer it is the TGPL", () => {
    const denied = sourceTerms({
      name: "site",
      licence: "MIT",
      terms: { contentUsage: "train-ai=n" },
    });
    assert.equal(denied.permission, "deny");
    assert.match(denied.reasons[0]!, /train-ai=n/);
    const offered = sourceTerms({
      name: "site",
      terms: { tdmReservation: true, offer: "LicenseRef-TGPL-1.0-or-later" },
    });
    assert.equal(offered.permission, "conditional");
  });

  it("no licence is unknown; the interpretation decides for GPL", () => {
    assert.equal(sourceTerms({ name: "x" }).permission, "unknown");
    assert.equal(sourceTerms({ name: "x", licence: "GPL-3.0-only" }).permission, "allow");
    assert.deepEqual(
      sourceTerms({ name: "x", licence: "GPL-3.0-only" }, "conservative").weights.only,
      ["GPL-3.0-only"],
    );
  });
});
