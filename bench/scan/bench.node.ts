/**
 * `npm run bench:scan`: speed and memory of `tgpl scan`, and lookup time and
 * proof size against a million-row manifest. Writes the scan section of
 * BENCHMARKS.md and bench/.cache/scan-results.json.
 *
 * Corpora (built once into bench/.cache/scan, reused while their recipe holds):
 * - npm: a node_modules tree of 300 real packages, hard-linked from the
 *   detect benchmark's npm install (bench/.cache/npm, installed on first use);
 * - tree: 100,000 generated files in 1,000 packages (generate.ts);
 * - jsonl / parquet: 100,000 generated rows in The Stack's layout.
 * Each is scanned on 1 and 2 workers, beside the bare detection engine on the
 * same files (the baseline: no hashing, no store). Every measurement runs in
 * its own process, so its peak memory is its own.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { installNpmCorpus } from "../detect/corpus-npm.node.ts";
import { datasetRow, LICENCES, packageFiles } from "./generate.ts";
import { mergeScanSection, renderScanSection, type ScanResults } from "./report.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const CACHE = join(REPO, "bench/.cache");
const HERE = join(CACHE, "scan");
const RECIPE = "1";

const USAGE = `Usage: npm run bench:scan -- [options]

  --scale F      corpus sizes times F (default 1: 100,000 files and rows; 0.05 for a quick look)
  --only LIST    corpora: npm,tree,jsonl,parquet,lookup (default all)
  --million      also scan a 1,000,000-row dataset on 2 workers (peak memory; minutes)
  --repeat N     runs of each baseline/scan pair, alternating; the fastest counts (default 2)
  --write-md     write BENCHMARKS.md even for a partial run
  --render       measure nothing: rewrite the section from bench/.cache/scan-results.json

A full run (no --only, scale 1) writes BENCHMARKS.md; every run writes
bench/.cache/scan-results.json.`;

const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    only: { type: "string" },
    million: { type: "boolean" },
    repeat: { type: "string" },
    "write-md": { type: "boolean" },
    render: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const RESULTS = join(CACHE, "scan-results.json");
if (values.render) {
  const path = join(REPO, "BENCHMARKS.md");
  const saved = JSON.parse(readFileSync(RESULTS, "utf8")) as ScanResults;
  writeFileSync(
    path,
    mergeScanSection(
      existsSync(path) ? readFileSync(path, "utf8") : null,
      renderScanSection(saved),
    ),
  );
  process.exit(0);
}
const scale = Number(values.scale ?? "1");
const repeat = Math.max(1, Number(values.repeat ?? "2"));
const only = new Set((values.only ?? "npm,tree,jsonl,parquet,lookup").split(","));
const log = (m: string) => process.stderr.write(`bench:scan: ${m}\n`);

function stamped(dir: string, recipe: string, build: () => void): void {
  const stamp = join(dir, ".recipe");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === recipe) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  build();
  writeFileSync(stamp, recipe);
}

function licenceTexts(): Record<string, string> {
  const dir = join(REPO, "node_modules/spdx-license-list/licenses");
  const text = (id: string) =>
    (JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8")) as { licenseText: string })
      .licenseText;
  return Object.fromEntries(LICENCES.map((id) => [id, text(id)]));
}

function npmCorpus(packages: number): string {
  const dir = join(HERE, `npm-${packages}`);
  stamped(dir, `${RECIPE}:${packages}`, () => {
    const from = installNpmCorpus(CACHE, log);
    const names = readdirSync(from)
      .filter((n) => !n.startsWith("."))
      .sort()
      .flatMap((n) =>
        n.startsWith("@")
          ? readdirSync(join(from, n))
              .sort()
              .map((m) => `${n}/${m}`)
          : [n],
      )
      .slice(0, packages);
    for (const name of names) {
      mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
      // Hard links: the same bytes as the install, at no disk cost.
      execFileSync("cp", ["-al", join(from, name), join(dir, "node_modules", name)]);
    }
  });
  return dir;
}

function treeCorpus(files: number): string {
  const dir = join(HERE, `tree-${files}`);
  stamped(dir, `${RECIPE}:${files}`, () => {
    const texts = licenceTexts();
    for (let p = 0; p * 100 < files; p++) {
      for (const f of packageFiles(p, Math.min(100, files - p * 100), texts)) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
      }
    }
  });
  return dir;
}

function jsonlCorpus(rows: number, small = false): string {
  const dir = join(HERE, `stack-${rows}${small ? "-small" : ""}`);
  const file = join(dir, "data.jsonl");
  stamped(dir, `${RECIPE}:${rows}:${small}`, () => {
    const lines: string[] = [];
    let chunk = 0;
    for (let i = 0; i < rows; i++) {
      const row = datasetRow(i);
      if (small) row.content = `// row ${i}\nexport const v${i} = ${i};\n`;
      lines.push(JSON.stringify(row));
      if (lines.length === 10000 || i === rows - 1) {
        writeFileSync(file, `${lines.join("\n")}\n`, { flag: chunk++ === 0 ? "w" : "a" });
        lines.length = 0;
      }
    }
  });
  return file;
}

async function parquetCorpus(rows: number): Promise<string> {
  const jsonl = jsonlCorpus(rows);
  const dir = join(HERE, `stack-${rows}-parquet`);
  const file = join(dir, "data.parquet");
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const recipe = `${RECIPE}:${rows}`;
  const stamp = join(dir, ".recipe");
  if (!(existsSync(stamp) && readFileSync(stamp, "utf8") === recipe)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const db = await (await DuckDBInstance.create()).connect();
    await db.run(
      `COPY (SELECT * FROM read_json(${quote(jsonl)}, format = 'newline_delimited')) TO ${quote(file)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    db.closeSync();
    writeFileSync(stamp, recipe);
  }
  return file;
}

function measure(mode: string, ...args: (string | number)[]): Record<string, number | string> {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", join(REPO, "bench/scan/run.node.ts"), mode, ...args.map(String)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 26,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(out.trim().split("\n").pop()!);
}

const previous: Partial<ScanResults> = existsSync(RESULTS)
  ? JSON.parse(readFileSync(RESULTS, "utf8"))
  : {};
const results: ScanResults = {
  date: new Date().toISOString().slice(0, 10),
  loadAverage: [loadavg()[0]!],
  repeat,
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  },
  command: `npm run bench:scan${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  // A partial run replaces what it measured and keeps the rest of the last run.
  corpora: (previous.corpora ?? []).filter((c) => !only.has(c.name)),
  ...(previous.lookup && !only.has("lookup") ? { lookup: previous.lookup } : {}),
  ...(previous.million ? { million: previous.million } : {}),
};

const corpora: { name: string; label: string; input: () => Promise<string> | string }[] = [
  {
    name: "npm",
    label: "node_modules, 300 real packages",
    input: () => npmCorpus(Math.max(10, Math.round(300 * Math.min(1, scale)))),
  },
  {
    name: "tree",
    label: `generated tree, ${Math.round(100000 * scale)} files`,
    input: () => treeCorpus(Math.round(100000 * scale)),
  },
  {
    name: "jsonl",
    label: `JSONL dataset, ${Math.round(100000 * scale)} rows`,
    input: () => jsonlCorpus(Math.round(100000 * scale)),
  },
  {
    name: "parquet",
    label: `Parquet dataset, ${Math.round(100000 * scale)} rows`,
    input: () => parquetCorpus(Math.round(100000 * scale)),
  },
];

for (const corpus of corpora.filter((c) => only.has(c.name))) {
  log(`preparing ${corpus.label}`);
  const input = await corpus.input();
  const runs = [];
  for (const workers of [1, 2]) {
    // Alternate baseline and scan and keep the fastest of each: on a shared machine a
    // single run measures the neighbours as much as the code.
    let detect: Record<string, number | string> | null = null;
    let scanned: Record<string, number | string> | null = null;
    for (let r = 0; r < repeat; r++) {
      log(`${corpus.name}: bare detection, ${workers} worker(s), run ${r + 1}/${repeat}`);
      const d = measure("detect", input, workers);
      if (!detect || Number(d.seconds) < Number(detect.seconds)) detect = d;
      log(`${corpus.name}: scan, ${workers} worker(s), run ${r + 1}/${repeat}`);
      const s = measure("scan", input, join(HERE, `${corpus.name}.duckdb`), workers);
      if (!scanned || Number(s.seconds) < Number(scanned.seconds)) scanned = s;
    }
    runs.push({ workers, detect: detect!, scan: scanned! });
  }
  results.corpora.push({ name: corpus.name, label: corpus.label, runs });
  results.corpora.sort(
    (a, b) =>
      corpora.findIndex((c) => c.name === a.name) - corpora.findIndex((c) => c.name === b.name),
  );
}

if (only.has("lookup")) {
  const rows = Math.round(1_000_000 * scale);
  const manifest = join(HERE, `synthetic-${rows}.duckdb`);
  log(`lookup: writing a ${rows}-row manifest`);
  const built = measure("synthetic", manifest, rows);
  // 1,000 files: half with contents the manifest holds (found, inclusion proofs), half new (exclusion proofs).
  const mine = join(HERE, "lookup-files");
  rmSync(mine, { recursive: true, force: true });
  mkdirSync(mine);
  for (let k = 0; k < 1000; k++) {
    const text = k % 2 === 0 ? `file ${Math.floor((k * 7919) % rows)}\n` : `a file of mine, ${k}\n`;
    writeFileSync(join(mine, `f${String(k).padStart(4, "0")}.txt`), text);
  }
  log("lookup: 1,000 files");
  results.lookup = { manifestRows: rows, build: built, lookup: measure("lookup", manifest, mine) };
}

if (values.million) {
  log("million: preparing a 1,000,000-row dataset (small rows)");
  const input = jsonlCorpus(1_000_000, true);
  log("million: scan, 2 workers");
  results.million = measure("scan", input, join(HERE, "million.duckdb"), 2);
}

results.loadAverage.push(loadavg()[0]!);
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
const full = scale === 1 && values.only === undefined;
if (full || values["write-md"]) {
  const path = join(REPO, "BENCHMARKS.md");
  const existing = existsSync(path) ? readFileSync(path, "utf8") : null;
  writeFileSync(path, mergeScanSection(existing, renderScanSection(results)));
  log("wrote BENCHMARKS.md");
}
process.stdout.write(renderScanSection(results));
