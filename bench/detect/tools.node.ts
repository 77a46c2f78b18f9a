/**
 * Runs the three detectors over a list of files, the way each is run in
 * practice in batch, and measures them: wall time, time to first result, peak
 * memory (`/usr/bin/time -f %M`). A tool that crashes on a file costs a retry,
 * not the benchmark: the files it left unanswered are run again in halves
 * until the file that kills it is found and recorded as an error.
 */
import { spawn } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromLicensecheck, fromLicensee, fromTgpl, type PeerAnswer } from "./peer-names.ts";

export type ToolName = "tgpl" | "licensecheck" | "licensee";
export const TOOLS: readonly ToolName[] = ["tgpl", "licensecheck", "licensee"];

export interface ToolRun {
  tool: ToolName;
  workers: number;
  answers: Map<string, PeerAnswer>;
  /** Files the tool failed on (its own error record, or it crashed on them). */
  errors: Map<string, string>;
  wallMs: number;
  /** From the first spawn to the first result line, when the tool flushes per line. */
  firstResultMs: number | null;
  /** Peak resident memory in KiB: the sum over processes running at once. */
  peakKb: number;
  /** User + system CPU time of all processes, in ms: less swayed than wall time by other work on the machine. */
  cpuMs: number;
  /** Processes that exited abnormally (each one cost a retry). */
  crashes: number;
  processes: number;
}

interface Invocation {
  cmd: string;
  args: string[];
  /** Paths sent on stdin, one per line; else they are in args. */
  stdin?: string;
}

interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  peakKb: number;
  cpuMs: number;
  firstLineMs: number | null;
  stderr: string;
}

const REPO = new URL("../../", import.meta.url).pathname;
const LICENSEE_SCRIPT = new URL("./licensee-batch.rb", import.meta.url).pathname;
/** Stay well under Linux's ARG_MAX (2 MiB incl. the environment) for licensecheck's path list. */
const ARG_BYTES = 1 << 20;

/** Extra licensecheck options, e.g. `--lines=0`; the defaults are what users run. */
export interface ToolOptions {
  licensecheckArgs: string[];
}

function invocations(
  tool: ToolName,
  paths: string[],
  workers: number,
  o: ToolOptions,
): Invocation[] {
  if (tool === "tgpl") {
    return [
      {
        cmd: process.execPath,
        args: [
          join(REPO, "bin/tgpl.js"),
          "detect",
          "--ndjson",
          "--workers",
          String(workers),
          "--files-from",
          "-",
        ],
        stdin: `${paths.join("\n")}\n`,
      },
    ];
  }
  if (tool === "licensee") {
    return [{ cmd: "ruby", args: [LICENSEE_SCRIPT], stdin: `${paths.join("\n")}\n` }];
  }
  // licensecheck takes paths as arguments; `--check .` keeps files whose
  // names its default filter would skip (LICENSE, COPYING have no source suffix).
  const base = ["--machine", "--shortname-scheme=spdx", "--check", ".", ...o.licensecheckArgs];
  const out: Invocation[] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const p of paths) {
    if (chunk.length > 0 && bytes + p.length + 1 > ARG_BYTES) {
      out.push({ cmd: "licensecheck", args: [...base, "--", ...chunk] });
      chunk = [];
      bytes = 0;
    }
    chunk.push(p);
    bytes += p.length + 1;
  }
  if (chunk.length > 0) out.push({ cmd: "licensecheck", args: [...base, "--", ...chunk] });
  return out;
}

function parseLine(
  tool: ToolName,
  line: string,
): { path: string; answer?: PeerAnswer; error?: string } | null {
  if (tool === "licensecheck") {
    const tab = line.indexOf("\t");
    if (tab < 0) return null;
    return { path: line.slice(0, tab), answer: fromLicensecheck(line.slice(tab + 1)) };
  }
  let obj: { path?: unknown; expression?: unknown; license?: unknown; error?: unknown };
  try {
    obj = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof obj.path !== "string") return null;
  if (obj.error) {
    const e = obj.error as { message?: string } | string;
    return { path: obj.path, error: typeof e === "string" ? e : (e.message ?? "error") };
  }
  if (tool === "tgpl") {
    return {
      path: obj.path,
      answer: fromTgpl(typeof obj.expression === "string" ? obj.expression : null),
    };
  }
  return {
    path: obj.path,
    answer: fromLicensee(typeof obj.license === "string" ? obj.license : null),
  };
}

