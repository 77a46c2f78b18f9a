import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { closedFormModel } from "../../evidence/models/closed-form.ts";
import { runCli } from "../test-utils/run-cli.ts";

describe("tgpl mia (CLI)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "tgpl-cli-mia-"));
  const model = join(tmp, "m.gguf");
  const reference = join(tmp, "ref.gguf");
  before(() => {
    writeFileSync(model, closedFormModel().gguf());
    writeFileSync(reference, closedFormModel({ classes: 16 }).gguf());
    for (const set of ["mine", "private"]) {
      mkdirSync(join(tmp, set));
      for (let i = 0; i < 4; i++)
        writeFileSync(
          join(tmp, set, `m${i}.py`),
          `def f${i}(x):\n    return x * ${i} + ${set.length}\n`,
        );
    }
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("prints scores for each file, with a reference model and dataset inference", () => {
    const r = runCli([
      "mia",
      join(tmp, "mine"),
      "--model",
      `gguf:${model}`,
      "--reference",
      `gguf:${reference}`,
      "--controls",
      join(tmp, "private"),
      "--threads",
      "1",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files.length, 4);
    for (const f of out.files) {
      assert.ok(f.loss > 0 && f.tokens > 10);
      assert.ok(Math.abs(f.referenceRatio - f.loss / f.referenceLoss) < 1e-12);
      assert.equal(typeof f.minKPlusPlus, "number");
    }
    assert.equal(out.controls.length, 4);
    assert.ok(out.datasetInference.p > 0 && out.datasetInference.p <= 1);
    assert.deepEqual(out.datasetInference.features, [
      "loss",
      "zlibRatio",
      "minK",
      "minKPlusPlus",
      "referenceRatio",
    ]);
  });

  it("reports unreadable files and exits 2 on bad usage", () => {
    const text = runCli([
      "mia",
      join(tmp, "mine", "m0.py"),
      join(tmp, "missing.py"),
      "--model",
      `gguf:${model}`,
      "--threads",
      "1",
    ]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /tokens {2}loss/);
    assert.match(text.stdout, /error: .*missing\.py: ENOENT/);
    const none = runCli(["mia", join(tmp, "mine")]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--model MODEL is required/);
    const bad = runCli(["mia", join(tmp, "nothing-here.py"), "--model", `gguf:${model}`]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no file could be read: .*ENOENT/);
  });
});
