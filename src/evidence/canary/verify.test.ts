import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../errors.ts";
import { openGgufBackend } from "../backends/gguf.node.ts";
import type { Backend } from "../backends/types.ts";
import { closedFormModel } from "../models/closed-form.ts";
import { SPACE_MARK } from "../models/spm-vocab.ts";
import { corpusVocab, trainBigram } from "../models/train.node.ts";
import { seededRandom, shuffled } from "../stats/random.ts";
import { rankSumTest } from "../stats/rank-test.ts";
import { campaignVault, canaryDocuments } from "../test-utils/campaign.ts";
import { packageSources } from "../test-utils/corpus.node.ts";
import { scoreCanaries, testCanaries } from "./verify.ts";

const SEED = "1234abcd".repeat(8);

describe("canary verification on models that learned from data", () => {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-verify-"));
  const corpus = packageSources(["semver"]);
  const vocab = corpusVocab(corpus, 120);
  const open: Backend[] = [];
  const model = async (name: string, extra: string[]) => {
    const path = join(dir, `${name}.gguf`);
    writeFileSync(path, await trainBigram(vocab, [...corpus, ...extra], { name }));
    const b = await openGgufBackend(path, { threads: 1 });
    open.push(b);
    return b;
  };
  let untrained: Backend;
  before(async () => {
    untrained = await model("never-saw-canaries", []);
  });
  after(async () => {
    for (const b of open) await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("detects published canaries the model was trained on (4 repetitions)", async () => {
    const vault = campaignVault(SEED, 20, 20);
    const trained = await model("saw-canaries", canaryDocuments(vault, 4));
    const scores = await scoreCanaries(trained, vault);
    // two occurrences per context, each well under 50 tokens even for this small vocabulary
    assert.ok(
      scores.every((s) => s.tokens < 2 * 50),
      String(Math.max(...scores.map((s) => s.tokens))),
    );
    const r = testCanaries(scores, vault, trained.spec);
    assert.equal(r.rejected, true);
    assert.ok(r.p < 1e-6, `p = ${r.p}`);
    assert.ok(r.auc > 0.95, `auc = ${r.auc}`);
    assert.ok(r.effect.difference > 0.5, `difference = ${r.effect.difference}`);
    assert.equal(r.canaries.length, 40);
    assert.deepEqual(
      r.canaries.map((c) => c.rank),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    assert.ok(r.canaries.slice(0, 15).every((c) => c.published));
  });

  it("does not reject for a model that never saw them", async () => {
    const vault = campaignVault(SEED, 20, 20);
    const r = testCanaries(await scoreCanaries(untrained, vault), vault, untrained.spec);
    assert.equal(r.rejected, false);
    assert.ok(r.p > 0.05 && r.auc < 0.8, `p = ${r.p}, auc = ${r.auc}`);
  });

  it("holds its level under the null: 1,000 random splits of canaries the model never saw", async () => {
    // scored once; the 1,000 splits are statistics over these scores
    const vault = campaignVault("feed".repeat(16), 60, 60);
    const scores = (await scoreCanaries(untrained, vault)).map((s) => s.loss);
    assert.equal(new Set(scores).size, 120);
    const rng = seededRandom("null-splits");
    let at05 = 0;
    let at01 = 0;
    for (let split = 0; split < 1000; split++) {
      const order = shuffled(scores, rng);
      const p = rankSumTest(order.slice(0, 60), order.slice(60), `split-${split}`).p;
      if (p <= 0.05) at05++;
      if (p <= 0.01) at01++;
    }
    assert.ok(at05 / 1000 >= 0.035 && at05 / 1000 <= 0.065, `rate at 0.05: ${at05 / 1000}`);
    assert.ok(at01 / 1000 >= 0.003 && at01 / 1000 <= 0.02, `rate at 0.01: ${at01 / 1000}`);
  });

  it("tests one published canary against many held-out ones, with the rank p-value's floor 1/(M+1)", async () => {
    const vault = campaignVault("0dd5".repeat(16), 1, 49);
    const trained = await model("saw-one", canaryDocuments(vault, 8));
    const r = testCanaries(await scoreCanaries(trained, vault), vault, trained.spec);
    assert.equal(r.p, 1 / 50);
    assert.equal(r.canaries[0]!.published, true);
    assert.equal(r.rejected, true);
  });

  it("refuses a model whose tokenizer cannot encode a canary", async () => {
    const chars = [SPACE_MARK, "\n", ...'abcdefghijklmnopqrstuvwxyz0123456789_=;".()'];
    const limited = closedFormModel({ vocab: { chars, withoutBytes: true } });
    const path = join(dir, "no-bytes.gguf");
    writeFileSync(path, limited.gguf());
    const b = await openGgufBackend(path, { threads: 1 });
    open.push(b);
    const vault = campaignVault(SEED, 2, 2);
    await assert.rejects(
      scoreCanaries(b, vault),
      (e: unknown) =>
        e instanceof InputError &&
        /cannot encode canary [a-z_0-9]+: "[A-Z]", .* are not in its vocabulary/.test(e.message),
    );
  });
});
