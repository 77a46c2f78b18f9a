import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { InputError } from "../errors.ts";
import { finalize } from "./finalize.node.ts";
import { hashBytes } from "./hash.ts";
import { verifyProof } from "./proof.ts";
import { MemoryTree, prove } from "./prove.ts";
import { ManifestReader } from "./reader.node.ts";
import type { ManifestRow } from "./record.ts";
import { ManifestStore, type ScanMeta, STORE_FORMAT } from "./store.node.ts";
import { CHUNK } from "./tree.node.ts";

// Contents: the licence records spdx-license-list ships, one JSON file with its text per licence
// (over 700: several Merkle chunks).
const require = createRequire(import.meta.url);
const listDir = join(dirname(require.resolve("spdx-license-list/package.json")), "licenses");
const names = readdirSync(listDir).sort();
const dir = mkdtempSync(join(tmpdir(), "tgpl-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const meta: ScanMeta = {
  format: STORE_FORMAT,
  toolVersion: "test",
  inputs: [listDir],
  options: { maxBytes: 1 },
  state: "scanning",
  merkleRoot: null,
  treeSize: null,
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: null,
};

function rowFor(i: number): ManifestRow {
  const name = names[i]!;
  const h = hashBytes(readFileSync(join(listDir, name)));
  const id = name.replace(/\.json$/, "");
  return {
    input: 0,
    ordinal: i,
    path: `licenses/${name}`,
    project: "spdx-license-list",
    origin_kind: "directory",
    origin_input: listDir,
    repository: null,
    revision: null,
    member: null,
    row: null,
    sha256: h.sha256,
    blob_id: h.blobId,
    swhid: h.swhid,
    size: h.size,
    language: "JSON",
    role: null,
    binary: false,
    generated: false,
    vendored: false,
    own_licence: i % 3 === 0 ? null : id,
    evidence:
      i % 3 === 0
        ? null
        : JSON.stringify({ matches: [{ spdx: id, matcher: "text", score: 1, lines: [1, 2] }] }),
    licence: i % 3 === 0 ? null : id,
    licence_source: i % 3 === 0 ? "none" : "own",
    licence_from: i % 3 === 0 ? null : `licenses/${name}`,
    dataset_licence: null,
    meta: i === 5 ? JSON.stringify({ stars: 12, note: "ünïcode ✓" }) : null,
    skipped: null,
    error_code: null,
    error_message: null,
  };
}

test("rows round-trip through the store exactly, and commits give resume points", async () => {
  const path = join(dir, "rt.duckdb");
  const store = await ManifestStore.open(path);
  assert.equal(await store.readMeta(), null);
  await store.writeMeta(meta);
  const rows = names.map((_, i) => rowFor(i));
  await store.append(rows.slice(0, 100));
  await store.append(rows.slice(100, 250));
  assert.deepEqual(await store.committedCounts(), new Map([[0, 250]]));
  store.close();

  const again = await ManifestStore.open(path);
  assert.deepEqual(await again.readMeta(), meta);
  const back = await again.all<ManifestRow>("SELECT * FROM files ORDER BY ordinal");
  assert.deepEqual(back, rows.slice(0, 250));
  await again.reset();
  assert.equal(await again.readMeta(), null);
  assert.deepEqual(await again.committedCounts(), new Map());
  again.close();
});

test("a finished manifest's root and proofs match an in-memory tree, across chunk boundaries", async () => {
  const path = join(dir, "tree.duckdb");
  const store = await ManifestStore.open(path);
  await store.writeMeta(meta);
  const rows = names.map((_, i) => rowFor(i));
  // The same contents twice (another path): the tree holds distinct contents.
  await store.append([...rows, { ...rowFor(0), ordinal: rows.length, path: "copy/first.txt" }]);
  const done = await finalize(store, meta);
  store.close();

  const memory = new MemoryTree(rows.map((r) => r.sha256!));
  assert.ok(memory.size > 2 * CHUNK, "the test needs several chunks");
  assert.equal(done.merkleRoot, memory.root);
  assert.equal(done.treeSize, memory.size);

  const reader = await ManifestReader.open(path);
  try {
    const sorted = [...new Set(rows.map((r) => r.sha256!))].sort();
    // Leaves at and around each chunk boundary, and absent digests that fall between chunks.
    const probes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1, 2 * CHUNK, sorted.length - 1];
    for (const k of probes) {
      const mine = await reader.prove(sorted[k]!);
      assert.deepEqual(mine, await prove(memory, sorted[k]!), `leaf ${k}`);
      assert.ok(verifyProof(mine, done.merkleRoot!).valid);
    }
    let between = 0;
    for (const k of [CHUNK - 2, CHUNK - 1, CHUNK, 2 * CHUNK - 1, 2 * CHUNK]) {
      // Just above leaf k: absent, and sorting between leaves k and k+1.
      const absent = `${sorted[k]!.slice(0, 63)}f`;
      if (!(absent > sorted[k]! && absent < sorted[k + 1]!)) continue;
      between++;
      const mine = await reader.prove(absent);
      assert.equal(mine.type, "exclusion");
      assert.deepEqual(mine, await prove(memory, absent));
      assert.ok(verifyProof(mine, done.merkleRoot!).valid);
    }
    assert.ok(between >= 3, "enough absent digests between leaves were probed");
    for (const edge of ["0".repeat(64), "f".repeat(64)]) {
      const mine = await reader.prove(edge);
      assert.deepEqual(mine, await prove(memory, edge));
      assert.ok(verifyProof(mine, done.merkleRoot!).valid);
    }
    const found = await reader.occurrences(rows[0]!.sha256!);
    assert.equal(found.count, 2);
    assert.deepEqual(
      found.first.map((o) => o.path),
      [rows[0]!.path, "copy/first.txt"],
    );
    assert.equal((await reader.occurrences("0".repeat(64))).count, 0);
  } finally {
    reader.close();
  }
});

test("an unfinished scan, a file that is not a manifest, a missing file: clear errors", async () => {
  const path = join(dir, "half.duckdb");
  const store = await ManifestStore.open(path);
  await store.writeMeta(meta);
  await store.append([rowFor(0)]);
  store.close();
  await assert.rejects(
    ManifestReader.open(path),
    (e: unknown) =>
      e instanceof InputError && /not finished/.test(e.message) && /resumes/.test(e.hint ?? ""),
  );
  const text = join(dir, "notes.txt");
  writeFileSync(text, "not a database\n");
  await assert.rejects(
    ManifestReader.open(text),
    (e: unknown) => e instanceof InputError && /not a manifest/.test(e.message),
  );
  await assert.rejects(
    ManifestReader.open(join(dir, "none.duckdb")),
    (e: unknown) => e instanceof InputError && /does not exist/.test(e.message),
  );
});
