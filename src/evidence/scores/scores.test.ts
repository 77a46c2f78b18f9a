import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { InputError } from "../../errors.ts";
import { openGgufBackend } from "../backends/gguf.node.ts";
import type { Backend } from "../backends/types.ts";
import { closedFormModel } from "../models/closed-form.ts";
import { corpusVocab, trainBigram } from "../models/train.node.ts";
import { seededRandom } from "../stats/random.ts";
import {
  confounders,
  datasetInference,
  type InferenceItem,
  logistic,
} from "./dataset-inference.ts";
import { membershipScores } from "./membership.ts";
import { isScored, type MiaReport, runMia } from "./mia.node.ts";

const NODE_MODULES = fileURLToPath(new URL("../../../node_modules/", import.meta.url));

describe("membership scores", () => {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-scores-"));
  const model = closedFormModel();
  let backend: Backend;
  before(async () => {
    writeFileSync(join(dir, "cf.gguf"), model.gguf());
    backend = await openGgufBackend(join(dir, "cf.gguf"), { threads: 1 });
  });
  after(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("computes loss, zlib ratio, Min-K% and Min-K%++ as their definitions say", async () => {
    const text = readFileSync(join(NODE_MODULES, "semver/functions/inc.js"), "utf8");
    const [scored] = await backend.score([text]);
    const s = membershipScores(scored!, 0.2);
    // the same quantities from the closed form, token by token
    const lps: number[] = [];
    const zs: number[] = [];
    let prev = model.vocab.bos;
    for (const t of scored!.tokens) {
      const lp = model.logProb(prev, t.id!);
      lps.push(lp);
      let mean = 0;
      let sq = 0;
      for (let j = 0; j < model.vocab.tokens.length; j++) {
        const q = model.logProb(prev, j);
        mean += Math.exp(q) * q;
        sq += Math.exp(q) * q * q;
      }
      zs.push((lp - mean) / Math.sqrt(sq - mean * mean));
      prev = t.id!;
    }
    const lowest = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b).slice(0, Math.ceil(xs.length * 0.2));
      return sorted.reduce((a, b) => a + b, 0) / sorted.length;
    };
    const loss = -lps.reduce((a, b) => a + b, 0) / lps.length;
    assert.equal(s.tokens, lps.length);
    assert.ok(Math.abs(s.loss - loss) < 1e-5);
    assert.ok(Math.abs(s.perplexity / Math.exp(loss) - 1) < 1e-5);
    assert.equal(s.zlibBytes, deflateSync(Buffer.from(text), { level: 9 }).length);
    assert.ok(Math.abs(s.zlibRatio - loss / s.zlibBytes) < 1e-8);
    assert.ok(Math.abs(s.minK - lowest(lps)) < 1e-5);
    assert.ok(Math.abs(s.minKPlusPlus! - lowest(zs)) < 1e-3);
  });
});

