import assert from "node:assert/strict";
import { describe, it } from "node:test";
import table from "../../data/training-terms.json" with { type: "json" };
import { trainingTerms, validateTable } from "./training-terms.ts";

describe("training-terms table", () => {
  it("is well-formed", () => assert.deepEqual(validateTable(table), []));

  it("names problems by their path", () => {
    const broken = structuredClone(table) as {
      profiles: { permission: string; obligations: string[] }[];
    };
    broken.profiles[0]!.permission = "maybe";
    broken.profiles[1]!.obligations = ["no-such-obligation"];
    const errors = validateTable(broken);
    assert.ok(errors.some((e) => e.startsWith("profiles[0] (tgpl).permission")));
    assert.ok(errors.some((e) => e.includes("unknown id no-such-obligation")));
  });
});

describe("training terms of an expression", () => {
  it("TGPL: conditional, with the licence's obligations and weights licences", () => {
    const t = trainingTerms("LicenseRef-TGPL-1.0-or-later");
    assert.equal(t.permission, "conditional");
    assert.ok(t.obligations.some((o) => o.id === "tgpl-release-model-source"));
    assert.deepEqual(t.weightsLicences, ["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]);
  });

  it("permissive: allow with attribution; public domain: allow with nothing", () => {
    assert.deepEqual(
      trainingTerms("MIT").obligations.map((o) => o.id),
      ["keep-attribution"],
    );
    assert.equal(trainingTerms("MIT").permission, "allow");
    assert.deepEqual(trainingTerms("CC0-1.0").obligations, []);
  });

  it("no licence and unlisted licences are unknown, never allowed", () => {
    assert.equal(trainingTerms(null).permission, "unknown");
    const t = trainingTerms("SSPL-1.0");
    assert.equal(t.permission, "unknown");
    assert.deepEqual(t.unlisted, ["SSPL-1.0"]);
    assert.equal(trainingTerms("not an expression ((").permission, "unknown");
  });

  it("OR takes the more permissive choice, AND the more restrictive, uniting obligations", () => {
    assert.equal(trainingTerms("LicenseRef-TGPL-1.0 OR MIT").permission, "allow");
    const both = trainingTerms("LicenseRef-TGPL-1.0 AND MIT");
    assert.equal(both.permission, "conditional");
    assert.ok(both.obligations.some((o) => o.id === "keep-attribution"));
    assert.ok(both.obligations.some((o) => o.id === "tgpl-license-model"));
    assert.equal(trainingTerms("MIT AND SSPL-1.0").permission, "unknown");
    const nc = trainingTerms("CC-BY-NC-4.0");
    assert.equal(nc.permission, "conditional");
    assert.equal(nc.conditions.length, 1);
  });

  it("reads GNU ids in their bare and + forms", () => {
    assert.equal(trainingTerms("GPL-2.0+").permission, "allow");
    assert.ok(
      trainingTerms("GPL-3.0-or-later").obligations.some(
        (o) => o.id === "copyleft-reach-undecided",
      ),
    );
  });
});
