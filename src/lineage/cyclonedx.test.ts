import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { readCycloneDx } from "./cyclonedx.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/cyclonedx/${name}`, import.meta.url), "utf8");
const FIXTURES = ["llama-sql-api.cdx.json", "tgpl-coder-apache.cdx.json"];

describe("CycloneDX ML-BOMs", () => {
  it("the fixtures are valid CycloneDX 1.6", async () => {
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    for (const f of FIXTURES) assert.equal(await validator.validate(fixture(f)), null, f);
  });

  it("reads the subject model, its licence, its datasets, its ancestor and its API service", () => {
    const r = readCycloneDx(JSON.parse(fixture("llama-sql-api.cdx.json")));
    assert.ok(r.ok);
    const spec = r.value[0]!.spec;
    assert.equal(spec.id, "someone/Llama-3.1-8B-sql");
    assert.equal(spec.licence, "LicenseRef-Llama-3.1");
    assert.deepEqual(spec.sources, [{ name: "example/sql-instructions", licence: "CC-BY-4.0" }]);
    assert.deepEqual(spec.deployment, ["api"]);
    assert.equal(spec.bases?.[0]?.ref, "meta-llama/Llama-3.1-8B-Instruct");
    assert.equal(spec.bases?.[0]?.relation, "finetune");
    assert.equal(spec.bases?.[0]?.model?.licence, "LicenseRef-Llama-3.1");
  });

  it("follows an ancestor's bom-ref to the full component, with its own training data", () => {
    const r = readCycloneDx(JSON.parse(fixture("tgpl-coder-apache.cdx.json")));
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((d) => d.spec.id),
      ["acme/tgpl-coder-7b-instruct", "acme/tgpl-coder-7b"],
    );
    const base = r.value[0]!.spec.bases?.[0]?.model;
    assert.equal(base?.licence, "LicenseRef-TGPL-1.0-or-later");
    assert.deepEqual(base?.sources, [
      { name: "git.example.org/free/tgpl-lib", licence: "LicenseRef-TGPL-1.0" },
    ]);
    assert.match(r.value[0]!.warnings[0]!, /read as a fine-tune/);
  });

  it("refuses what is not an ML-BOM", () => {
    assert.equal(readCycloneDx({ bomFormat: "SPDX" }).ok, false);
    const noModel = readCycloneDx({
      bomFormat: "CycloneDX",
      specVersion: "1.6",
      components: [{ type: "library", name: "x" }],
    });
    assert.equal(noModel.ok, false);
    if (!noModel.ok) assert.match(noModel.error, /machine-learning-model/);
  });
});
