/**
 * One benchmark measurement, in its own process so its peak memory is its
 * own: `node --import tsx bench/scan/run.node.ts MODE ...`, prints one JSON line.
 *
 * - scan INPUT OUT WORKERS: `tgpl scan`'s library call
 * - detect INPUT WORKERS: the bare detection engine over the same source (the baseline)
 * - synthetic OUT ROWS: a manifest of ROWS rows written straight to the store, then finished
 * - lookup MANIFEST DIR: hash every file of DIR, find it, prove it (what `tgpl lookup` does)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { finalize } from "../../src/manifest/finalize.node.ts";
import { hashBytes } from "../../src/manifest/hash.ts";
import { serializeProof } from "../../src/manifest/proof.ts";
import { ManifestReader } from "../../src/manifest/reader.node.ts";
import type { ManifestRow } from "../../src/manifest/record.ts";
import { ManifestStore, STORE_FORMAT } from "../../src/manifest/store.node.ts";
import { scan } from "../../src/scan/scan.node.ts";
import { openSource } from "../../src/sources/index.ts";
import type { SourceFile } from "../../src/sources/types.ts";
import { WorkerPool } from "../../src/workers/pool.node.ts";
import { type DetectItem, detectOnly } from "./detect-only.node.ts";

const MAX_BYTES = 1 << 20;
const [mode, ...args] = process.argv.slice(2);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds (user + system, every thread of the process) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

async function runScan(input: string, out: string, workers: number) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome = await scan({
    inputs: [input],
    out,
    workers,
    maxBytes: MAX_BYTES,
    force: true,
    openSource: (i) => openSource(i),
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  const { files, bytes, merkleRoot, errorCount, unknown } = outcome.summary;
  return {
    files,
    bytes,
    seconds,
    cpuSeconds,
    peakMb: peakMb(),
    merkleRoot,
    errors: errorCount,
    unknown,
    manifestBytes: statSync(out).size,
  };
}

async function runDetect(input: string, workers: number) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const source = await openSource(input);
  const pool =
    workers > 1
      ? new WorkerPool<DetectItem[], unknown[]>(
          new URL("./detect-worker.node.ts", import.meta.url),
          workers,
          { maxBytes: MAX_BYTES },
        )
      : null;
  const inFlight: Promise<unknown[]>[] = [];
  let files = 0;
  let bytes = 0;
  let batch: DetectItem[] = [];
  const submit = async () => {
    const items = batch;
    batch = [];
    inFlight.push(pool ? pool.run(items) : detectOnly(items, MAX_BYTES));
    while (inFlight.length >= Math.max(2, workers * 3)) files += (await inFlight.shift()!).length;
  };
  for await (const f of source.files() as AsyncIterable<SourceFile>) {
    if (f.error) continue;
    bytes += f.size ?? f.bytes?.length ?? (f.fsPath ? statSync(f.fsPath).size : 0);
    batch.push({
      path: f.path,
      ...(f.bytes ? { bytes: f.bytes } : {}),
      ...(f.fsPath ? { fsPath: f.fsPath } : {}),
    });
    if (batch.length >= 64) await submit();
  }
  if (batch.length > 0) await submit();
  while (inFlight.length > 0) files += (await inFlight.shift()!).length;
  await pool?.close();
  const seconds = (performance.now() - started) / 1000;
  return { files, bytes, seconds, cpuSeconds: cpuSince(cpu), peakMb: peakMb() };
}

/** A manifest of `rows` rows whose contents are the texts `file <i>\n` (so lookups can find them). */
async function runSynthetic(out: string, rows: number) {
  const started = performance.now();
  const store = await ManifestStore.open(out);
  await store.reset();
  const meta = {
    format: STORE_FORMAT,
    toolVersion: "bench",
    inputs: ["synthetic"],
    options: { rows },
    state: "scanning" as const,
    merkleRoot: null,
    treeSize: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  await store.writeMeta(meta);
  const BATCH = 8192;
  for (let start = 0; start < rows; start += BATCH) {
    const batch: ManifestRow[] = [];
    for (let i = start; i < Math.min(rows, start + BATCH); i++) {
      const h = hashBytes(Buffer.from(`file ${i}\n`));
      const pkg = Math.floor(i / 1000);
      const isManifest = i % 1000 === 0;
      batch.push({
        input: 0,
        ordinal: i,
        path: isManifest ? `pkg-${pkg}/package.json` : `pkg-${pkg}/src/file-${i}.js`,
        project: "synthetic",
        origin_kind: "directory",
        origin_input: "synthetic",
        repository: null,
        revision: null,
        member: null,
        row: null,
        sha256: h.sha256,
        blob_id: h.blobId,
        swhid: h.swhid,
        size: h.size,
        language: isManifest ? "JSON" : "JavaScript",
        role: isManifest ? "manifest" : null,
        binary: false,
        generated: false,
        vendored: false,
        own_licence: isManifest ? "MIT" : null,
        evidence: null,
        licence: isManifest ? "MIT" : null,
        licence_source: isManifest ? "own" : "none",
        licence_from: isManifest ? `pkg-${pkg}/package.json` : null,
        dataset_licence: null,
        meta: null,
        skipped: null,
        error_code: null,
        error_message: null,
      });
    }
    await store.append(batch);
  }
  const appended = (performance.now() - started) / 1000;
  const done = await finalize(store, meta);
  store.close();
  return {
    rows,
    seconds: (performance.now() - started) / 1000,
    appendSeconds: appended,
    peakMb: peakMb(),
    merkleRoot: done.merkleRoot,
    manifestBytes: statSync(out).size,
  };
}

async function runLookup(manifest: string, dir: string) {
  const opened = performance.now();
  const reader = await ManifestReader.open(manifest);
  const openSeconds = (performance.now() - opened) / 1000;
  const names = readdirSync(dir).sort();
  const perFile: number[] = [];
  let found = 0;
  const inclusion: number[] = [];
  const exclusion: number[] = [];
  const started = performance.now();
  for (const name of names) {
    const t = performance.now();
    const sha = hashBytes(readFileSync(join(dir, name))).sha256;
    const occ = await reader.occurrences(sha);
    const proof = await reader.prove(sha);
    perFile.push(performance.now() - t);
    if (occ.count > 0) found++;
    (proof.type === "inclusion" ? inclusion : exclusion).push(
      Buffer.byteLength(serializeProof(proof)),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  reader.close();
  const pctOf = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  };
  const pct = (p: number) => pctOf(perFile, p);
  return {
    files: names.length,
    found,
    openSeconds,
    seconds,
    medianMs: pct(0.5),
    p99Ms: pct(0.99),
    maxMs: pct(1),
    inclusionBytes: pctOf(inclusion, 1),
    exclusionMedianBytes: pctOf(exclusion, 0.5),
    exclusionBytes: pctOf(exclusion, 1),
    peakMb: peakMb(),
  };
}

const result =
  mode === "scan"
    ? await runScan(args[0]!, args[1]!, Number(args[2]))
    : mode === "detect"
      ? await runDetect(args[0]!, Number(args[1]))
      : mode === "synthetic"
        ? await runSynthetic(args[0]!, Number(args[1]))
        : mode === "lookup"
          ? await runLookup(args[0]!, args[1]!)
          : null;
if (!result) {
  process.stderr.write("usage: run.node.ts scan|detect|synthetic|lookup ...\n");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
