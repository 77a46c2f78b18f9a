/**
 * The scan driver: sources → workers → manifest rows → store, then finish.
 *
 * Order and resume: each input is read in its source's deterministic order;
 * batches go to the workers and come back through a FIFO, so rows reach the
 * store in ordinal order and every commit extends a prefix of each input. A
 * rerun of the same command counts the committed rows per input and asks
 * each source to skip that many. Memory stays bounded: at most a few batches
 * per worker are in flight (and a byte cap for sources that hand out
 * contents), and rows are committed every few thousand.
 */
import { basename, resolve } from "node:path";
import { InputError } from "../errors.ts";
import { finalize } from "../manifest/finalize.node.ts";
import type { ManifestRow } from "../manifest/record.ts";
import { type FileFacts, rowOf } from "../manifest/row.ts";
import { ManifestStore, type ScanMeta, STORE_FORMAT } from "../manifest/store.node.ts";
import { type ManifestSummary, summarize } from "../manifest/summary.node.ts";
import type { Source, SourceFile } from "../sources/types.ts";
import { version } from "../version.ts";
import { WorkerPool } from "../workers/pool.node.ts";
import { errorFacts, type ProcessOptions, processBatch, type WorkItem } from "./process.node.ts";

export interface ScanRequest {
  /** INPUT arguments as the user gave them. */
  inputs: string[];
  /** The manifest file. */
  out: string;
  workers: number;
  /** Bytes of each file that detection reads. */
  maxBytes: number;
  /** Throw away an existing manifest at `out` and start over. */
  force?: boolean;
  /** Options that change what the sources yield; part of what makes two scans "the same command". */
  sourceOptions?: Record<string, unknown>;
  openSource: (input: string) => Promise<Source>;
  /** Called with each batch of rows right after it is committed. */
  onRows?: (rows: readonly ManifestRow[]) => void;
  /** Called after each commit, with totals so far (this run and earlier ones). */
  onProgress?: (progress: { files: number; bytes: number }) => void;
  /** Stops the scan cleanly: what was read is committed, and a rerun resumes. */
  signal?: AbortSignal;
  /** Files per worker batch (default 64). */
  batchSize?: number;
  /** Rows per transaction (default 4096); a commit also happens every second. */
  commitRows?: number;
  memoryLimit?: string;
}

export interface ScanOutcome {
  summary: ManifestSummary;
  /** True when this run continued an interrupted one. */
  resumed: boolean;
  /** True when the signal stopped it before the end: the manifest is not finished. */
  interrupted: boolean;
  /** True when the manifest was already finished by an earlier run of the same command. */
  alreadyDone: boolean;
  elapsedMs: number;
}

const MAX_BATCH_BYTES = 8 << 20;
const MAX_INFLIGHT_BYTES = 64 << 20;

