/**
 * The scan, lookup, proof and export commands as a user runs them: the real
 * CLI in a child process, on a real small tree, then kill -9 in the middle of
 * a scan and a rerun that must end with the same manifest as an uninterrupted one.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { ManifestStore } from "../../manifest/store.node.ts";
import { type Corpus, makeCorpus } from "../../scan/test-utils/corpus.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const MAIN = join(ROOT, "src", "cli", "main.ts");
// Resolved here: the children run in temp directories where a bare `tsx` would not resolve.
const TSX = import.meta.resolve("tsx");

function tgpl(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI in this process, for the cases that need no fresh process: exit code and what it wrote. */
async function tgplHere(args: string[]) {
  const { main } = await import("../main.ts");
  const out: string[] = [];
  const err: string[] = [];
  const write = { stdout: process.stdout.write, stderr: process.stderr.write };
  // Commands write strings; the test runner's own reports (binary, from a child test process) pass through.
  const capture =
    (sink: string[], original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    (chunk: unknown, ...rest: unknown[]) =>
      typeof chunk === "string"
        ? sink.push(chunk) > 0
        : (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
  process.stdout.write = capture(out, write.stdout, process.stdout) as typeof process.stdout.write;
  process.stderr.write = capture(err, write.stderr, process.stderr) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = write.stdout;
    process.stderr.write = write.stderr;
  }
}

async function rowsOf(path: string): Promise<Record<string, unknown>[]> {
  const store = await ManifestStore.open(path, { readOnly: true });
  try {
    return await store.all("SELECT * FROM files ORDER BY input, ordinal");
  } finally {
    store.close();
  }
}

let corpus: Corpus;
before(() => {
  corpus = makeCorpus();
});
after(() => corpus.cleanup());

test("scan → lookup → proof verify → export, as a user runs them", async () => {
  const { dir, project } = corpus;
  const scanned = tgpl(["scan", project, "--out", "m.duckdb", "--json", "--workers", "1"], dir);
  assert.equal(scanned.code, 0, scanned.stderr);
  const summary = JSON.parse(scanned.stdout);
  assert.match(summary.merkleRoot, /^[0-9a-f]{64}$/);
  assert.equal(summary.state, "done");
  assert.equal(summary.errorCount, 1);
  assert.ok(summary.licences.some((l: { licence: string }) => l.licence === "AGPL-3.0-or-later"));
  const rows = await rowsOf(join(dir, "m.duckdb"));
  assert.equal(rows.length, summary.files);
  const own = rows.find((r) => r.path === "src/errors.ts")!;
  assert.equal(own.licence, "AGPL-3.0-or-later");
  assert.equal(own.licence_source, "inherited");

  // My files: one copied from the corpus, one of my own, and an empty one.
  const mine = join(dir, "mine");
  mkdirSync(mine);
  cpSync(join(project, "node_modules", "pend", "index.js"), join(mine, "pend.js"));
  writeFileSync(
    join(mine, "original.js"),
    "// code no corpus has seen: 7c1e0b\nexport const x = 1;\n",
  );
  writeFileSync(join(mine, "empty.js"), "");
  const looked = tgpl(
    ["lookup", mine, "--manifest", "m.duckdb", "--proofs", "proofs", "--json"],
    dir,
  );
  assert.equal(looked.code, 1, `found files mean exit 1: ${looked.stderr}`);
  const report = JSON.parse(looked.stdout);
  assert.equal(report.root, summary.merkleRoot);
  const byName = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
  assert.equal(byName["pend.js"].found, true);
  assert.equal(byName["pend.js"].in[0].path, "node_modules/pend/index.js");
  assert.equal(byName["pend.js"].in[0].licence, "MIT");
  assert.equal(byName["pend.js"].proof.type, "inclusion");
  assert.equal(byName["original.js"].found, false);
  assert.equal(byName["original.js"].proof.type, "exclusion");
  assert.equal(byName["empty.js"].found, true, "the corpus has an empty file too");

  const proofs = ["pend.js", "original.js", "empty.js"].map((f) =>
    join("proofs", `${f}.proof.json`),
  );
  const verified = tgpl(["proof", "verify", ...proofs, "--root", summary.merkleRoot], dir);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /pend\.js\.proof\.json: valid: [0-9a-f]{64} is in the tree/);
  assert.match(
    verified.stdout,
    /original\.js\.proof\.json: valid: [0-9a-f]{64} is not in the tree/,
  );
  const size = readFileSync(join(dir, proofs[0]!)).length;
  assert.ok(size < 2048, `${size} bytes`);

  // A proof against another root, or a tampered proof, is invalid: exit 1.
  const at = (p: string) => join(dir, p);
  const other = "0".repeat(64);
  assert.equal((await tgplHere(["proof", "verify", at(proofs[0]!), "--root", other])).code, 1);
  const tampered = JSON.parse(readFileSync(at(proofs[0]!), "utf8"));
  tampered.index += 1;
  writeFileSync(at("tampered.json"), JSON.stringify(tampered));
  const bad = await tgplHere([
    "proof",
    "verify",
    at("tampered.json"),
    "--root",
    summary.merkleRoot,
  ]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /INVALID/);
  assert.equal(
    (await tgplHere(["proof", "verify", at("m.duckdb"), "--root", summary.merkleRoot])).code,
    2,
  );
  assert.equal((await tgplHere(["proof", "verify", at(proofs[0]!), "--root", "xyz"])).code, 2);

  // Nothing found: exit 0.
  const alone = join(dir, "alone");
  mkdirSync(alone);
  writeFileSync(join(alone, "new.js"), "export const y = 'not in any corpus: 1f9a';\n");
  assert.equal((await tgplHere(["lookup", alone, "--manifest", at("m.duckdb")])).code, 0);

  const exported = await tgplHere(["export", at("m.duckdb"), "--format", "parquet", "--json"]);
  assert.equal(exported.code, 0, exported.stderr);
  const out = JSON.parse(exported.stdout);
  assert.equal(out.rows, rows.length);
  const store = await ManifestStore.open(join(dir, "m.duckdb"), { readOnly: true });
  try {
    const [count] = await store.all<{ n: number }>(
      `SELECT count(*) AS n FROM read_parquet('${join(dir, "m.parquet")}')`,
    );
    assert.equal(count!.n, rows.length);
    const kv = await store.all<{ value: string }>(
      `SELECT decode(value) AS value FROM parquet_kv_metadata('${join(dir, "m.parquet")}') WHERE decode(key) = 'tgpl_merkle_root'`,
    );
    assert.equal(kv[0]?.value, summary.merkleRoot);
  } finally {
    store.close();
  }
  assert.equal((await tgplHere(["export", at("m.duckdb"), "--format", "spdx9"])).code, 2);
});

