import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseModelFile } from "../lineage/model-file.ts";
import { weightsLicenceText } from "./licence-text.node.ts";
import { modelFileText, releasedSpec } from "./released.ts";

const fixture = (name: string) => {
  const r = parseModelFile(
    readFileSync(new URL(`../manifest/exports/fixtures/models/${name}`, import.meta.url), "utf8"),
  );
  assert.ok(r.ok);
  return r.value.spec;
};
const TGPL = readFileSync(new URL("../../licenses/TGPL-1.0.txt", import.meta.url), "utf8");

describe("the released model file", () => {
  for (const name of ["three-generations.yaml", "internal-merge.yaml", "named-parent.yaml"])
    it(`reads back as the model it was written from: ${name}`, () => {
      const spec = fixture(name);
      const back = parseModelFile(modelFileText(spec));
      assert.ok(back.ok, JSON.stringify(!back.ok && back.error));
      assert.deepEqual(back.value.spec, spec);
    });

  it("adds what the bundle publishes, and no more than was given", () => {
    const spec = fixture("named-parent.yaml");
    const api = releasedSpec(spec, { corpus: null, networkOffer: false });
    assert.deepEqual(api.published, {
      weights: true,
      "model-source": true,
      "training-data": true,
      notices: true,
    });
    assert.equal(api.sources, undefined, "no corpus, no sources invented");
    const bare = releasedSpec(
      { id: "x/y", licence: "MIT" },
      { corpus: null, networkOffer: true, modelSource: "https://x.org" },
    );
    assert.deepEqual(bare.published, {
      "training-data": true,
      notices: true,
      "model-source": true,
      "network-offer": true,
    });
  });
});

describe("the weights' licence text", () => {
  it("the TGPL as shipped, once for either of its ids", () => {
    assert.deepEqual(weightsLicenceText("LicenseRef-TGPL-1.0-or-later", TGPL), { text: TGPL });
    assert.deepEqual(
      weightsLicenceText("LicenseRef-TGPL-1.0 OR LicenseRef-TGPL-1.0-or-later", TGPL),
      { text: TGPL },
    );
  });

  it("listed licences from the SPDX list, each under its id when there are several", () => {
    const one = weightsLicenceText("MIT", TGPL);
    assert.ok("text" in one && one.text.startsWith("MIT License"));
    const two = weightsLicenceText("Apache-2.0 AND MIT", TGPL);
    assert.ok("text" in two);
    assert.match(two.text, /^The model's weights are licensed under Apache-2.0 AND MIT\./);
    assert.match(two.text, /\nApache-2.0\n\nApache License\nVersion 2.0/);
    assert.match(two.text, /\nMIT\n\nMIT License/);
  });

  it("a licence with no text known is named, not guessed", () => {
    assert.deepEqual(weightsLicenceText("LicenseRef-acme OR MIT", TGPL), {
      missing: ["LicenseRef-acme"],
    });
  });
});
