import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { InputError } from "../errors.ts";
import { hashBytes } from "../manifest/hash.ts";
import { MemoryTree } from "../manifest/prove.ts";
import type { ManifestRow } from "../manifest/record.ts";
import { ManifestStore } from "../manifest/store.node.ts";
import { openSource } from "../sources/index.ts";
import { type ScanRequest, scan } from "./scan.node.ts";
import { type Corpus, makeCorpus } from "./test-utils/corpus.ts";

let corpus: Corpus;
before(() => {
  corpus = makeCorpus();
});
after(() => corpus.cleanup());

const request = (out: string, extra: Partial<ScanRequest> = {}): ScanRequest => ({
  inputs: [corpus.project],
  out: join(corpus.dir, out),
  workers: 1,
  maxBytes: 1 << 20,
  openSource: (input) => openSource(input),
  ...extra,
});

async function rowsOf(path: string): Promise<ManifestRow[]> {
  const store = await ManifestStore.open(path, { readOnly: true });
  try {
    return await store.all<ManifestRow>("SELECT * FROM files ORDER BY input, ordinal");
  } finally {
    store.close();
  }
}

const byPath = (rows: ManifestRow[], path: string) => {
  const row = rows.find((r) => r.path === path);
  assert.ok(row, `no row for ${path}`);
  return row;
};

test("every file becomes a row: hashes, marks, own and inherited licences, errors", async () => {
  const outcome = await scan(request("a.duckdb"));
  assert.equal(outcome.interrupted, false);
  const rows = await rowsOf(join(corpus.dir, "a.duckdb"));
  const files = execFileSync("find", [corpus.project, "-type", "f"], { encoding: "utf8" })
    .trim()
    .split("\n");
  // Every regular file, plus the dangling symlink as an error row.
  assert.equal(rows.length, files.length + 1);
  assert.equal(outcome.summary.files, rows.length);

  const errors = byPath(rows, "src/errors.ts");
  const git = execFileSync(
    "git",
    ["hash-object", "--no-filters", join(corpus.project, "src", "errors.ts")],
    {
      encoding: "utf8",
    },
  ).trim();
  assert.equal(errors.blob_id, git);
  assert.equal(errors.swhid, `swh:1:cnt:${git}`);
  assert.equal(errors.language, "TypeScript");
  assert.equal(errors.own_licence, null);
  assert.equal(errors.licence, "AGPL-3.0-or-later");
  assert.equal(errors.licence_source, "inherited");
  assert.equal(errors.licence_from, "package.json");

  const pkg = byPath(rows, "package.json");
  assert.equal(pkg.role, "manifest");
  assert.equal(pkg.licence_source, "own");

  const ignore = byPath(rows, "node_modules/ignore/index.js");
  assert.equal(ignore.licence, "MIT");
  assert.equal(ignore.licence_source, "inherited");
  // package.json says MIT; once the licence-text matcher reads LICENSE-MIT, it is named too.
  assert.match(ignore.licence_from ?? "", /(^|, )node_modules\/ignore\/package\.json($|, )/);
  assert.equal(ignore.vendored, true);
  assert.equal(ignore.generated, false);

  const toml = byPath(rows, "node_modules/smol-toml/dist/parse.js");
  assert.equal(toml.own_licence, "BSD-3-Clause");
  assert.equal(toml.licence_source, "own");
  assert.match(toml.evidence ?? "", /"matcher":"spdx-tag"/);
  assert.equal(toml.generated, true, "dist/ is build output");

  // A vendored package with no licence stays unknown: the project's AGPL does not reach into it.
  for (const row of rows.filter((r) => r.path.startsWith("node_modules/strnum/"))) {
    assert.equal(row.licence, null, row.path);
    assert.equal(row.licence_source, "none");
  }

  const gz = byPath(rows, "docs/changelog.gz");
  assert.equal(gz.binary, true);
  assert.equal(gz.skipped, "binary");
  assert.equal(gz.licence, "AGPL-3.0-or-later", "binary files inherit too");
  assert.equal(byPath(rows, "docs/empty.txt").skipped, "empty");

  const link = byPath(rows, "docs/README");
  assert.equal(link.sha256, null);
  assert.equal(link.error_code, "symlink-broken");
  assert.equal(outcome.summary.errorCount, 1);

  // The root, computed here from the files on disk, independently of the store.
  const digests = files.map((f) => hashBytes(readFileSync(f)).sha256);
  const tree = new MemoryTree(digests);
  assert.equal(outcome.summary.merkleRoot, tree.root);
  assert.equal(outcome.summary.contents, tree.size);
});

// The first test's manifest (one worker, uninterrupted) is the reference for the next two.
test("one worker or two: the same rows and the same root", async () => {
  const one = await scan(request("a.duckdb"));
  assert.equal(one.alreadyDone, true);
  const two = await scan(request("w2.duckdb", { workers: 2, batchSize: 7 }));
  assert.equal(two.summary.merkleRoot, one.summary.merkleRoot);
  assert.deepEqual(
    await rowsOf(join(corpus.dir, "w2.duckdb")),
    await rowsOf(join(corpus.dir, "a.duckdb")),
  );
});