test("bad usage and bad input exit 2 with a message that says what to do", async () => {
  const { dir, project } = corpus;
  const missing = await tgplHere([
    "scan",
    join(dir, "no-such-dir"),
    "--out",
    join(dir, "x.duckdb"),
  ]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /does not exist/);
  assert.equal(existsSync(join(dir, "x.duckdb")), false, "no manifest is made for a missing input");
  const other = await tgplHere(["scan", join(project, "src"), "--out", join(dir, "m.duckdb")]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /--force/);
  const notManifest = await tgplHere([
    "lookup",
    project,
    "--manifest",
    join(project, "package.json"),
  ]);
  assert.equal(notManifest.code, 2);
  assert.match(notManifest.stderr, /manifest/);
  assert.equal((await tgplHere(["lookup", project])).code, 2);
  assert.equal((await tgplHere(["scan"])).code, 2);
});

/** Run a CLI command and send it `signal` once it has printed `lines` lines (NDJSON rows, printed as committed). */
function signalAfter(
  args: string[],
  cwd: string,
  lines: number,
  signal: NodeJS.Signals,
): Promise<{ seen: number; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", TSX, MAIN, ...args], { cwd });
    let seen = 0;
    createInterface({ input: child.stdout! }).on("line", () => {
      if (++seen === lines) child.kill(signal);
    });
    child.on("error", reject);
    child.on("exit", (code, sig) => resolve({ seen, code, signal: sig }));
  });
}

test("kill -9 in the middle of a scan, run it again: the same rows and root as without the kill", async () => {
  const { dir } = corpus;
  // A real tree big enough to be killed half-way: the TypeScript package as installed.
  const input = join(ROOT, "node_modules", "typescript");
  const full = tgpl(["scan", input, "--out", "full.duckdb", "--json", "--workers", "1"], dir);
  assert.equal(full.code, 0, full.stderr);
  const reference = JSON.parse(full.stdout);

  const args = ["scan", input, "--out", "killed.duckdb", "--workers", "1", "--commit-rows", "20"];
  const killed = await signalAfter([...args, "--ndjson"], dir, 20, "SIGKILL");
  assert.equal(killed.signal, "SIGKILL");
  const partial = await rowsOf(join(dir, "killed.duckdb"));
  assert.ok(
    partial.length >= 20 && partial.length < reference.files,
    `${partial.length} rows committed before the kill`,
  );

  // Ctrl-C: the run commits what it read, says how to resume, and exits 130.
  const stopped = await signalAfter([...args, "--ndjson"], dir, 20, "SIGINT");
  assert.equal(stopped.code, 130);
  const more = await rowsOf(join(dir, "killed.duckdb"));
  assert.ok(
    more.length > partial.length && more.length < reference.files,
    `${more.length} rows after Ctrl-C`,
  );
  assert.deepEqual(more.slice(0, partial.length), partial, "what was committed stays as it was");

  // Resume with two workers: the worker count is not part of what makes a scan the same.
  const resumed = tgpl([...args.slice(0, 4), "--workers", "2", "--json"], dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assert.equal(summary.resumed, true);
  assert.equal(summary.merkleRoot, reference.merkleRoot);
  assert.equal(summary.files, reference.files);
  assert.deepEqual(
    await rowsOf(join(dir, "killed.duckdb")),
    await rowsOf(join(dir, "full.duckdb")),
  );
});