/** Run one process under /usr/bin/time (peak RSS, CPU time), feeding each stdout line to `onLine`. */
function runProcess(
  inv: Invocation,
  onLine: (line: string) => void,
  t0: number,
): Promise<ProcResult> {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-bench-"));
  const timeFile = join(dir, "time");
  // The tool reads its paths from a file and writes its answers to one, so the
  // harness handles no data while the tool runs (no CPU taken from the tool
  // being timed) and reads the answers after it exits.
  const inFile = join(dir, "in");
  const outFile = join(dir, "out");
  writeFileSync(inFile, inv.stdin ?? "");
  const inFd = openSync(inFile, "r");
  const outFd = openSync(outFile, "w");
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", timeFile, inv.cmd, ...inv.args], {
      stdio: [inFd, outFd, "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    closeSync(inFd);
    closeSync(outFd);
    // First result: when the answers file first grows (a stat every few ms).
    let firstLineMs: number | null = null;
    const watch = setInterval(() => {
      if (statSync(outFile).size > 0) {
        firstLineMs = performance.now() - t0;
        clearInterval(watch);
      }
    }, 5);
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.on("error", (e) => {
      stderr += String(e);
    });
    child.on("close", (code, signal) => {
      clearInterval(watch);
      for (const line of readFileSync(outFile, "utf8").split("\n")) {
        if (line !== "") onLine(line);
      }
      let peakKb = 0;
      let cpuMs = 0;
      try {
        const lines = readFileSync(timeFile, "utf8").trim().split("\n");
        const [rss, user, sys] = (lines[lines.length - 1] ?? "").split(" ").map(Number);
        peakKb = rss || 0;
        cpuMs = ((user || 0) + (sys || 0)) * 1000;
        // /usr/bin/time writes "Command exited with non-zero status N" first.
        const status = /non-zero status (\d+)/.exec(lines[0] ?? "");
        if (status && code === 0) code = Number(status[1]);
      } catch {
        // no time file: the process did not start; reported through code/stderr
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, peakKb, cpuMs, firstLineMs, stderr });
    });
  });
}

/** Exit codes that mean "done", per tool: tgpl exits 2 when some file could not be read. */
const okExit = (tool: ToolName, code: number | null) =>
  code === 0 || (tool === "tgpl" && code === 2);

/**
 * Run `tool` over `paths` with `workers` processes (tgpl: one process with
 * `--workers N` threads; peers: N processes over interleaved shares of the list).
 */
export async function runTool(
  tool: ToolName,
  paths: string[],
  workers: number,
  options: ToolOptions = { licensecheckArgs: [] },
): Promise<ToolRun> {
  const run: ToolRun = {
    tool,
    workers,
    answers: new Map(),
    errors: new Map(),
    wallMs: 0,
    firstResultMs: null,
    peakKb: 0,
    cpuMs: 0,
    crashes: 0,
    processes: 0,
  };
  const wanted = new Set(paths);
  const t0 = performance.now();
  const onLine = (line: string) => {
    const parsed = parseLine(tool, line);
    if (!parsed || !wanted.has(parsed.path)) return;
    if (parsed.error !== undefined) run.errors.set(parsed.path, parsed.error);
    else if (parsed.answer) run.answers.set(parsed.path, parsed.answer);
  };

  // Each lane runs its invocations one after the other; lanes run at once.
  const shares: string[][] = Array.from({ length: tool === "tgpl" ? 1 : workers }, () => []);
  paths.forEach((p, i) => {
    shares[i % shares.length]!.push(p);
  });
  const lanePeaks = await Promise.all(
    shares.map(async (share) => {
      let peak = 0;
      const queue = [share];
      while (queue.length > 0) {
        const batch = queue.shift()!;
        if (batch.length === 0) continue;
        for (const inv of invocations(tool, batch, workers, options)) {
          const inArgs =
            inv.stdin === undefined ? inv.args.slice(inv.args.indexOf("--") + 1) : batch;
          const r = await runProcess(inv, onLine, t0);
          run.processes++;
          run.cpuMs += r.cpuMs;
          peak = Math.max(peak, r.peakKb);
          if (
            r.firstLineMs !== null &&
            (run.firstResultMs === null || r.firstLineMs < run.firstResultMs)
          )
            run.firstResultMs = r.firstLineMs;
          if (okExit(tool, r.code)) continue;
          run.crashes++;
          const missing = inArgs.filter((p) => !run.answers.has(p) && !run.errors.has(p));
          const why = `exit ${r.code ?? r.signal}: ${r.stderr.trim().split("\n").slice(-1)[0] ?? ""}`;
          if (missing.length === 1) run.errors.set(missing[0]!, why);
          else if (missing.length > 1) {
            const half = Math.ceil(missing.length / 2);
            queue.push(missing.slice(0, half), missing.slice(half));
          }
        }
      }
      return peak;
    }),
  );
  run.wallMs = performance.now() - t0;
  run.peakKb = lanePeaks.reduce((a, b) => a + b, 0);
  return run;
}

/** Wall time of one run on one file, in ms (start-up plus that file). */
export async function timeOne(tool: ToolName, path: string, options: ToolOptions): Promise<number> {
  const t0 = performance.now();
  const [inv] = invocations(tool, [path], 1, options);
  await runProcess(inv!, () => {}, t0);
  return performance.now() - t0;
}