test("stopped half-way and run again, a scan ends as if never stopped", async () => {
  const full = await scan(request("a.duckdb"));
  const controller = new AbortController();
  let seen = 0;
  const first = await scan(
    request("resumed.duckdb", {
      // Small commits and batches: the scan writes one batch while it reads the
      // next ones, so it stops a few batches after the abort, well before the end.
      commitRows: 4,
      batchSize: 2,
      signal: controller.signal,
      onRows: (rows) => {
        seen += rows.length;
        if (seen >= 8) controller.abort(new Error("test stop"));
      },
    }),
  );
  assert.equal(first.interrupted, true);
  assert.ok(first.summary.files < full.summary.files, `${first.summary.files} rows after the stop`);
  assert.equal(first.summary.merkleRoot, null);
  const again = await scan(request("resumed.duckdb", { workers: 2 }));
  assert.equal(again.resumed, true);
  assert.equal(again.summary.merkleRoot, full.summary.merkleRoot);
  assert.deepEqual(
    await rowsOf(join(corpus.dir, "resumed.duckdb")),
    await rowsOf(join(corpus.dir, "a.duckdb")),
  );
  const done = await scan(request("resumed.duckdb"));
  assert.equal(done.alreadyDone, true);
});

test("a manifest written inside the scanned tree leaves itself out", async () => {
  const reference = await scan(request("a.duckdb"));
  const inside = await scan(request("unused", { out: join(corpus.project, "corpus.duckdb") }));
  assert.equal(inside.summary.merkleRoot, reference.summary.merkleRoot);
  const rows = await rowsOf(join(corpus.project, "corpus.duckdb"));
  assert.equal(rows.filter((r) => r.path.startsWith("corpus.duckdb")).length, 0);
  assert.equal(rows.length, reference.summary.files);
});

test("another command against an existing manifest is refused; --force starts over", async () => {
  await assert.rejects(scan(request("a.duckdb", { maxBytes: 4096 })), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /other inputs or options/);
    assert.match(e.hint ?? "", /--force/);
    return true;
  });
  const forced = await scan(request("a.duckdb", { maxBytes: 4096, force: true }));
  assert.equal(forced.resumed, false);
  assert.equal(forced.alreadyDone, false);
  assert.ok(forced.summary.merkleRoot);
});

test("a dataset in The Stack's layout: own, inherited and dataset licences, each labelled", async () => {
  // Rows as The Stack v2 ships them: content, path, repo_name, detected_licenses, license_type.
  const real = (p: string) => readFileSync(join(corpus.project, p), "utf8");
  const rows = [
    {
      repo_name: "octo/app",
      path: "package.json",
      content: '{"name":"app","license":"Apache-2.0"}\n',
      detected_licenses: ["MIT"],
      license_type: "permissive",
    },
    {
      repo_name: "octo/app",
      path: "lib/pend.js",
      content: real("node_modules/pend/index.js"),
      detected_licenses: ["MIT"],
      license_type: "permissive",
    },
    {
      repo_name: "octo/toml",
      path: "dist/parse.js",
      content: real("node_modules/smol-toml/dist/parse.js"),
      detected_licenses: ["MIT"],
      license_type: "permissive",
    },
    {
      repo_name: "octo/other",
      path: "index.js",
      content: real("node_modules/ignore/index.js"),
      detected_licenses: ["ISC"],
      license_type: "permissive",
    },
    {
      repo_name: "octo/none",
      path: "index.js",
      content: real("src/errors.ts"),
      detected_licenses: [],
      license_type: "no_license",
    },
  ];
  const jsonl = join(corpus.dir, "stack.jsonl");
  writeFileSync(jsonl, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const outcome = await scan(request("stack.duckdb", { inputs: [jsonl] }));
  const got = await rowsOf(join(corpus.dir, "stack.duckdb"));
  const at = (repo: string, path: string) =>
    got.find((r) => r.repository === repo && r.path === path)!;
  assert.equal(
    at("octo/app", "lib/pend.js").licence,
    "Apache-2.0",
    "the repository's package.json beats the dataset's column",
  );
  assert.equal(at("octo/app", "lib/pend.js").licence_source, "inherited");
  assert.equal(at("octo/toml", "dist/parse.js").licence_source, "own");
  assert.equal(at("octo/other", "index.js").licence, "ISC");
  assert.equal(at("octo/other", "index.js").licence_source, "dataset");
  assert.equal(at("octo/other", "index.js").origin_kind, "dataset");
  assert.equal(at("octo/other", "index.js").row, 3);
  assert.equal(at("octo/none", "index.js").licence_source, "none");
  assert.match(at("octo/none", "index.js").meta ?? "", /"license_type":"no_license"/);
  assert.equal(outcome.summary.licenceSources.dataset, 1);
});

test("the same files read from a tar.gz give the same root as from the directory, with members recorded", async () => {
  // w2.duckdb: the directory scanned with default options by an earlier test (a.duckdb was forced to others).
  const reference = await scan(request("w2.duckdb", { workers: 2 }));
  assert.equal(reference.alreadyDone, true);
  const archive = join(corpus.dir, "proj.tar.gz");
  // Leave out the manifest an earlier test wrote inside the project.
  execFileSync("tar", ["-czf", archive, "--exclude=./corpus.duckdb*", "-C", corpus.project, "."]);
  const fromTar = await scan(request("tar.duckdb", { inputs: [archive] }));
  assert.equal(fromTar.summary.merkleRoot, reference.summary.merkleRoot);
  const rows = await rowsOf(join(corpus.dir, "tar.duckdb"));
  const errors = rows.find((r) => r.path === "src/errors.ts");
  assert.equal(errors?.origin_kind, "archive");
  assert.match(errors?.member ?? "", /src\/errors\.ts$/);
  assert.equal(errors?.licence, "AGPL-3.0-or-later", "inheritance works inside an archive too");
});
