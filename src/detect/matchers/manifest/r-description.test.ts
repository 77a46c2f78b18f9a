import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveR } from "./r-description.ts";
import { rows, runFixture, runText } from "./testing.node.ts";

describe("R DESCRIPTION", () => {
  it("keeps MIT from 'MIT + file LICENSE' and says what the file adds (ggplot2)", () => {
    const run = runFixture("r/ggplot2/DESCRIPTION");
    assert.deepEqual(rows(run), [["MIT", 0.9, 17, 17]]);
    assert.equal(run.warnings.length, 1);
    assert.match(
      run.warnings[0]!,
      /line 17: License "MIT \+ file LICENSE": file LICENSE adds to MIT/,
    );
  });

  it("keeps MPL-2.0 from 'MPL-2.0 | file LICENSE' and points at the file (data.table)", () => {
    const run = runFixture("r/data.table/DESCRIPTION");
    assert.deepEqual(rows(run), [["MPL-2.0", 1, 8, 8]]);
    assert.match(run.warnings[0]!, /scan LICENSE/);
  });

  it("reads | as OR and R's short names (MASS: GPL-2 | GPL-3)", () => {
    const run = runFixture("r/MASS/DESCRIPTION");
    assert.deepEqual(rows(run), [["GPL-2.0-only OR GPL-3.0-only", 0.9, 18, 18]]);
    assert.deepEqual(run.warnings, []);
  });

  it("reads a version constraint (Matrix: GPL (>= 2) | file LICENCE)", () => {
    assert.deepEqual(rows(runFixture("r/Matrix/DESCRIPTION")), [["GPL-2.0-or-later", 0.9, 12, 12]]);
  });

  it("maps R's licence names", () => {
    const cases: [string, string][] = [
      ["GPL (>= 3)", "GPL-3.0-or-later"],
      ["LGPL (>= 2.1)", "LGPL-2.1-or-later"],
      ["LGPL-2.1", "LGPL-2.1-only"],
      ["AGPL-3", "AGPL-3.0-only"],
      ["Apache License 2.0", "Apache-2.0"],
      ["Apache License (== 2.0)", "Apache-2.0"],
      ["Apache License (>= 2)", "Apache-2.0+"],
      ["CC BY 4.0", "CC-BY-4.0"],
      ["CC BY-SA 4.0", "CC-BY-SA-4.0"],
      ["CC0", "CC0-1.0"],
      ["BSD_3_clause", "BSD-3-Clause"],
      ["Artistic-2.0", "Artistic-2.0"],
      ["Lucent Public License", "LPL-1.02"],
    ];
    for (const [r, spdx] of cases) {
      const got = resolveR(r);
      assert.ok(got.ok, `${r}: ${got.ok ? "" : got.problem}`);
      assert.equal(got.spdx, spdx, r);
    }
  });

  it("warns about names with no SPDX id or no version", () => {
    for (const r of ["Unlimited", "GPL", "GPL (> 2)", "LGPL (>= 2.0, < 3)", "file LICENSE"]) {
      assert.equal(resolveR(r).ok, false, r);
    }
    const run = runText("DESCRIPTION", "Package: x\nLicense: GPL\n");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /License "GPL" does not say which licence/);
  });

  it("reads a License field continued over lines, and ignores files without one", () => {
    const run = runText("DESCRIPTION", "Package: x\nLicense: GPL-2 |\n    GPL-3\nTitle: y\n");
    assert.deepEqual(rows(run), [["GPL-2.0-only OR GPL-3.0-only", 0.9, 2, 3]]);
    assert.deepEqual(runText("DESCRIPTION", "Unnamed repository; edit this file to name it.\n"), {
      matches: [],
      warnings: [],
    });
  });
});
