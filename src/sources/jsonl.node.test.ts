import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { jsonlSource } from "./jsonl.node.ts";
import { collect, run, tempDir } from "./test-utils/fixtures.ts";

const MIT = readFileSync(new URL("../../node_modules/yauzl/LICENSE", import.meta.url), "utf8");
const IGNORE_MIT = readFileSync(
  new URL("../../node_modules/ignore/LICENSE-MIT", import.meta.url),
  "utf8",
);

/** Rows shaped like The Stack v2 (`path`, `repo_name`, `blob_id`) and StarCoder data (`max_stars_*`, `hexsha`). */
function rows(dir: string): string[] {
  writeFileSync(join(dir, "mit"), MIT);
  const blob = run(dir, "git", ["hash-object", "mit"]).trim();
  return [
    JSON.stringify({
      blob_id: blob,
      path: "/LICENSE",
      repo_name: "thejoshwolfe/yauzl",
      content: MIT,
      detected_licenses: ["MIT"],
      license_type: "permissive",
      lang: "Text",
      length_bytes: Buffer.byteLength(MIT),
    }),
    "",
    '{"content": "int x;", "path": "a.c", ', // cut short
    JSON.stringify({
      hexsha: "not-a-sha",
      max_stars_repo_path: "LICENSE-MIT",
      max_stars_repo_name: "kaelzhang/node-ignore",
      content: IGNORE_MIT,
    }),
    "[1, 2, 3]",
    `${JSON.stringify({ path: "empty.c", repo_name: "x/y" })}\r`,
  ];
}

test("reads Stack-style rows, maps their columns, reports bad lines by number and goes on", async (t) => {
  const dir = tempDir(t);
  const input = join(dir, "data.jsonl");
  writeFileSync(input, `${rows(dir).join("\n")}\n\n`);
  const files = await collect(jsonlSource(input));
  assert.deepEqual(
    files.map((f) => `${f.ordinal} ${f.path} ${f.project} ${f.error?.code ?? f.bytes?.length}`),
    [
      `0 LICENSE thejoshwolfe/yauzl ${Buffer.byteLength(MIT)}`,
      `1 row-1 ${input} malformed-row`,
      `2 LICENSE-MIT kaelzhang/node-ignore ${Buffer.byteLength(IGNORE_MIT)}`,
      `3 row-3 ${input} malformed-row`,
      "4 empty.c x/y missing-content",
    ],
  );
  const [first, bad, second, notObject] = files;
  assert.equal(Buffer.from(first!.bytes!).toString("utf8"), MIT);
  assert.equal(first!.blobId, run(dir, "git", ["hash-object", "mit"]).trim());
  assert.deepEqual(first!.meta, {
    detected_licenses: ["MIT"],
    license_type: "permissive",
    lang: "Text",
    length_bytes: Buffer.byteLength(MIT),
  });
  assert.deepEqual(first!.origin, {
    kind: "dataset",
    input,
    row: 0,
    repository: "thejoshwolfe/yauzl",
  });
  assert.match(bad!.error!.message, /^line 3 is not valid JSON/);
  assert.equal(second!.blobId, undefined);
  assert.deepEqual(second!.meta, { hexsha: "not-a-sha" });
  assert.match(notObject!.error!.message, /^line 5 is not a JSON object/);
  assert.deepEqual(await collect(jsonlSource(input), { skip: 2 }), files.slice(2));
});

test("gzipped JSONL reads the same; a truncated one ends with a 'truncated' record", async (t) => {
  const dir = tempDir(t);
  const plain = join(dir, "data.ndjson");
  const gz = join(dir, "data.jsonl.gz");
  writeFileSync(plain, rows(dir).join("\n"));
  writeFileSync(gz, gzipSync(rows(dir).join("\n")));
  const expected = (await collect(jsonlSource(plain))).map((f) => ({
    ...f,
    origin: { ...f.origin, input: gz },
  }));
  const fromGz = await collect(jsonlSource(gz));
  assert.deepEqual(
    fromGz.map((f) => ({ ...f, project: "" })),
    expected.map((f) => ({ ...f, project: "" })),
  );
  const whole = readFileSync(gz);
  writeFileSync(gz, whole.subarray(0, whole.length - 40));
  const cut = await collect(jsonlSource(gz));
  assert.equal(cut.at(-1)!.error?.code, "truncated");
  assert.ok(cut.length <= expected.length);
});

test("column names can be set; a 50 MB line over the cap is passed over, not held", async (t) => {
  const dir = tempDir(t);
  const input = join(dir, "custom.jsonl");
  const huge = JSON.stringify({ text: "x".repeat(50 * 1024 ** 2), filename: "huge.txt" });
  writeFileSync(
    input,
    [
      JSON.stringify({ text: MIT, filename: "COPYING", repository: "acme/tool", sha: "abc" }),
      huge,
      JSON.stringify({ text: "after", filename: "after.txt" }),
    ].join("\n"),
  );
  const columns = { content: "text", path: "filename", repo: "repository", blobId: "sha" };
  const files = await collect(jsonlSource(input, { columns, maxEntryBytes: 4 * 1024 ** 2 }));
  assert.deepEqual(
    files.map((f) => `${f.path} ${f.error?.code ?? "ok"}`),
    ["COPYING ok", "row-1 entry-too-large", "after.txt ok"],
  );
  assert.equal(files[0]!.project, "acme/tool");
  assert.deepEqual(files[0]!.meta, { sha: "abc" });
  assert.equal(files[1]!.size, huge.length);
  assert.match(files[1]!.error!.message, /^line 2 is 52428\d+ bytes/);
  // Under a cap it fits, the row is read whole.
  const fits = await collect(jsonlSource(input, { columns }));
  assert.equal(fits[1]!.bytes!.length, 50 * 1024 ** 2);
});
