import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  makeOneFileCorpus,
  scanInto,
  workspace,
} from "../../manifest/exports/test-utils/corpus.node.ts";
import { runCli } from "../test-utils/run-cli.ts";

const ws = workspace();
const MODEL = new URL(
  "../../manifest/exports/fixtures/models/three-generations.yaml",
  import.meta.url,
).pathname;
let manifest = "";

before(async () => {
  manifest = await scanInto(makeOneFileCorpus(ws.dir), join(ws.dir, "one.duckdb"));
});
after(() => ws.cleanup());

describe("tgpl export, as a user runs it", () => {
  it("writes a document and its per-file list, and says so in JSON", () => {
    const out = join(ws.dir, "model.spdx3.json");
    const r = runCli([
      "export",
      manifest,
      "--format",
      "spdx3",
      "--model",
      MODEL,
      "--out",
      out,
      "--created",
      "2025-03-01",
      "--model-source",
      "https://example.org/src",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const said = JSON.parse(r.stdout);
    assert.equal(said.format, "spdx3");
    assert.equal(said.rows, 1);
    assert.deepEqual(said.files, [join(ws.dir, "model.files.parquet")]);
    assert.ok(existsSync(said.files[0]));
    const doc = JSON.parse(readFileSync(said.out, "utf8"));
    assert.equal(doc["@graph"][0].created, "2025-03-01T00:00:00Z");
    assert.ok(readFileSync(said.out, "utf8").includes("https://example.org/src"));
  });

  it("the default output is named after the manifest, one per format", () => {
    const r = runCli(["export", manifest, "--format", "mof", "--model", MODEL]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(ws.dir, "one.mof.yml")));
    assert.ok(existsSync(join(ws.dir, "one.files.parquet")));
    assert.match(r.stdout, /one\.files\.parquet beside it/);
  });

  it("refuses, with exit 2 and a reason, what it cannot do", () => {
    const cases: [string[], RegExp][] = [
      [["--format", "parquet", "--model", MODEL], /does not take --model/],
      [["--format", "cyclonedx", "--spec", "1.5"], /--spec takes 1\.6 or 1\.7/],
      [["--format", "croissant", "--created", "yesterday"], /ISO 8601/],
      [["--format", "hf-card", "--model", join(ws.dir, "nope.yaml")], /cannot read/],
      [["--format", "spdx4"], /--format must be one of/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(["export", manifest, ...args]);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message);
    }
  });
});
