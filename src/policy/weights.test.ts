import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Group } from "./debt.ts";
import {
  allowance,
  forbidsFurtherRestrictions,
  readWeightsLicence,
  termFailures,
} from "./weights.ts";

const g = (ids: string[]): Group<{ ids: string[] }> => ({ value: { ids }, origins: [], more: 0 });

describe("weights licences as sets", () => {
  it("reads an expression as the choices its recipients have", () => {
    const r = readWeightsLicence("(MIT OR Apache-2.0) AND CC-BY-4.0");
    assert.ok(r.ok);
    assert.deepEqual(r.terms, [
      ["MIT", "CC-BY-4.0"],
      ["Apache-2.0", "CC-BY-4.0"],
    ]);
    assert.equal(readWeightsLicence("MIT ANDOR X").ok, false);
  });

  it("intersects 'only' sets and removes what 'except' sets exclude", () => {
    const a = allowance(
      [
        g(["GPL-3.0-only", "GPL-3.0-or-later", "AGPL-3.0-only"]),
        g(["GPL-3.0-only", "GPL-3.0-or-later"]),
      ],
      [g(["GPL-3.0-or-later"])],
      [],
    );
    assert.deepEqual([...a.only!], ["GPL-3.0-only"]);
    assert.equal(allowance([], [g(["GPL-2.0-only"])], []).only, null);
  });

  it("names the groups a choice breaks", () => {
    const tgpl = g(["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]);
    const llama = g(["LicenseRef-Llama-3.1"]);
    const a = allowance([tgpl], [], [llama]);
    assert.deepEqual(termFailures(["LicenseRef-TGPL-1.0"], a), [llama]);
    assert.deepEqual(termFailures(["MIT"], a), [tgpl, llama]);
  });

  it("knows which licences forbid further restrictions", () => {
    assert.equal(forbidsFurtherRestrictions("LicenseRef-TGPL-1.0-or-later"), true);
    assert.equal(forbidsFurtherRestrictions("GPL-3.0-only WITH GCC-exception-3.1"), true);
    assert.equal(forbidsFurtherRestrictions("Apache-2.0"), false);
  });
});
