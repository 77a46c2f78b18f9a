import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { leafHash, levelsOf, rootOfLevels } from "../merkle.ts";
import { ManifestReader } from "../reader.node.ts";
import { readCorpus, writeFileList } from "./corpus.node.ts";
import { makeTrainingCorpus, scanInto, workspace } from "./test-utils/corpus.node.ts";

const ws = workspace();
let manifest = "";
before(async () => {
  manifest = await scanInto(makeTrainingCorpus(ws.dir), join(ws.dir, "c.duckdb"));
});
after(() => ws.cleanup());

/** A Merkle root built level by level (not by the streaming accumulator readCorpus uses). */
const rootOf = (shas: string[]) =>
  rootOfLevels(
    levelsOf([...new Set(shas)].sort().map((s) => leafHash(Buffer.from(s, "hex")))),
  ).toString("hex");

it("the corpus in numbers: groups, unknowns, the TGPL works and their own Merkle root", async () => {
  const reader = await ManifestReader.open(manifest);
  try {
    const list = await writeFileList(reader, join(ws.dir, "c.files.parquet"));
    const corpus = await readCorpus(reader, "c", list);
    const rows = await reader.store.all<{
      sha256: string | null;
      licence: string | null;
      path: string;
      error_code: string | null;
    }>("SELECT sha256, licence, path, error_code FROM files");
    const read = rows.filter((r) => r.error_code === null);
    assert.equal(corpus.files, read.length);
    assert.equal(
      corpus.groups.reduce((n, g) => n + g.files, 0),
      read.length,
    );
    assert.equal(corpus.unknown, read.filter((r) => r.licence === null).length);
    assert.ok(corpus.unknown >= 1, "loose/version.ts has no licence");
    assert.equal(corpus.root, rootOf(read.map((r) => r.sha256!)), "the manifest's root, rebuilt");
    const tgpl = read.filter((r) => /LicenseRef-TGPL/i.test(r.licence ?? ""));
    assert.ok(tgpl.length >= 3, "LICENSE, package.json and index.ts of tgpl-lib");
    assert.equal(corpus.tgpl.files, tgpl.length);
    assert.equal(corpus.tgpl.root, rootOf(tgpl.map((r) => r.sha256!)));
    assert.notEqual(corpus.tgpl.root, corpus.root);
    assert.deepEqual(
      corpus.licenceFiles.map((f) => f.path),
      read
        .map((r) => r.path)
        .filter((p) => /(^|\/)LICEN[CS]E[^/]*$/i.test(p))
        .sort(),
    );
    assert.equal(corpus.inputs.length, 1);
    assert.equal(corpus.inputs[0]!.name, "corpus");
    assert.equal(list.rows, rows.length);
  } finally {
    reader.close();
  }
});
