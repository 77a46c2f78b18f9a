/**
 * The round trip: what `tgpl check` reads back from our own CycloneDX and
 * SPDX exports owes the same as the model file (and manifest) they were
 * written from: the same obligations, triggered by the same deployments,
 * met or not by the same published documents, from as many sources; the
 * same verdict and the same findings.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../cli/test-utils/run-cli.ts";
import { indexDocs, joinModel } from "../../lineage/join.ts";
import { readModelDocs } from "../../lineage/read.node.ts";
import { check } from "../../policy/check.ts";
import { manifestSources } from "../../policy/manifest-input.node.ts";
import type { CheckResult, Interpretation } from "../../policy/types.ts";
import { ManifestReader } from "../reader.node.ts";
import { readModel } from "./documents.node.ts";
import { EXPORT_FORMATS } from "./index.ts";
import {
  makeOneFileCorpus,
  makeTrainingCorpus,
  scanInto,
  workspace,
} from "./test-utils/corpus.node.ts";

const ws = workspace();
const model = (name: string) => new URL(`./fixtures/models/${name}`, import.meta.url).pathname;
const manifests: Record<string, string> = {};

before(async () => {
  manifests.training = await scanInto(makeTrainingCorpus(ws.dir), join(ws.dir, "training.duckdb"));
  manifests.one = await scanInto(makeOneFileCorpus(ws.dir), join(ws.dir, "one.duckdb"));
});
after(() => ws.cleanup());

/** What a check owes, without the names that differ by where the corpus was read (paths vs the corpus's name). */
function owed(r: CheckResult) {
  return {
    verdict: r.verdict,
    permission: r.permission,
    deployment: [...r.deployment].sort(),
    deploymentAssumed: r.deploymentAssumed,
    weightsLicence: r.weightsLicence,
    weights: r.weights,
    obligations: r.obligations.map((o) => ({
      kind: o.kind,
      on: o.on,
      triggered: o.triggered,
      status: o.status,
      sources: o.sources.length + (o.more ?? 0),
    })),
    findings: r.findings.map((f) => `${f.severity} ${f.code}`).sort(),
  };
}

const licences = (r: CheckResult) =>
  r.obligations.map((o) => ({
    kind: o.kind,
    licences: o.sources.map((s) => s.licence ?? "(none)").sort(),
  }));

async function direct(fixture: string, manifest: string, interpretation: Interpretation) {
  const m = readModel(model(fixture));
  const spec = {
    ...m.spec,
    sources: [...(m.spec.sources ?? []), ...(await manifestSources(manifest))],
  };
  return check(spec, { interpretation });
}

async function readBack(
  format: "spdx3" | "cyclonedx",
  fixture: string,
  manifest: string,
  interpretation: Interpretation,
) {
  const out = join(ws.dir, `${fixture}.${format}.json`);
  const reader = await ManifestReader.open(manifest);
  try {
    await (await EXPORT_FORMATS[format]!()).write(reader, out, { model: model(fixture) });
  } finally {
    reader.close();
  }
  const docs = readModelDocs(out);
  const target = docs.find((d) => d.kind === "model")!;
  return check(joinModel(target.spec, indexDocs(docs)), { interpretation });
}

const CASES = [
  ["three-generations.yaml", "training"],
  ["internal-merge.yaml", "one"],
  ["named-parent.yaml", "one"],
  ["compliant-api.yaml", "training"],
] as const;

describe("tgpl check reads back from our exports what the model file owes", () => {
  for (const [fixture, corpus] of CASES)
    for (const interpretation of ["standard", "conservative"] as const)
      it(`${fixture} on the ${corpus} corpus, ${interpretation}`, async () => {
        const expected = await direct(fixture, manifests[corpus]!, interpretation);
        const cdx = await readBack("cyclonedx", fixture, manifests[corpus]!, interpretation);
        const spdx = await readBack("spdx3", fixture, manifests[corpus]!, interpretation);
        assert.deepEqual(owed(cdx), owed(expected), "CycloneDX");
        assert.deepEqual(owed(spdx), owed(expected), "SPDX 3");
        // CycloneDX carries each source's own licence (its terms say what training used), so even the
        // licences behind each obligation are the same.
        assert.deepEqual(licences(cdx), licences(expected));
      });

  it("the cases are not all alike: deployments, statuses and verdicts differ between them", async () => {
    const results = await Promise.all(CASES.map(([f, c]) => direct(f, manifests[c]!, "standard")));
    assert.deepEqual(new Set(results.map((r) => r.verdict)).size > 1, true);
    const internal = results[1]!;
    assert.deepEqual(internal.deployment, ["internal"]);
    assert.ok(internal.obligations.every((o) => o.status === "not-triggered"));
    assert.ok(results[2]!.findings.some((f) => f.code === "parent-unresolved"));
  });

  it("as a user runs it: tgpl check on the model file and on the exported BOM agree", () => {
    const bom = join(ws.dir, "cli.cdx.json");
    const exported = runCli([
      "export",
      manifests.training!,
      "--format",
      "cyclonedx",
      "--model",
      model("three-generations.yaml"),
      "--out",
      bom,
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    const a = runCli([
      "check",
      model("three-generations.yaml"),
      "--manifest",
      manifests.training!,
      "--json",
    ]);
    const b = runCli(["check", bom, "--json"]);
    assert.equal(a.code, b.code);
    assert.deepEqual(owed(JSON.parse(b.stdout)), owed(JSON.parse(a.stdout)));
  });
});
