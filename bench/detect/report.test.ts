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

test("the scaling note gives each tool's 1 → 2 worker growth and tgpl's cores on one worker", async () => {
  const { scaling } = await import("./report.ts");
  const run = (tool: "tgpl" | "licensecheck", workers: number, wallMs: number, cpuMs: number) => ({
    corpus: "source",
    tool,
    workers,
    files: 1000,
    bytes: 1,
    wallMs,
    firstResultMs: null,
    peakKb: 1,
    cpuMs,
    crashes: 0,
    errors: 0,
    processes: workers,
    load: 0,
  });
  const r = {
    tools: ["tgpl", "licensecheck"],
    runs: [
      run("tgpl", 1, 1000, 1200),
      run("tgpl", 2, 800, 2100),
      run("licensecheck", 1, 4000, 4000),
      run("licensecheck", 2, 2000, 4000),
    ],
  } as unknown as Parameters<typeof scaling>[0];
  const note = scaling(r);
  assert.match(note ?? "", /tgpl 1\.25×, licensecheck 2\.00×/);
  assert.match(note ?? "", /kept 1\.20 cores busy/);
  assert.equal(scaling({ ...r, runs: [] } as typeof r), null);
});

test("tgpl's wrong answers are listed with every tool's answer, once per distinct text", async () => {
  const { renderSection } = await import("./report.ts");
  const { emptyResults } = await import("./results.ts");
  const base = emptyResults({
    date: "2026-11-26T00:00:00Z",
    command: "npm run bench:detect",
    complete: true,
    machine: {
      cpu: "cpu",
      cores: 2,
      ramGiB: 1,
      os: "os",
      node: "v20",
      licensecheck: "v3",
      licensee: "9",
      ruby: "3",
      perl: "5",
    },
    tools: ["tgpl", "licensecheck"],
    licensecheckArgs: [],
  });
  const wrong = [
    {
      subset: "npm",
      path: "node_modules/x/LICENSE",
      files: 3,
      origin: "x@1.0.0",
      label: "GPL-3.0-or-later",
      answers: { tgpl: "GPL-3.0-only", licensecheck: "GPL-3" },
    },
  ];
  const text = renderSection({ ...base, wrong });
  assert.match(text, /### tgpl's wrong answers on distinct npm licence texts/);
  assert.match(text, /1 of 1 differ from the label only in `-only` against `-or-later`/);
  assert.match(
    text,
    /\| `node_modules\/x\/LICENSE` \| 3 \| x@1\.0\.0 \| `GPL-3\.0-or-later` \| tgpl: `GPL-3\.0-only`; licensecheck: `GPL-3` \|/,
  );
  assert.doesNotMatch(renderSection(base), /wrong answers on distinct/);
});

test("only the GNU version suffix tells -only and -or-later answers apart", async () => {
  const { onlyVersionDiffers } = await import("./report.ts");
  assert.ok(onlyVersionDiffers("GPL-3.0-or-later", "GPL-3.0-only"));
  assert.ok(onlyVersionDiffers("LGPL-2.1-only", "LGPL-2.1-or-later"));
  assert.ok(!onlyVersionDiffers("GPL-3.0-only", "GPL-3.0-only"));
  assert.ok(!onlyVersionDiffers("GPL-2.0-or-later", "GPL-2.0-or-later OR MPL-2.0"));
  assert.ok(!onlyVersionDiffers("GPL-2.0-or-later", "GPL-3.0-only"));
});