describe("dataset inference", () => {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-di-"));
  // Small modules by many authors (the index.js of installed npm packages): half go into
  // training, the other half stay private, like an owner's controls.
  const files = readdirSync(NODE_MODULES)
    .sort()
    .map((p) => `${p}/index.js`)
    .filter(
      (f) =>
        existsSync(join(NODE_MODULES, f)) &&
        statSync(join(NODE_MODULES, f)).size > 250 &&
        statSync(join(NODE_MODULES, f)).size < 1200,
    );
  const rng = seededRandom("halves");
  const trained = files.filter(() => rng.float() < 0.5);
  const kept = files.filter((f) => !trained.includes(f));
  const suspectDir = join(dir, "suspect");
  const controlDir = join(dir, "controls");
  let backend: Backend;
  let report: MiaReport;

  const copy = (set: readonly string[], to: string) => {
    mkdirSync(to);
    for (const f of set)
      writeFileSync(join(to, f.replaceAll("/", "__")), readFileSync(join(NODE_MODULES, f)));
  };
  const items = (rows: MiaReport["files"]): InferenceItem[] =>
    rows
      .filter(isScored)
      .map((r) => ({ path: r.path, scores: r, bytes: r.bytes, language: "JavaScript", mtime: 0 }));

  before(async () => {
    copy(trained, suspectDir);
    copy(kept, controlDir);
    const texts = trained.map((f) => readFileSync(join(NODE_MODULES, f), "utf8"));
    writeFileSync(join(dir, "m.gguf"), await trainBigram(corpusVocab(texts, 200), texts));
    backend = await openGgufBackend(join(dir, "m.gguf"), { threads: 1 });
    // scored once; the tests below reuse these scores
    report = await runMia(backend, undefined, { files: [suspectDir], controls: controlDir });
  });
  after(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds that the files a model was trained on are better known than private files of the same kind", () => {
    const di = report.datasetInference!;
    assert.ok(files.length >= 16, `${files.length} files`);
    assert.ok(di.p < 0.01, `p = ${di.p}`);
    assert.ok(di.auc > 0.75, `auc = ${di.auc}`);
    assert.deepEqual(di.features, ["loss", "zlibRatio", "minK", "minKPlusPlus"]);
    assert.equal(di.sizes.suspectTest + di.sizes.suspectTrain, trained.length);
    assert.deepEqual(di.warnings, []);
    assert.ok(report.files.every(isScored));
  });

  it("gives no evidence when neither set was trained on", () => {
    const controls = items(report.controls!);
    const di = datasetInference(
      controls.filter((_, i) => i % 2 === 0),
      controls.filter((_, i) => i % 2 === 1),
    );
    assert.ok(di.p > 0.05, `p = ${di.p}`);
  });

  it("warns when the sets differ in length, language or date", () => {
    const item = (path: string, bytes: number, language: string, mtime: number): InferenceItem => ({
      path,
      bytes,
      language,
      mtime,
      scores: {
        tokens: 1,
        loss: 1,
        perplexity: 1,
        zlibBytes: 1,
        zlibRatio: 1,
        minK: 1,
        minKPlusPlus: null,
        k: 0.2,
      },
    });
    const day = 86_400_000;
    const suspect = Array.from({ length: 8 }, (_, i) =>
      item(`s${i}.py`, 9000 + i, "Python", Date.UTC(2019, 0, 1) + i * day),
    );
    const controls = Array.from({ length: 8 }, (_, i) =>
      item(`c${i}.js`, 500 + i, "JavaScript", Date.UTC(2024, 0, 1) + i * day),
    );
    const w = confounders(suspect, controls);
    assert.equal(w.length, 3);
    assert.match(w[0]!, /^length: suspect files have median 9003\.5 bytes, controls 503\.5/);
    assert.match(
      w[1]!,
      /^language: suspect files are JavaScript 0%, Python 100%; controls are JavaScript 100%, Python 0%/,
    );
    assert.match(
      w[2]!,
      /^date: suspect files were modified around 2019-01-0\d, controls around 2024-01-0\d/,
    );
    assert.deepEqual(confounders(suspect, suspect), []);
  });

  it("reads dates from the files' modification times, and refuses too few files", async () => {
    const small = (name: string, n: number, date?: Date) => {
      const d = join(dir, name);
      mkdirSync(d);
      for (let i = 0; i < n; i++) {
        writeFileSync(join(d, `f${i}.js`), `module.exports = ${i} + ${name.length};\n`);
        if (date) utimesSync(join(d, `f${i}.js`), date, date);
      }
      return d;
    };
    const recent = small("recent", 4);
    const old = small("old", 4, new Date("2015-06-01"));
    const di = (await runMia(backend, undefined, { files: [recent], controls: old }))
      .datasetInference!;
    assert.ok(
      di.warnings.some((w) => w.startsWith("date: ") && w.includes("controls around 2015-06-01")),
      di.warnings.join("\n"),
    );
    const few = small("few", 1);
    await assert.rejects(
      runMia(backend, undefined, { files: [few], controls: old }),
      (e: unknown) => e instanceof InputError && /at least 4 scored suspect files/.test(e.message),
    );
  });

  it("fits the logistic combination in the direction of the data", () => {
    const r = seededRandom("logistic");
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const label = i % 2;
      x.push([1, r.float() + (label ? 0.3 : 0), r.float()]);
      y.push(label);
    }
    const [, wa, wb] = logistic(x, y, 1);
    assert.ok(wa! > 1.5 && Math.abs(wb!) < 0.6 * wa!, `${wa} ${wb}`);
  });
});
