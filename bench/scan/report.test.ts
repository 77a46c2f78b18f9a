import assert from "node:assert/strict";
import { test } from "node:test";
import {
  mergeScanSection,
  renderScanSection,
  type ScanResults,
  SECTION_END,
  SECTION_HEADING,
} from "./report.ts";

const results: ScanResults = {
  date: "2026-01-01",
  loadAverage: [1.5, 2],
  repeat: 2,
  machine: { cpus: 2, cpu: "x", memoryGb: 8, node: "v20" },
  command: "npm run bench:scan",
  corpora: [
    {
      name: "tree",
      label: "generated tree, 100 files",
      runs: [
        {
          workers: 1,
          detect: { files: 100, seconds: 1, bytes: 1048576 },
          scan: { files: 100, seconds: 1.25, bytes: 1048576, peakMb: 200, manifestBytes: 1048576 },
        },
      ],
    },
  ],
};

test("the section reports the scan's rate as a share of the baseline's", () => {
  const md = renderScanSection(results);
  assert.match(
    md,
    /\| generated tree, 100 files \| 1 \| 100 \| 1\.0 \| 100 \| 80 \| 0\.8 \| 80% \| 200 \| 1\.0 \|/,
  );
  assert.ok(md.startsWith(SECTION_HEADING));
  assert.ok(md.trimEnd().endsWith(SECTION_END));
});

test("each target gets a verdict from the figures", () => {
  const md = renderScanSection(results);
  assert.match(md, /- scan at 80% or more of the baseline: met\./);
  const slow = structuredClone(results);
  slow.corpora[0]!.runs[0]!.scan.seconds = 2;
  assert.match(
    renderScanSection(slow),
    /baseline: \*\*not met\*\* \(below on tree, 1 worker\(s\): 50%\)/,
  );
});

test("merging replaces the scan section only, and keeps the detect section", () => {
  const detect = "## Licence detection (`npm run bench:detect`)\n\nfigures\n<!-- end detect -->\n";
  const first = mergeScanSection(`# Benchmarks\n\n${detect}`, renderScanSection(results));
  assert.ok(first.includes(detect));
  assert.equal(first.split(SECTION_HEADING).length, 2);
  const again = mergeScanSection(first, renderScanSection({ ...results, date: "2026-02-02" }));
  assert.equal(again.split(SECTION_HEADING).length, 2);
  assert.match(again, /2026-02-02/);
  assert.doesNotMatch(again, /2026-01-01/);
  assert.ok(again.includes(detect));
  assert.match(mergeScanSection(null, renderScanSection(results)), /^# Benchmarks/);
});

test("CPU per file shows the manifest's own work as scan minus baseline", () => {
  const withCpu = structuredClone(results);
  withCpu.corpora[0]!.runs[0]!.detect.cpuSeconds = 0.005;
  withCpu.corpora[0]!.runs[0]!.scan.cpuSeconds = 0.0075;
  const md = renderScanSection(withCpu);
  assert.match(md, /\| generated tree, 100 files \| 1 \| 50 \| 75 \| 25 \| 67% \|/);
  assert.match(md, /costs 25–25 µs of CPU per file, against 50–50 µs for the baseline/);
  assert.doesNotMatch(renderScanSection(results), /CPU time per file/);
});
