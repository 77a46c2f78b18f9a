import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rows, runFixture, runText } from "./testing.node.ts";

describe("*.gemspec", () => {
  it("reads s.license (rails)", () => {
    const run = runFixture("gemspec/rails.gemspec");
    assert.deepEqual(rows(run), [["MIT", 1, 15, 15]]);
    assert.deepEqual(run.warnings, []);
  });

  it("ORs s.licenses as a convention, scored lower (bigdecimal: Ruby, BSD-2-Clause)", () => {
    assert.deepEqual(rows(runFixture("gemspec/bigdecimal.gemspec")), [
      ["Ruby OR BSD-2-Clause", 0.9, 23, 23],
    ]);
  });

  it("reads the .freeze strings of an installed stub (rake 13.0.6)", () => {
    assert.deepEqual(rows(runFixture("gemspec/rake-13.0.6.gemspec")), [["MIT", 1, 19, 19]]);
  });

  it("reads a multi-line %w[] list and skips a commented-out licence", () => {
    const run = runFixture("gemspec/words.gemspec");
    assert.deepEqual(rows(run), [["MIT OR Apache-2.0", 0.9, 11, 14]]);
    assert.deepEqual(run.warnings, []);
  });

  it("reads other literal forms: single quotes, %q{}, a multi-line array with comments", () => {
    const text = [
      "Gem::Specification.new do |gem|",
      "  gem.license = 'Apache-2.0' # see LICENSE",
      "end",
      "Gem::Specification.new do |spec|",
      "  spec.license = %q{MIT}",
      '  spec.licenses = [ "MIT", # the code',
      '                    "CC-BY-4.0" ] # the docs',
      "end",
    ].join("\n");
    assert.deepEqual(rows(runText("x.gemspec", text)), [
      ["Apache-2.0", 1, 2, 2],
      ["MIT", 1, 5, 5],
      ["MIT OR CC-BY-4.0", 0.9, 6, 7],
    ]);
  });

  it("reports a computed licence instead of guessing", () => {
    const run = runText(
      "x.gemspec",
      "Gem::Specification.new do |s|\n  s.license = LICENSE_NAME\nend\n",
    );
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /x\.gemspec line 2: license is not a literal/);
  });

  it("ignores =begin/=end blocks and == comparisons", () => {
    const text = '=begin\n  s.license = "GPL-2.0"\n=end\nif s.license == "MIT" then end\n';
    assert.deepEqual(runText("x.gemspec", text), { matches: [], warnings: [] });
  });
});
