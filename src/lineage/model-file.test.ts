import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { parseModelFile, validateModelFile } from "./model-file.ts";

const schema = JSON.parse(
  readFileSync(new URL("../../schemas/model.schema.json", import.meta.url), "utf8"),
);
const SCENARIOS = new URL("../policy/scenarios/", import.meta.url);
const scenarioModels = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith(".yaml"))
  .map(
    (f) =>
      [
        f,
        (parse(readFileSync(new URL(f, SCENARIOS), "utf8")) as { model: unknown }).model,
      ] as const,
  );

describe("tgpl model file", () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it("the JSON Schema accepts every scenario's model, and so does the reader", () => {
    for (const [file, model] of scenarioModels) {
      assert.ok(validate(model), `${file}: ${JSON.stringify(validate.errors)}`);
      assert.ok(validateModelFile(model).ok, file);
    }
  });

  it("the JSON Schema and the reader both refuse what is wrong", () => {
    const bad: unknown[] = [
      { license: "MIT" },
      { model: "a/b", deployment: "cloud" },
      { model: "a/b", published: ["weights", "secrets"] },
      { model: "a/b", "training-data": [{ license: "MIT" }] },
      { model: "a/b", "base-models": [{ model: "c/d", relation: "fork" }] },
      { model: "a/b", licence: "MIT" },
      { model: "a/b", "training-data": [{ name: "x", terms: { robots: "no" } }] },
    ];
    for (const b of bad) {
      assert.equal(validate(b), false, `schema accepted ${JSON.stringify(b)}`);
      assert.equal(validateModelFile(b).ok, false, `reader accepted ${JSON.stringify(b)}`);
    }
  });

  it("says which field is wrong, by its dot-path, and what it should be", () => {
    const r = validateModelFile({
      model: "a/b",
      deployment: ["api", "cloud"],
      "base-models": [{ model: "c/d", relation: "fork" }],
      "training-data": [{ name: "x", files: -1 }],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.error, [
      'deployment: "cloud" is not one of distributed, api, internal',
      "training-data[0].files: must be a whole number",
      "base-models[0].relation: must be one of finetune, adapter, merge, quantized, distillation",
    ]);
  });

  it("reads published lists as complete statements and maps document by document", () => {
    const list = validateModelFile({ model: "a/b", published: ["weights"] });
    assert.ok(list.ok);
    assert.equal(list.value.spec.published?.weights, true);
    assert.equal(list.value.spec.published?.["model-source"], false);
    const map = validateModelFile({ model: "a/b", published: { weights: true } });
    assert.ok(map.ok);
    assert.equal(map.value.spec.published?.["model-source"], undefined);
  });

  it("tells an undeclared training set from an empty one, and a named parent from a known one", () => {
    const r = validateModelFile({
      model: "a/b",
      "base-models": [
        { model: "c/d", relation: "finetune" },
        { model: "e/f", relation: "merge", license: "MIT", "training-data": [] },
      ],
    });
    assert.ok(r.ok);
    const spec = r.value.spec;
    assert.equal(spec.sources, undefined);
    assert.equal(spec.bases?.[0]?.model, undefined);
    assert.deepEqual(spec.bases?.[1]?.model?.sources, []);
  });

  it("maps Hub licence ids and collects manifests named as training data", () => {
    const r = parseModelFile(
      "model: a/b\nlicense: llama3.1\ntraining-data:\n  - manifest: corpus.duckdb\n  - { name: x, license: mit }\n",
    );
    assert.ok(r.ok);
    assert.equal(r.value.spec.licence, "LicenseRef-Llama-3.1");
    assert.deepEqual(r.value.manifests, ["corpus.duckdb"]);
    assert.equal(r.value.spec.sources?.[0]?.licence, "MIT");
  });

  it("the example that docs/model-file.md teaches is valid for the schema and the reader", () => {
    const doc = readFileSync(new URL("../../docs/model-file.md", import.meta.url), "utf8");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(yaml);
    const model = parse(yaml);
    assert.ok(validate(model), JSON.stringify(validate.errors));
    const r = validateModelFile(model);
    assert.ok(r.ok);
    assert.equal(r.value.spec.bases?.[0]?.relation, "adapter");
    assert.deepEqual(r.value.manifests, ["corpus.duckdb"]);
  });

  it("refuses text that is not YAML with a message, not a crash", () => {
    const r = parseModelFile("model: [unclosed\n");
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error[0]!, /not valid YAML/);
  });
});
