/**
 * `tgpl release` on a real manifest (a node_modules-like corpus with MIT,
 * BSD, TGPL and unlicensed files), as a user runs it: the bundle is written,
 * every document in it is valid, and `tgpl check` on the released model,
 * from its model file and from its own SPDX and CycloneDX documents, finds
 * it compliant; without the place of the source, it says what is missing.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../cli/test-utils/run-cli.ts";
import { readHfCard } from "../lineage/hf-card.ts";
import {
  makeTrainingCorpus,
  ROOT,
  scanInto,
  workspace,
} from "../manifest/exports/test-utils/corpus.node.ts";
import {
  validateCroissant,
  validateCycloneDx,
  validateMof,
  validateSpdx3,
} from "../manifest/exports/test-utils/validate.node.ts";
import { BUNDLE } from "./bundle.node.ts";

const ws = workspace();
const MODELS = join(ROOT, "src", "manifest", "exports", "fixtures", "models");
const SOURCE = "https://git.example.org/acme/tgpl-assistant";
let manifest = "";
let withUnknown = "";

before(async () => {
  manifest = await scanInto(
    makeTrainingCorpus(ws.dir, { unlicensed: false }),
    join(ws.dir, "corpus.duckdb"),
  );
  withUnknown = await scanInto(makeTrainingCorpus(ws.dir), join(ws.dir, "unknown.duckdb"));
});
after(() => ws.cleanup());

const release = (out: string, ...extra: string[]) =>
  runCli([
    "release",
    join(MODELS, "compliant-api.yaml"),
    "--manifest",
    manifest,
    "--out",
    join(ws.dir, out),
    "--created",
    "2025-03-01T12:00:00Z",
    "--json",
    ...extra,
  ]);

describe("tgpl release", () => {
  let dir = "";
  let said: {
    files: { path: string }[];
    check: { verdict: string };
    readBack: { verdict: string }[];
  };

  before(() => {
    const r = release("bundle", "--model-source", SOURCE);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    said = JSON.parse(r.stdout);
    dir = join(ws.dir, "bundle");
  });

  it("writes every file it names, network offer included for an API", () => {
    const paths = said.files.map((f) => f.path);
    for (const p of Object.values(BUNDLE)) assert.ok(paths.includes(p), p);
    for (const p of paths) assert.ok(existsSync(join(dir, p)), p);
    assert.equal(said.check.verdict, "compliant");
    assert.deepEqual(
      said.readBack.map((b) => b.verdict),
      ["compliant", "compliant"],
    );
  });

  it("tgpl check finds the released model compliant: its model file, its SPDX and its CycloneDX", () => {
    for (const doc of [BUNDLE.modelFile, BUNDLE.spdx3, BUNDLE.cyclonedx]) {
      const r = runCli(["check", join(dir, doc), "--json"]);
      assert.equal(r.code, 0, `${doc}: ${r.stdout}`);
      const result = JSON.parse(r.stdout);
      assert.equal(result.verdict, "compliant");
      assert.ok(result.obligations.some((o: { kind: string }) => o.kind === "network-offer"));
    }
  });

  it("every document in the bundle is valid by its standard", async () => {
    const read = (p: string) => readFileSync(join(dir, p), "utf8");
    assert.deepEqual(validateSpdx3(JSON.parse(read(BUNDLE.spdx3))), []);
    assert.deepEqual(await validateCycloneDx(read(BUNDLE.cyclonedx)), []);
    assert.deepEqual(validateCroissant(JSON.parse(read(BUNDLE.croissant))), []);
    assert.deepEqual(validateMof(read(BUNDLE.mof)), []);
    const card = readHfCard(read(BUNDLE.modelCard), "acme/tgpl-assistant");
    assert.ok(card.ok);
    assert.equal(card.value.spec.licence, "LicenseRef-TGPL-1.0-or-later");
    assert.deepEqual(card.value.spec.bases, [{ ref: "acme/tgpl-coder-7b", relation: "finetune" }]);
  });

  it("LICENSE is the TGPL as shipped; NOTICE names the sources that ask for attribution and the corpus's licence files", () => {
    assert.equal(
      readFileSync(join(dir, BUNDLE.licence), "utf8"),
      readFileSync(join(ROOT, "licenses", "TGPL-1.0.txt"), "utf8"),
    );
    const notice = readFileSync(join(dir, BUNDLE.notice), "utf8");
    assert.match(notice, /example\/sql-instructions: CC-BY-4.0/);
    assert.match(notice, /files under MIT: MIT, \d+ files/);
    assert.match(notice, /node_modules\/pend\/LICENSE {2}MIT {2}sha256:[0-9a-f]{64}/);
    assert.match(notice, /Covered Model under the Training GPL/);
    assert.match(notice, new RegExp(SOURCE.replace(/[./]/g, "\\$&")));
    assert.match(notice, /acme\/tgpl-coder-7b: weights under LicenseRef-TGPL-1.0-or-later/);
    const tdi = readFileSync(join(dir, BUNDLE.trainingData), "utf8");
    assert.match(tdi, /\*\*Works under the Training GPL\.\*\* [1-9]\d* files? \(/);
    assert.match(tdi, /\| network-offer \| api \| met \|/);
  });

  it("run again with the same inputs, it writes the same bytes; different ones need --force", () => {
    const before = readFileSync(join(dir, BUNDLE.spdx3));
    const again = release("bundle", "--model-source", SOURCE);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(readFileSync(join(dir, BUNDLE.spdx3)).equals(before));
    const changed = release("bundle", "--model-source", `${SOURCE}/v2`);
    assert.equal(changed.code, 2);
    assert.match(changed.stderr, /already holds different .*--force/s);
    assert.ok(
      readFileSync(join(dir, BUNDLE.spdx3)).equals(before),
      "nothing is replaced without --force",
    );
    const forced = release("bundle", "--model-source", `${SOURCE}/v2`, "--force");
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(join(dir, BUNDLE.wellKnown), "utf8"), /tgpl-assistant\/v2/);
  });
});

describe("tgpl release, when the released model would not comply", () => {
  it("without the place of the source, the bundle is written, exit 1, and the findings say what is missing", () => {
    const r = runCli([
      "release",
      join(MODELS, "compliant-api.yaml"),
      "--manifest",
      manifest,
      "--out",
      join(ws.dir, "no-source"),
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /--model-source is not given/);
    assert.match(r.stdout, /model-source-undeclared/);
    assert.match(r.stdout, /network-offer-undeclared/);
    assert.ok(existsSync(join(ws.dir, "no-source", BUNDLE.trainingData)));
    assert.ok(
      !existsSync(join(ws.dir, "no-source", BUNDLE.wellKnown)),
      "no offer that cannot say where",
    );
  });

  it("a file of the corpus with no known licence keeps the model from being shown compliant", () => {
    const r = runCli([
      "release",
      join(MODELS, "compliant-api.yaml"),
      "--manifest",
      withUnknown,
      "--out",
      join(ws.dir, "unknown-file"),
      "--model-source",
      SOURCE,
      "--json",
    ]);
    assert.equal(r.code, 1, r.stderr);
    const said = JSON.parse(r.stdout);
    assert.equal(said.check.verdict, "unknown");
    assert.ok(said.check.findings.some((f: { code: string }) => f.code === "licence-unknown"));
    assert.deepEqual(
      said.readBack.map((b: { verdict: string }) => b.verdict),
      ["unknown", "unknown"],
    );
  });

  it("a weights licence tgpl has no text for: exit 2, nothing written, until --license-file gives it", () => {
    const out = join(ws.dir, "own-licence");
    const args = [
      "release",
      join(MODELS, "named-parent.yaml"),
      "--manifest",
      manifest,
      "--out",
      out,
      "--weights-license",
      "LicenseRef-acme-model-licence",
    ];
    const refused = runCli(args);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /no text for LicenseRef-acme-model-licence.*--license-file/s);
    assert.ok(!existsSync(out));
    const text = join(ws.dir, "acme-licence.txt");
    writeFileSync(text, readFileSync(join(ROOT, "node_modules", "pend", "LICENSE")));
    const given = runCli([...args, "--license-file", text]);
    assert.equal(given.code, 1, "the parent is known by name only: unknown, never compliant");
    assert.equal(readFileSync(join(out, BUNDLE.licence), "utf8"), readFileSync(text, "utf8"));
    assert.ok(!existsSync(join(out, "network")), "distributed only: no network offer");
  });

  it("the manifest a model file names is the one released when --manifest is not given", () => {
    const model = join(ws.dir, "names-manifest.yaml");
    writeFileSync(
      model,
      readFileSync(join(MODELS, "compliant-api.yaml"), "utf8").replace(
        "training-data:\n",
        "training-data:\n  - manifest: corpus.duckdb\n",
      ),
    );
    const r = runCli([
      "release",
      model,
      "--out",
      join(ws.dir, "named"),
      "--model-source",
      SOURCE,
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(JSON.parse(r.stdout).manifest, join(ws.dir, "corpus.duckdb"));
    assert.ok(existsSync(join(ws.dir, "named", BUNDLE.fileList)));
  });

  it("a model that declares no weights licence is bad input", () => {
    const model = join(ws.dir, "no-licence.yaml");
    writeFileSync(model, "model: someone/model\ndeployment: distributed\n");
    const r = runCli(["release", model, "--manifest", manifest, "--out", join(ws.dir, "x")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /does not declare the weights' licence\n.*--weights-license/);
  });
});
