import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeSection, SECTION_END } from "./report.ts";

const section = (body: string) =>
  `## Licence detection (\`npm run bench:detect\`)\n\n<!-- bench:detect:start -->\n${body}\n${SECTION_END}`;

test("a new BENCHMARKS.md gets a header and the section", () => {
  const text = mergeSection(null, section("one"));
  assert.match(text, /^# Benchmarks\n/);
  assert.match(text, /one\n<!-- bench:detect:end -->\n$/);
});

test("a rerun replaces its own section and keeps the others", () => {
  const other = "## Scan throughput\n\nfigures of another benchmark\n";
  const first = mergeSection(`# Benchmarks\n\n${other}`, section("old figures"));
  const second = mergeSection(first, section("new figures"));
  assert.match(second, /## Scan throughput\n\nfigures of another benchmark/);
  assert.match(second, /new figures/);
  assert.doesNotMatch(second, /old figures/);
  assert.equal(second.split("## Licence detection").length, 2);
});
