/** `tgpl detect FILE...`: the licence of each file. */
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { Detection } from "../../detect/types.ts";
import { UsageError } from "../../errors.ts";
import { formatDetection } from "../../report/detection.ts";
import { Progress } from "../../report/progress.ts";
import { defaultWorkers, WorkerPool } from "../../workers/pool.node.ts";
import { intOption, parse, sizeOption } from "../args.ts";

const USAGE = `Usage: tgpl detect FILE|DIR... [options]

Names the licence of each file: SPDX tags, package manifests, full licence
texts and short notices, joined into one SPDX expression per file.

Options:
  --json               one JSON array of {path, expression, matches} on stdout
  --ndjson             one JSON object per file, as each is done
  --files-from FILE    read paths one per line from FILE ('-' for stdin)
  --workers N          threads to use (default: 1 for a few files, else all cores)
  --max-bytes SIZE     bytes read from the start of each file (default 1M)
  -q, --quiet          text output: only files with a licence or an error

A directory is walked recursively (.git is skipped). For a whole corpus with
provenance and a manifest, use 'tgpl scan'.
Exit codes: 0 done, 2 bad usage or a file that could not be read.`;

const BATCH = 64;
/** Files the main thread detects between looks at the worker threads. */
const SLICE = 16;
/** Batches done or in progress beyond the oldest one not yet written out. */
const AHEAD = 64;
/** Characters of output held before a write. */
const OUT_CHUNK = 1 << 16;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      "files-from": { type: "string" },
      workers: { type: "string" },
      "max-bytes": { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const paths = await expandInputs(positionals, values["files-from"]);
  if (paths.length === 0) throw new UsageError(`no files given\n\n${USAGE}`);
  const maxBytes = sizeOption(values["max-bytes"], "max-bytes", 1 << 20);
  const workers = intOption(values.workers, "workers", paths.length > 256 ? defaultWorkers() : 1);

  const progress = new Progress(
    "detect",
    Boolean(process.stderr.isTTY) && !values.json && !values.ndjson,
  );
  const results: Detection[] = [];
  let failed = false;
  // Lines go out a batch at a time: on Linux a write to a pipe is a blocking
  // system call, and one per file cost the main thread more than some files do.
  let pendingOut = "";
  const flushOut = () => {
    if (pendingOut) process.stdout.write(pendingOut);
    pendingOut = "";
  };
  const emit = (d: Detection) => {
    if (d.error) failed = true;
    if (values.ndjson) pendingOut += `${JSON.stringify(d)}\n`;
    else if (values.json) results.push(d);
    else if (!values.quiet || d.expression || d.error) pendingOut += `${formatDetection(d)}\n`;
    if (pendingOut.length >= OUT_CHUNK) flushOut();
  };

  let done = 0;
  if (workers <= 1) {
    const { detectFile } = await import("../../detect/detect-file.node.ts");
    for (const path of paths) {
      emit(detectFile(path, { maxBytes }));
      if (++done % BATCH === 0) flushOut();
      progress.update(done, paths.length);
    }
  } else {
    compileLessWhenCoresAreBusy();
    // The main thread works too: N workers means N - 1 threads beside it. It
    // starts at once, while the threads load (a few hundred ms that would
    // otherwise be idle), and is otherwise idle anyway: output is cheap.
    const pool = new WorkerPool<string[], Detection[]>(
      new URL(
        `../../detect/detect-worker.node${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
        import.meta.url,
      ),
      workers - 1,
      { maxBytes },
    );
    // The detection modules load here only after the threads have started
    // loading theirs: on 2 cores both load at once instead of one after the other.
    const { detectFile } = await import("../../detect/detect-file.node.ts");
    try {
      const batches: string[][] = [];
      for (let i = 0; i < paths.length; i += BATCH) batches.push(paths.slice(i, i + BATCH));
      // Results in input order: each batch's place holds its result or, until
      // the thread reports, its promise.
      const results: (Detection[] | Promise<Detection[]>)[] = [];
      /** Batches handed out (to a thread or this one), and batches written. */
      let next = 0;
      let emitted = 0;
      const write = (batch: Detection[]) => {
        for (const d of batch) emit(d);
        flushOut();
        done += batch.length;
        progress.update(done, paths.length);
        results[emitted++] = [];
      };
      // Write what is ready, in order, without waiting: records stream out as
      // they are made while this thread goes on detecting.
      const writeReady = () => {
        for (let r = results[emitted]; Array.isArray(r); r = results[emitted]) write(r);
      };
      // Write in order, waiting, until at most `keep` batches are outstanding.
      const flush = async (keep: number) => {
        while (next - emitted > keep) write(await results[emitted]!);
      };
      const tick = () => new Promise((r) => setImmediate(r));
      // Keep each thread two batches ahead.
      const feed = () => {
        while (next < batches.length && pool.pending < 2 * (workers - 1)) {
          const slot = next++;
          const work = pool.run(batches[slot]!);
          results[slot] = work;
          work.then(
            (detections) => {
              results[slot] = detections;
            },
            () => {}, // flush() awaits the promise itself and sees the failure
          );
        }
      };
      while (next < batches.length) {
        feed();
        if (next === batches.length) break;
        // The threads are busy: take the next batch here, a slice at a time,
        // topping the threads up between slices so that none runs dry.
        const slot = next++;
        const batch = batches[slot]!;
        const out: Detection[] = [];
        for (let k = 0; k < batch.length; k += SLICE) {
          for (const path of batch.slice(k, k + SLICE)) out.push(detectFile(path, { maxBytes }));
          await tick(); // let finished threads report
          feed();
        }
        results[slot] = out;
        writeReady();
        // Waiting here for the oldest batch idles this thread; the threads
        // start a few hundred ms after it, so it runs ahead by up to
        // AHEAD batches (a few thousand small results held in memory).
        if (next - emitted > AHEAD) await flush(AHEAD / 2);
      }
      await flush(0);
    } finally {
      await pool.close();
    }
  }
  flushOut();
  progress.done();
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 2 : 0;
}

/**
 * With a detection thread on every core, V8's optimising compiler runs on
 * threads of its own that take CPU from detection: a first pass over 20,000
 * source files took 3.8 CPU-s, the same pass once warm 2.5. Without inlining
 * or loop peeling it compiles less (3.5 CPU-s) for code as fast once warm:
 * 2 workers on 2 cores, 20,000 files 13% less time, 80,000 files the same.
 * Set before any detection code is optimised; worker threads share the
 * process's flags. One thread alone has the other cores to compile on, and
 * keeps the defaults.
 */
function compileLessWhenCoresAreBusy(): void {
  setFlagsFromString("--no-turbo-inlining");
  setFlagsFromString("--no-turbo-loop-peeling");
}

/** Files as given, directories walked, and lists read from a file or stdin. */
async function expandInputs(
  positionals: string[],
  filesFrom: string | undefined,
): Promise<string[]> {
  const out: string[] = [];
  if (filesFrom !== undefined) {
    const text = filesFrom === "-" ? await readStdin() : await readFile(filesFrom, "utf8");
    out.push(...text.split(/\r?\n/).filter((l) => l.length > 0));
  }
  for (const p of positionals) {
    if (p === "-") {
      out.push(...(await readStdin()).split(/\r?\n/).filter((l) => l.length > 0));
      continue;
    }
    const info = await stat(p).catch(() => undefined);
    if (info?.isDirectory()) out.push(...(await walk(p)));
    else out.push(p); // missing files become error records, not a crash
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
