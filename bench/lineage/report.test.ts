import assert from "node:assert/strict";
import { test } from "node:test";
import { END, mergeSection } from "./report.ts";

test("a rerun replaces its own section and keeps the others", () => {
  const other =
    "# Benchmarks\n\n## Licence detection (`npm run bench:detect`)\n\n<!-- bench:detect:start -->\nfigures\n<!-- bench:detect:end -->\n";
  const first = mergeSection(other, "old figures");
  const second = mergeSection(first, "new figures");
  assert.match(second, /## Licence detection[\s\S]*figures\n<!-- bench:detect:end -->/);
  assert.match(second, /new figures/);
  assert.doesNotMatch(second, /old figures/);
  assert.equal(second.split(END).length, 2);
  assert.match(mergeSection(null, "x"), /^# Benchmarks\n/);
});
