import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runFixture } from "./testing.node.ts";

const summary = (name: string) =>
  runFixture(name).matches.map((m) => [m.spdx, m.score, m.lines, m.paths ?? null]);

describe(".reuse/dep5", () => {
  it("turns each Files paragraph into a match with its paths (reuse-docs)", () => {
    assert.deepEqual(summary("reuse/reuse-docs/.reuse/dep5"), [
      ["CC-BY-SA-4.0", 1, [6, 8], ["po/*"]],
    ]);
  });

  it("splits Files on whitespace and warns about an invalid id (reuse-tool: CCO-1.0)", () => {
    const run = runFixture("reuse/reuse-tool/.reuse/dep5");
    assert.deepEqual(
      run.matches.map((m) => [m.spdx, m.paths]),
      [
        ["GPL-3.0-or-later", [".bumpversion.cfg", "setup.cfg"]],
        ["CC-BY-SA-4.0", ["docs/reuse*.rst"]],
        ["CC-BY-SA-4.0", ["docs/modules.rst"]],
        ["GPL-3.0-or-later", ["tests/resources/*"]],
        ["GPL-3.0-or-later", ["src/reuse.egg-info/*"]],
      ],
    );
    assert.ok(run.matches.every((m) => m.matcher === "reuse"));
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0]!, /dep5 line 28: License "CCO-1\.0" is neither/);
  });

  it("maps Debian short names, reads the synopsis only, skips stand-alone License paragraphs", () => {
    const run = runFixture("reuse/debian-names/.reuse/dep5");
    assert.deepEqual(
      run.matches.map((m) => [m.spdx, m.score, m.lines, m.paths ?? null]),
      [
        ["GPL-2.0-or-later", 0.9, [4, 4], null],
        ["GPL-2.0-or-later", 0.9, [6, 8], ["*"]],
        ["MIT", 0.9, [10, 18], ["src/vendor/json/*", "src/vendor/base64.c"]],
        ["GPL-2.0-or-later OR CC-BY-SA-4.0", 0.8, [20, 22], ["doc/*"]],
      ],
    );
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0]!, /line 26: License "Mystery-Public-Licence"/);
  });
});
