/**
 * The scenario suite: every file in scenarios/ is a model with the verdict and
 * the finding codes written down before the engine was. Each must come out
 * exactly so.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { validateModelFile } from "../lineage/model-file.ts";
import { check } from "./check.ts";
import type { Interpretation, Verdict } from "./types.ts";

const DIR = new URL("./scenarios/", import.meta.url);
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

interface Scenario {
  description: string;
  interpretation?: Interpretation;
  model: unknown;
  expect: { verdict: Verdict; findings: string[] };
}

describe("policy scenarios", () => {
  it("has at least 50 scenarios", () => assert.ok(files.length >= 50, `${files.length} scenarios`));

  for (const file of files) {
    const s = parse(readFileSync(new URL(file, DIR), "utf8")) as Scenario;
    it(`${file}: ${s.description}`, () => {
      const doc = validateModelFile(s.model);
      assert.ok(doc.ok, doc.ok ? "" : doc.error.join("\n"));
      const r = check(doc.value.spec, { interpretation: s.interpretation ?? "standard" });
      const codes = [...new Set(r.findings.map((f) => f.code))].sort();
      const detail = r.findings.map((f) => `  ${f.severity} ${f.code}: ${f.message}`).join("\n");
      assert.deepEqual(codes, [...s.expect.findings].sort(), `findings differ:\n${detail}`);
      assert.equal(r.verdict, s.expect.verdict, detail);
      for (const f of r.findings) {
        assert.ok(f.message.length > 20, `${f.code} has a message that says what to do`);
        assert.equal(f.path[0], r.model);
      }
    });
  }
});
