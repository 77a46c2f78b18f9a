import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import {
  exceptionProfile,
  licenceProfile,
  profiledLicenceIds,
  tgplWeightsLicences,
} from "./profiles.ts";
import { OBLIGATION_KINDS } from "./types.ts";

const require = createRequire(import.meta.url);
const licenceIds: string[] = require("spdx-license-ids");
const deprecatedIds: string[] = require("spdx-license-ids/deprecated.json");
const exceptionIds: string[] = require("spdx-exceptions");
const osadl = JSON.parse(
  readFileSync(new URL("../../data/policy/osadl-compat.json", import.meta.url), "utf8"),
);

describe("licence profiles (data/policy/profiles.json)", () => {
  it("has a profile for every SPDX licence id, deprecated ones included, and every exception", () => {
    for (const id of [...licenceIds, ...deprecatedIds]) assert.ok(licenceProfile(id), id);
    for (const id of exceptionIds) assert.equal(exceptionProfile(id)?.effect, "none", id);
  });

  it("every rule is well formed under both interpretations", () => {
    for (const id of profiledLicenceIds()) {
      const p = licenceProfile(id)!;
      for (const rule of [p.standard, p.conservative]) {
        assert.ok(["allow", "conditional", "deny", "unknown"].includes(rule.permission), id);
        for (const o of rule.obligations ?? []) {
          assert.ok(OBLIGATION_KINDS.includes(o.kind), `${id}: ${o.kind}`);
          assert.ok(o.on.length > 0 && o.on.every((t) => t === "distributed" || t === "api"), id);
        }
        if (rule.weights && "only" in rule.weights) assert.ok(rule.weights.only.length > 0, id);
      }
    }
  });

  it("classifies the licences that matter as DESIGN.md says", () => {
    const fam = (id: string) => licenceProfile(id)?.family;
    assert.equal(fam("MIT"), "permissive");
    assert.equal(fam("GPL-3.0-or-later"), "strong-copyleft");
    assert.equal(fam("AGPL-3.0-only"), "network-copyleft");
    assert.equal(fam("CC-BY-SA-4.0"), "data-share-alike");
    assert.equal(fam("CC-BY-NC-ND-4.0"), "non-commercial");
    assert.deepEqual(licenceProfile("CC-BY-NC-ND-4.0")?.flags, ["nc", "nd"]);
    assert.equal(fam("LicenseRef-Llama-3.1"), "model-community");
    assert.equal(fam("LicenseRef-BigCode-OpenRAIL-M"), "rail");
    assert.equal(fam("NOASSERTION"), "no-licence");
    // Permissive is allowed under both readings; TGPL is conditional under both; GPL differs.
    assert.equal(licenceProfile("MIT")?.standard.permission, "allow");
    assert.equal(licenceProfile("LicenseRef-TGPL-1.0")?.standard.permission, "conditional");
    assert.equal(licenceProfile("LicenseRef-TGPL-1.0")?.conservative.permission, "conditional");
    assert.equal(licenceProfile("GPL-2.0-only")?.standard.permission, "allow");
    assert.equal(licenceProfile("GPL-2.0-only")?.conservative.permission, "conditional");
  });

  it("the TGPL's weights licences are those of its section 13(a)", () => {
    const tgplText = readFileSync(new URL("../../licenses/TGPL-1.0.md", import.meta.url), "utf8");
    const sec13a =
      /a\) For a Covered Model as a whole and for its Weights:[^\n]*/.exec(tgplText)?.[0] ?? "";
    for (const id of tgplWeightsLicences) assert.ok(sec13a.includes(id), `${id} in: ${sec13a}`);
    const w = licenceProfile("LicenseRef-TGPL-1.0")!.standard.weights;
    assert.deepEqual(w && "only" in w ? w.only : null, [...tgplWeightsLicences]);
  });

  it("derives software compatibility from the OSADL matrix, with its credit", () => {
    assert.match(osadl.credit, /OSADL/);
    assert.equal(osadl.license, "CC-BY-4.0");
    const col = (id: string) => osadl.licences.indexOf(id);
    const cell = (out: string, inc: string) => (osadl.matrix[out] as string)[col(inc)];
    // OSADL: Apache-2.0 cannot be part of a GPL-2.0-only whole; so conservatively Apache-2.0 excludes it.
    assert.equal(cell("GPL-2.0-only", "Apache-2.0"), "N");
    const w = licenceProfile("Apache-2.0")!.conservative.weights;
    assert.ok(w && "except" in w && w.except.includes("GPL-2.0-only"));
    // And the GPL-2.0-or-later whole may be relicensed under GPL-3.0: the conservative set follows the matrix.
    const gpl = licenceProfile("GPL-2.0-or-later")!.conservative.weights;
    const allowed = gpl && "only" in gpl ? gpl.only : [];
    for (const out of allowed) assert.ok(["Y", "S"].includes(cell(out, "GPL-2.0-or-later")!), out);
  });
});
