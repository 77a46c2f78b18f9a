import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetSource } from "./parquet.node.ts";
import { collect, run, tempDir } from "./test-utils/fixtures.ts";

const MIT = readFileSync(new URL("../../node_modules/yauzl/LICENSE", import.meta.url), "utf8");

/** Runs SQL in a throwaway DuckDB, as a dataset builder would to write Parquet. */
async function duck(sql: string, params: string[] = []): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(sql, params);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test("reads a Parquet file written by DuckDB in row order, across chunks, with list columns in meta", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "mit"), MIT);
  const blob = run(dir, "git", ["hash-object", "mit"]).trim();
  const input = join(dir, "stack.parquet");
  // 5000 rows cross DuckDB's 2048-row chunks; row 2 has no content.
  await duck(
    `COPY (
       SELECT
         CASE WHEN i = 0 THEN $1 WHEN i = 2 THEN NULL ELSE 'int f' || i || '(void);' END AS content,
         CASE WHEN i = 0 THEN 'LICENSE' ELSE 'src/f' || i || '.c' END AS path,
         'acme/repo' || (i % 3) AS repo_name,
         CASE WHEN i = 0 THEN $2 ELSE NULL END AS blob_id,
         ['MIT'] AS detected_licenses,
         i * 10 AS length_bytes
       FROM range(5000) t(i)
     ) TO '${input}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    [MIT, blob],
  );
  const files = await collect(parquetSource(input));
  assert.equal(files.length, 5000);
  assert.deepEqual(
    files.map((f) => f.ordinal),
    files.map((_, i) => i),
  );
  const [first, second, third] = files;
  assert.equal(Buffer.from(first!.bytes!).toString("utf8"), MIT);
  assert.equal(first!.path, "LICENSE");
  assert.equal(first!.blobId, blob);
  assert.equal(first!.project, "acme/repo0");
  assert.deepEqual(first!.origin, { kind: "dataset", input, row: 0, repository: "acme/repo0" });
  assert.deepEqual(first!.meta, { detected_licenses: ["MIT"], length_bytes: 0 });
  assert.equal(Buffer.from(second!.bytes!).toString(), "int f1(void);");
  assert.equal(second!.blobId, undefined);
  assert.equal(third!.error?.code, "missing-content");
  assert.equal(files[4999]!.path, "src/f4999.c");

  const rest = await collect(parquetSource(input), { skip: 3000 });
  assert.deepEqual(rest, files.slice(3000));
});

test("BLOB content and custom column names; a damaged file gives one 'corrupt' record", async (t) => {
  const dir = tempDir(t);
  const input = join(dir, "blobs.parquet");
  await duck(
    `COPY (SELECT encode($1) AS data, 'COPYING' AS file, 'me/it' AS repository) TO '${input}' (FORMAT parquet)`,
    [MIT],
  );
  const columns = { content: "data", path: "file", repo: "repository" };
  const [file] = await collect(parquetSource(input, { columns }));
  assert.equal(Buffer.from(file!.bytes!).toString("utf8"), MIT);
  assert.equal(file!.path, "COPYING");
  assert.equal(file!.project, "me/it");
  assert.equal(file!.meta, undefined);

  const whole = readFileSync(input);
  writeFileSync(input, whole.subarray(0, whole.length - 100));
  const broken = await collect(parquetSource(input, { columns }));
  assert.deepEqual(
    broken.map((f) => f.error?.code),
    ["corrupt"],
  );
  assert.match(broken[0]!.error!.message, /cannot read .* as Parquet/);
});
