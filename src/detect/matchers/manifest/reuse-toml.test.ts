import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runFixture, runText } from "./testing.node.ts";

describe("REUSE.toml", () => {
  it("turns each annotation into a match with its paths and block lines", () => {
    const run = runFixture("reuse/toml-example/REUSE.toml");
    assert.deepEqual(
      run.matches.map((m) => [m.spdx, m.matcher, m.score, m.lines, m.paths]),
      [
        ["GPL-3.0-or-later", "reuse", 1, [10, 17], [".bumpversion.cfg", "setup.cfg"]],
        ["CC-BY-SA-4.0", "reuse", 1, [19, 22], ["docs/reuse*.rst"]],
        ["CC-BY-SA-4.0", "reuse", 1, [24, 28], ["po/*.po"]],
        ["CC-BY-4.0 AND MIT", "reuse", 1, [30, 34], ["images/**/*.png", "images/**/*.svg"]],
      ],
    );
  });

  it("warns about an unknown precedence and an invalid id (CCO-1.0, a real typo)", () => {
    const run = runFixture("reuse/toml-example/REUSE.toml");
    assert.equal(run.warnings.length, 2);
    assert.match(
      run.warnings[0]!,
      /line 41: .*precedence "toml"; use "closest", "aggregate" or "override"/,
    );
    assert.match(run.warnings[1]!, /line 41: .*"CCO-1\.0" is neither/);
  });

  it("warns on bad TOML, a wrong version, and an annotation without path", () => {
    assert.match(
      runFixture("reuse/toml-bad/REUSE.toml").warnings[0]!,
      /REUSE\.toml is not valid TOML/,
    );
    const v2 = runText(
      "REUSE.toml",
      'version = 2\n[[annotations]]\npath = "*"\nSPDX-License-Identifier = "MIT"\n',
    );
    assert.deepEqual(v2.matches, []);
    assert.match(v2.warnings[0]!, /version is 2; REUSE\.toml must say version = 1/);
    const noPath = runText(
      "REUSE.toml",
      'version = 1\n[[annotations]]\nSPDX-License-Identifier = "MIT"\n',
    );
    assert.match(noPath.warnings[0]!, /line 2: annotation has no path/);
  });
});