const workerUrl = () =>
  new URL(`./scan-worker.node${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

/** The parts of a request that decide the rows; two runs with equal fingerprints are the same scan. */
function fingerprint(request: ScanRequest): Pick<ScanMeta, "inputs" | "options"> {
  return {
    inputs: request.inputs.map((i) => (i === "-" ? i : resolve(i))),
    options: { maxBytes: request.maxBytes, ...(request.sourceOptions ?? {}) },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Scan `inputs` into the manifest at `out`, resuming an interrupted scan of
 * the same inputs and options.
 * @throws InputError when `out` holds a manifest of another scan (and not `force`)
 */
export async function scan(request: ScanRequest): Promise<ScanOutcome> {
  const started = Date.now();
  // Open every input first: a missing input is refused before a manifest file is made for it.
  const sources: Source[] = [];
  for (const input of request.inputs) sources.push(await request.openSource(input));
  const store = await ManifestStore.open(request.out, { memoryLimit: request.memoryLimit });
  try {
    if (request.force) await store.reset();
    const wanted = fingerprint(request);
    let meta = await store.readMeta();
    const resumed = meta !== null;
    if (
      meta &&
      (meta.format !== STORE_FORMAT ||
        !same(meta.inputs, wanted.inputs) ||
        !same(meta.options, wanted.options))
    ) {
      throw new InputError(
        `${request.out} holds a scan of other inputs or options (inputs ${meta.inputs.join(" ")}; options ${JSON.stringify(meta.options)})`,
        "Pass --force to start over in that file, or choose another --out.",
      );
    }
    if (meta?.state === "done")
      return {
        summary: await summarize(store, meta),
        resumed,
        interrupted: false,
        alreadyDone: true,
        elapsedMs: Date.now() - started,
      };
    if (!meta) {
      meta = {
        format: STORE_FORMAT,
        toolVersion: version,
        ...wanted,
        state: "scanning",
        merkleRoot: null,
        treeSize: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
      };
      await store.writeMeta(meta);
    }
    const interrupted = !(await scanInputs(store, request, sources));
    if (!interrupted) meta = await finalize(store, meta);
    return {
      summary: await summarize(store, meta),
      resumed,
      interrupted,
      alreadyDone: false,
      elapsedMs: Date.now() - started,
    };
  } finally {
    store.close();
  }
}

/** Read every input into the store; false when the signal stopped it first. */
async function scanInputs(
  store: ManifestStore,
  request: ScanRequest,
  sources: Source[],
): Promise<boolean> {
  const options: ProcessOptions = { maxBytes: request.maxBytes };
  const batchSize = request.batchSize ?? 64;
  const commitRows = request.commitRows ?? 4096;
  const pool =
    request.workers > 1
      ? new WorkerPool<WorkItem[], FileFacts[]>(workerUrl(), request.workers, options)
      : null;
  const maxInFlight = Math.max(2, request.workers * 3);
  const committed = await store.committedCounts();
  const [done] = await store.all<{ n: number; b: number | null }>(
    "SELECT count(*) AS n, sum(size) AS b FROM files",
  );
  let files = done?.n ?? 0;
  let bytes = done?.b ?? 0;

  const inFlight: { rows: Promise<ManifestRow[]>; bytes: number }[] = [];
  let inFlightBytes = 0;
  let pending: ManifestRow[] = [];
  let lastCommit = Date.now();

  // Commits run one after another in the order the rows were made (so what is
  // committed is always a prefix, and a resume skips exactly that), but the
  // scan goes on reading and detecting while DuckDB writes the last batch.
  let writing: Promise<void> = Promise.resolve();
  const commit = async (wait = false) => {
    if (pending.length > 0) {
      const rows = pending;
      pending = [];
      lastCommit = Date.now();
      writing = writing.then(async () => {
        await store.append(rows);
        for (const r of rows) bytes += r.size ?? 0;
        files += rows.length;
        request.onRows?.(rows);
        request.onProgress?.({ files, bytes });
      });
      // At most one batch waits behind the one being written: memory stays bounded.
      if (!wait) {
        const current = writing;
        await previous;
        previous = current;
      }
    }
    if (wait) await writing;
  };
  let previous: Promise<void> = Promise.resolve();

  const drainOne = async () => {
    const next = inFlight.shift()!;
    inFlightBytes -= next.bytes;
    pending.push(...(await next.rows));
    if (pending.length >= commitRows || Date.now() - lastCommit > 1000) await commit();
  };

  const submit = async (input: number, batch: SourceFile[], batchBytes: number) => {
    const readable = batch.filter((f) => !f.error);
    const items: WorkItem[] = readable.map((f) => {
      const item: WorkItem = { path: f.path };
      if (f.bytes) item.bytes = f.bytes;
      if (f.fsPath !== undefined) item.fsPath = f.fsPath;
      return item;
    });
    const work =
      items.length === 0
        ? Promise.resolve([])
        : pool
          ? pool.run(items)
          : processBatch(items, options);
    const rows = work.then((facts) => {
      let k = 0;
      return batch.map((f) =>
        rowOf(input, f, f.error ? errorFacts(f.path, f.error.code, f.error.message) : facts[k++]!),
      );
    });
    // Keep a rejection from going unhandled while it waits its turn in the FIFO.
    rows.catch(() => {});
    inFlight.push({ rows, bytes: batchBytes });
    inFlightBytes += batchBytes;
    while (inFlight.length >= maxInFlight || inFlightBytes > MAX_INFLIGHT_BYTES) await drainOne();
  };

  // The manifest may lie inside an input (`tgpl scan . --out corpus.duckdb`): its own files
  // change while they are read, so they are left out (the same way in every run, so resume holds).
  const out = resolve(request.out);
  const outName = basename(out);
  const isOwnFile = (f: SourceFile) =>
    // Most paths do not even hold the manifest's name: no resolve() for them.
    f.fsPath?.includes(outName) === true &&
    [out, `${out}.wal`, `${out}.tmp`].some((p) => {
      const at = resolve(f.fsPath!);
      return at === p || at.startsWith(`${p}/`);
    });
  const { signal } = request;
  try {
    for (let input = 0; input < sources.length && !signal?.aborted; input++) {
      const source = sources[input]!;
      let batch: SourceFile[] = [];
      let batchBytes = 0;
      try {
        for await (const file of source.files({
          skip: committed.get(input) ?? 0,
          ...(signal ? { signal } : {}),
        })) {
          if (isOwnFile(file)) continue;
          batch.push(file);
          batchBytes += file.bytes?.length ?? 0;
          if (batch.length >= batchSize || batchBytes >= MAX_BATCH_BYTES) {
            await submit(input, batch, batchBytes);
            batch = [];
            batchBytes = 0;
          }
          if (signal?.aborted) break;
        }
      } catch (e) {
        // Sources stop with the signal's reason when aborted; anything else is a real failure.
        if (!signal?.aborted) throw e;
      }
      if (batch.length > 0) await submit(input, batch, batchBytes);
    }
    while (inFlight.length > 0) await drainOne();
    await commit(true);
  } finally {
    // Never close the store under a write in flight.
    await writing.catch(() => {});
    await pool?.close();
  }
  return !signal?.aborted;
}
