import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { InputError } from "../errors.ts";
import { openSource } from "./index.ts";
import { collect, run, tempDir } from "./test-utils/fixtures.ts";

const LICENSE = new URL("../../node_modules/yauzl/LICENSE", import.meta.url);

/** One corpus in every form tgpl reads, each made by the tool that makes it in the wild. */
async function inputs(dir: string): Promise<{ proj: string }> {
  const proj = join(dir, "proj");
  mkdirSync(proj);
  copyFileSync(LICENSE, join(proj, "LICENSE"));
  run(proj, "git", ["init", "-q"]);
  run(proj, "git", ["add", "LICENSE"]);
  run(proj, "git", ["commit", "-q", "-m", "licence"]);
  writeFileSync(join(proj, "untracked.c"), "int x;\n");
  run(proj, "tar", ["--exclude=.git", "-cf", "../p.tar", "LICENSE"]);
  run(proj, "tar", ["--exclude=.git", "-czf", "../p.bin", "LICENSE"]); // gzip by magic, not by name
  run(proj, "zip", ["-q", "../p.zip", "LICENSE"]);
  writeFileSync(join(dir, "p.jsonl"), `${JSON.stringify({ content: "MIT", path: "LICENSE" })}\n`);
  writeFileSync(
    join(dir, "p.ndjson.gz"),
    gzipSync(`${JSON.stringify({ content: "MIT", path: "LICENSE" })}\n`),
  );
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT 'MIT' AS content, 'LICENSE' AS path) TO '${join(dir, "p.parquet")}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  writeFileSync(join(dir, "notes.txt"), "just text\n");
  return { proj };
}

test("each kind of input gets its reader", async (t) => {
  const dir = tempDir(t);
  const { proj } = await inputs(dir);
  const cases: [string, RegExp, string[]][] = [
    [proj, /^directory /, ["LICENSE", "untracked.c"]],
    [`git:${proj}`, /^git repository /, ["LICENSE"]],
    [join(dir, "p.tar"), /^tar archive /, ["LICENSE"]],
    [join(dir, "p.bin"), /^tar\.gz archive /, ["LICENSE"]],
    [join(dir, "p.zip"), /^zip archive /, ["LICENSE"]],
    [join(dir, "p.jsonl"), /^JSONL dataset /, ["LICENSE"]],
    [join(dir, "p.ndjson.gz"), /^gzipped JSONL dataset /, ["LICENSE"]],
    [join(dir, "p.parquet"), /^Parquet dataset /, ["LICENSE"]],
  ];
  for (const [input, description, paths] of cases) {
    const source = await openSource(input);
    assert.match(source.description, description, input);
    assert.deepEqual(
      (await collect(source)).map((f) => f.path),
      paths,
      input,
    );
  }
  // A directory holding .git is read through git when asked.
  assert.match((await openSource(proj, { git: true })).description, /^git repository/);
  assert.match((await openSource(proj, { rev: "HEAD" })).description, /^git repository/);
});

test("'-' reads paths from the given stdin", async (t) => {
  const dir = tempDir(t);
  copyFileSync(LICENSE, join(dir, "LICENSE"));
  const source = await openSource("-", { stdin: Readable.from([join(dir, "LICENSE")]) });
  const files = await collect(source);
  assert.deepEqual(
    files.map((f) => f.fsPath),
    [join(dir, "LICENSE")],
  );
});

test("missing, unknown and mismatched inputs are InputErrors that say what is read", async (t) => {
  const dir = tempDir(t);
  await inputs(dir);
  const refused = async (input: string, pattern: RegExp, options = {}) => {
    await assert.rejects(openSource(input, options), (e) => {
      assert.ok(e instanceof InputError, input);
      assert.match(`${e.message} ${e.hint}`, pattern, input);
      return true;
    });
  };
  await refused(join(dir, "nope.tar"), /does not exist/);
  await refused(join(dir, "notes.txt"), /cannot tell what kind of input .*notes\.txt.*tar\.gz/);
  await refused(join(dir, "p.tar"), /not a directory, so it cannot be read as a git repository/, {
    rev: "HEAD",
  });
  await refused(`git:${dir}`, /not a git repository/);
});
