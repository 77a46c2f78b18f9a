import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rows, runFixture, runText } from "./testing.node.ts";

describe("composer.json", () => {
  it("reads a license string (symfony/console)", () => {
    assert.deepEqual(rows(runFixture("composer/symfony-console/composer.json")), [
      ["MIT", 1, 7, 7],
    ]);
  });

  it("reads an array as a choice, as Composer documents it", () => {
    const run = runFixture("composer/dual-array/composer.json");
    assert.deepEqual(rows(run), [["LGPL-2.1-only OR GPL-3.0-or-later", 1, 5, 8]]);
  });

  it("notes proprietary and records nothing", () => {
    const run = runFixture("composer/proprietary/composer.json");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /line 4: license is "proprietary"/);
  });

  it("keeps the valid items of an array and warns about the rest", () => {
    const run = runText("composer.json", '{"license": ["MIT", 7, "Frobnicate"]}');
    assert.deepEqual(rows(run), [["MIT", 1, 1, 1]]);
    assert.equal(run.warnings.length, 2);
  });
});
