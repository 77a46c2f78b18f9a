/**
 * Every document format, written from real manifests and validated by the
 * official schema or library: a node_modules-like corpus with MIT, BSD,
 * TGPL and unlicensed files; one file; an empty corpus; with and without a
 * model, three generations of parents included.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { ManifestReader } from "../reader.node.ts";
import { frontMatter, readHfCard } from "../../lineage/hf-card.ts";
import { parseExpression } from "../../detect/expression.ts";
import { fileListPath } from "./documents.node.ts";
import type { ExportOptions } from "./index.ts";
import { EXPORT_FORMATS } from "./index.ts";
import {
  makeEmptyCorpus,
  makeStackDataset,
  makeOneFileCorpus,
  makeTrainingCorpus,
  scanInto,
  workspace,
} from "./test-utils/corpus.node.ts";
import {
  validateCroissant,
  validateCycloneDx,
  validateMof,
  validateSpdx3,
} from "./test-utils/validate.node.ts";

const ws = workspace();
const MODELS = new URL("./fixtures/models/", import.meta.url);
const model = (name: string) => new URL(name, MODELS).pathname;
const manifests: Record<string, string> = {};
const CREATED = "2025-03-01T12:00:00Z";

before(async () => {
  manifests.training = await scanInto(makeTrainingCorpus(ws.dir), join(ws.dir, "training.duckdb"));
  manifests.one = await scanInto(makeOneFileCorpus(ws.dir), join(ws.dir, "one.duckdb"));
  manifests.empty = await scanInto(makeEmptyCorpus(ws.dir), join(ws.dir, "empty.duckdb"));
  manifests.large = await scanInto(makeStackDataset(ws.dir, 20_000), join(ws.dir, "large.duckdb"));
});
after(() => ws.cleanup());

async function exportTo(
  format: string,
  manifest: string,
  out: string,
  options: ExportOptions = {},
): Promise<string> {
  const f = await EXPORT_FORMATS[format]!();
  const reader = await ManifestReader.open(manifest);
  try {
    await f.write(reader, join(ws.dir, out), { created: CREATED, ...options });
  } finally {
    reader.close();
  }
  return readFileSync(join(ws.dir, out), "utf8");
}

const CASES: { label: string; manifest: string; model?: string }[] = [
  {
    label: "node_modules corpus, three generations of parents",
    manifest: "training",
    model: "three-generations.yaml",
  },
  { label: "node_modules corpus, no model", manifest: "training" },
  { label: "one file, a merge kept in-house", manifest: "one", model: "internal-merge.yaml" },
  {
    label: "empty corpus, a parent known by name only",
    manifest: "empty",
    model: "named-parent.yaml",
  },
  { label: "empty corpus, no model", manifest: "empty" },
];

describe("every document is valid by its standard's own schema or library", () => {
  for (const c of CASES) {
    const options = (): ExportOptions => (c.model ? { model: model(c.model) } : {});
    const stem = `${c.manifest}-${c.model ?? "corpus"}`.replace(/\W+/g, "-");

    it(`SPDX 3.0.1, official JSON Schema and the licence rules: ${c.label}`, async () => {
      const doc = JSON.parse(
        await exportTo("spdx3", manifests[c.manifest]!, `${stem}.spdx3.json`, options()),
      );
      assert.deepEqual(validateSpdx3(doc), []);
      const types = doc["@graph"].map((e: { type: string }) => e.type);
      assert.equal(types.includes("ai_AIPackage"), c.model !== undefined);
      assert.ok(types.includes("dataset_DatasetPackage"));
    });

    it(`CycloneDX 1.6 and 1.7, the CycloneDX library's strict validator: ${c.label}`, async () => {
      for (const spec of ["1.6", "1.7"] as const) {
        const text = await exportTo(
          "cyclonedx",
          manifests[c.manifest]!,
          `${stem}-${spec}.cdx.json`,
          {
            ...options(),
            spec,
          },
        );
        assert.deepEqual(await validateCycloneDx(text, spec), [], spec);
        assert.equal(JSON.parse(text).specVersion, spec);
      }
    });

    it(`Croissant 1.0 + RAI 1.0, the schema written from the spec: ${c.label}`, async () => {
      const doc = JSON.parse(
        await exportTo("croissant", manifests[c.manifest]!, `${stem}.croissant.json`, options()),
      );
      assert.deepEqual(validateCroissant(doc), []);
    });

    it(`MOF 1.0, 17 components, licences that parse: ${c.label}`, async () => {
      const text = await exportTo("mof", manifests[c.manifest]!, `${stem}.mof.yml`, options());
      assert.deepEqual(validateMof(text), []);
      const doc = parseYaml(text) as { release: { components: { license_name: string }[] } };
      for (const comp of doc.release.components)
        if (comp.license_name) assert.ok(parseExpression(comp.license_name).ok, comp.license_name);
    });

    it(`Hugging Face card, read back by tgpl's own card reader: ${c.label}`, async () => {
      const text = await exportTo("hf-card", manifests[c.manifest]!, `${stem}.card.md`, options());
      assert.match(text, /^## Training data$/m);
      if (!c.model) {
        assert.equal(frontMatter(text), null, "a corpus alone has no model card front matter");
        return;
      }
      const card = readHfCard(text, "x/y");
      assert.ok(card.ok);
      assert.equal(card.value.kind, "model");
    });
  }
});

describe("what the documents say about the corpus", () => {
  it("the documents name the Merkle root and the file list by its sha256; the list holds every row", async () => {
    const reader = await ManifestReader.open(manifests.training!);
    const root = reader.root;
    const n = (await reader.store.all<{ n: number }>("SELECT count(*) AS n FROM files"))[0]!.n;
    reader.close();
    const spdx = await exportTo("spdx3", manifests.training!, "named.spdx3.json", {
      model: model("three-generations.yaml"),
    });
    const list = fileListPath(join(ws.dir, "named.spdx3.json"));
    const sha = (await import("node:crypto"))
      .createHash("sha256")
      .update(readFileSync(list))
      .digest("hex");
    assert.ok(spdx.includes(root));
    assert.ok(spdx.includes(sha));
    const cdx = await exportTo("cyclonedx", manifests.training!, "named.cdx.json");
    assert.ok(cdx.includes(root) && cdx.includes(sha));
    const croissant = JSON.parse(
      await exportTo("croissant", manifests.training!, "named.croissant.json"),
    );
    const fileObject = croissant.distribution.find(
      (d: { "@id": string }) => d["@id"] === "file-list",
    );
    assert.equal(fileObject.sha256, sha);
    const check = await ManifestReader.open(manifests.training!);
    try {
      const rows = (
        await check.store.all<{ rows: number }>(
          `SELECT count(*) AS rows FROM read_parquet('${list.replaceAll("'", "''")}')`,
        )
      )[0]!.rows;
      assert.equal(rows, n);
      // The Croissant fields read columns the list really has.
      const cols = (
        await check.store.all<{ name: string }>(
          `SELECT name FROM parquet_schema('${list.replaceAll("'", "''")}')`,
        )
      ).map((c) => c.name);
      for (const f of croissant.recordSet[0].field)
        assert.ok(cols.includes(f.source.extract.column), f.source.extract.column);
      // Absolute paths of the scanning machine stay out of what is published.
      const leaks = (
        await check.store.all<{ leaks: number }>(
          `SELECT count(*) AS leaks FROM read_parquet('${list.replaceAll("'", "''")}') WHERE project LIKE '${ws.dir}%' OR path LIKE '/%'`,
        )
      )[0]!.leaks;
      assert.equal(leaks, 0);
    } finally {
      check.close();
    }
    assert.ok(!spdx.includes(ws.dir), "no local path in the SPDX document");
  });

  it("the same inputs give the same bytes, file list included", async () => {
    mkdirSync(join(ws.dir, "det-a"));
    mkdirSync(join(ws.dir, "det-b"));
    for (const f of ["spdx3", "cyclonedx", "croissant", "mof", "hf-card"]) {
      const opts = { model: model("three-generations.yaml") };
      const x = await exportTo(f, manifests.training!, `det-a/doc.${f}`, opts);
      const y = await exportTo(f, manifests.training!, `det-b/doc.${f}`, opts);
      assert.equal(x, y, f);
    }
    const la = readFileSync(fileListPath(join(ws.dir, "det-a", "doc.spdx3")));
    const lb = readFileSync(fileListPath(join(ws.dir, "det-b", "doc.spdx3")));
    assert.ok(la.equals(lb));
  });

  it("a large corpus: the documents stay small, name no file, and sample the repositories", async () => {
    for (const [format, limit] of [
      ["spdx3", 150_000],
      ["cyclonedx", 80_000],
      ["croissant", 30_000],
      ["mof", 10_000],
      ["hf-card", 10_000],
    ] as const) {
      const text = await exportTo(format, manifests.large!, `large.${format}`, {
        model: model("three-generations.yaml"),
      });
      assert.ok(text.length < limit, `${format}: ${text.length} bytes`);
      assert.ok(!/src\/f\d+\.js/.test(text), `${format} lists no file`);
    }
    const croissant = JSON.parse(
      await exportTo("croissant", manifests.large!, "large.croissant.json"),
    );
    assert.match(
      croissant["rai:dataCollectionRawData"],
      /repositories org0\/repo0, .* and \d+ more/,
    );
    assert.equal(croissant.hasPart.length, 4);
    const reader = await ManifestReader.open(manifests.large!);
    const rows = (
      await reader.store.all<{ n: number }>(
        `SELECT count(*) AS n FROM read_parquet('${fileListPath(join(ws.dir, "large.croissant.json")).replaceAll("'", "''")}')`,
      )
    )[0]!.n;
    reader.close();
    assert.equal(rows, 20_000);
  });

  it("the TGPL works are counted, and their own Merkle root is named", async () => {
    const doc = JSON.parse(await exportTo("croissant", manifests.training!, "tgpl.croissant.json"));
    const ids = doc.identifier.map((i: { propertyID: string }) => i.propertyID);
    assert.ok(ids.includes("tgpl-tgpl-works-root"));
    assert.ok(
      doc.license.some(
        (l: unknown) =>
          typeof l === "object" &&
          (l as { identifier: string }).identifier.startsWith("LicenseRef-TGPL"),
      ),
    );
    assert.match(doc.description, /are under the Training GPL/);
  });
});

describe("the validators refuse what is wrong (so that their silence above means something)", () => {
  type Obj = Record<string, unknown>;
  const graphOf = (doc: Obj) => doc["@graph"] as Obj[];

  it("SPDX: a second declared licence, a dangling reference, an unknown relationship type, a dataset without its type", async () => {
    const text = await exportTo("spdx3", manifests.one!, "bad.spdx3.json", {
      model: model("internal-merge.yaml"),
    });
    const declared = graphOf(JSON.parse(text)).find(
      (e) => e.relationshipType === "hasDeclaredLicense",
    )!;
    const twice = JSON.parse(text);
    graphOf(twice).push({ ...declared, spdxId: `${declared.spdxId}-again` });
    assert.ok(validateSpdx3(twice).some((e) => /at most one/.test(e)));
    const dangling = JSON.parse(text);
    graphOf(dangling).push({
      ...declared,
      spdxId: `${declared.spdxId}-x`,
      relationshipType: "contains",
      to: ["https://example.org/nowhere"],
    });
    assert.ok(validateSpdx3(dangling).some((e) => /not in the document/.test(e)));
    const unknownType = JSON.parse(text);
    graphOf(unknownType).find((e) => e.relationshipType === "trainedOn")!.relationshipType =
      "trainedWith";
    assert.ok(validateSpdx3(unknownType).length > 0);
    const untyped = JSON.parse(text);
    delete graphOf(untyped).find((e) => e.type === "dataset_DatasetPackage")!.dataset_datasetType;
    assert.ok(validateSpdx3(untyped).length > 0);
  });

  it("CycloneDX: a model card field the schema does not have, a component type it does not know", async () => {
    const text = await exportTo("cyclonedx", manifests.one!, "bad.cdx.json", {
      model: model("three-generations.yaml"),
    });
    const card = JSON.parse(text);
    card.metadata.component.modelCard.trainingData = [];
    assert.ok((await validateCycloneDx(JSON.stringify(card))).length > 0);
    const type = JSON.parse(text);
    type.components[0].type = "dataset";
    assert.ok((await validateCycloneDx(JSON.stringify(type))).length > 0);
  });

  it("Croissant: a file without its checksum, a field reading a file that is not there", async () => {
    const text = await exportTo("croissant", manifests.one!, "bad.croissant.json");
    const noSha = JSON.parse(text);
    delete noSha.distribution[0].sha256;
    assert.ok(validateCroissant(noSha).length > 0);
    const ref = JSON.parse(text);
    ref.recordSet[0].field[0].source.fileObject["@id"] = "elsewhere";
    assert.ok(validateCroissant(ref).some((e) => /not in the document/.test(e)));
  });

  it("MOF: sixteen components, or a licence that is not an expression", async () => {
    const text = await exportTo("mof", manifests.one!, "bad.mof.yml", {
      model: model("three-generations.yaml"),
    });
    const short = parseYaml(text) as { release: { components: { license_name: string }[] } };
    short.release.components.pop();
    const { stringify } = await import("yaml");
    assert.ok(validateMof(stringify(short)).length > 0);
    const bad = parseYaml(text) as { release: { components: { license_name: string }[] } };
    bad.release.components[0]!.license_name = "MIT OR";
    assert.ok(validateMof(stringify(bad)).length > 0);
  });
});
