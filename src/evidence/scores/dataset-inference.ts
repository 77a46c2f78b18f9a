/**
 * Dataset inference (after Maini et al. 2024, "LLM Dataset Inference"): is a
 * set of suspect files, as a whole, better known to the model than files of
 * the same kind the owner kept private? Both sets are split in halves at
 * random; a logistic regression learns, on the first halves, how to combine
 * the membership scores; on the second halves an exact one-sided rank test
 * asks whether the combined score puts suspect files above the controls.
 *
 * The p-value is only as good as the controls: if the two sets differ in
 * length, language or age, that difference alone can separate them. Such
 * differences are reported as warnings, whatever the result.
 */
import { median } from "../stats/describe.ts";
import { seededRandom, shuffled } from "../stats/random.ts";
import { rankSumTest } from "../stats/rank-test.ts";
import type { MembershipScores } from "./membership.ts";

export interface InferenceItem {
  path: string;
  scores: MembershipScores;
  /** Loss of the reference model, when one was given. */
  referenceLoss?: number;
  bytes: number;
  language: string;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

export interface DatasetInference {
  p: number;
  /** AUC of the combined score on the test halves (suspect above control). */
  auc: number;
  features: string[];
  /** Logistic-regression weights on standardized features, intercept first. */
  weights: number[];
  sizes: { suspectTrain: number; suspectTest: number; controlTrain: number; controlTest: number };
  seed: string;
  warnings: string[];
}

export const MIN_PER_SET = 4;

/** Feature vectors: the scores every item has. */
function featureTable(items: readonly InferenceItem[]): { names: string[]; rows: number[][] } {
  const names = ["loss", "zlibRatio", "minK"];
  if (items.every((i) => i.scores.minKPlusPlus !== null)) names.push("minKPlusPlus");
  if (items.every((i) => i.referenceLoss !== undefined)) names.push("referenceRatio");
  const rows = items.map((i) =>
    names.map((n) =>
      n === "referenceRatio"
        ? i.scores.loss / i.referenceLoss!
        : (i.scores[n as keyof MembershipScores] as number),
    ),
  );
  return { names, rows };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/** Ridge-penalized logistic regression by Newton's method; x rows start with the intercept 1. */
export function logistic(x: readonly number[][], y: readonly number[], lambda = 1): number[] {
  const d = x[0]!.length;
  let beta = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((row, i) => {
      const z = row.reduce((s, v, k) => s + v * beta[k]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      const w = p * (1 - p);
      for (let a = 0; a < d; a++) {
        grad[a]! += (y[i]! - p) * row[a]!;
        for (let b = 0; b < d; b++) h[a]![b]! += w * row[a]! * row[b]!;
      }
    });
    for (let a = 1; a < d; a++) {
      grad[a]! -= lambda * beta[a]!;
      h[a]![a]! += lambda;
    }
    h[0]![0]! += 1e-9;
    const step = solve(h, grad);
    beta = beta.map((b, k) => b + step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return beta;
}

function twoSided(x: number[], y: number[]): number {
  if (x.length === 0 || y.length === 0) return 1;
  const lo = rankSumTest(x, y, "two-sided-lo").p;
  const hi = rankSumTest(y, x, "two-sided-hi").p;
  return Math.min(1, 2 * Math.min(lo, hi));
}

/** Differences between the sets that could explain a result without any training. */
export function confounders(
  suspect: readonly InferenceItem[],
  controls: readonly InferenceItem[],
): string[] {
  const warnings: string[] = [];
  const sb = suspect.map((i) => i.bytes);
  const cb = controls.map((i) => i.bytes);
  if (twoSided(sb, cb) < 0.05)
    warnings.push(
      `length: suspect files have median ${median(sb)} bytes, controls ${median(cb)} (rank test p < 0.05); loss depends on length, so this alone can separate the sets`,
    );
  const share = (items: readonly InferenceItem[]) => {
    const m = new Map<string, number>();
    for (const i of items) m.set(i.language, (m.get(i.language) ?? 0) + 1 / items.length);
    return m;
  };
  const s = share(suspect);
  const c = share(controls);
  const langs = [...new Set([...s.keys(), ...c.keys()])].sort();
  const tv = langs.reduce((t, l) => t + Math.abs((s.get(l) ?? 0) - (c.get(l) ?? 0)), 0) / 2;
  if (tv > 0.2) {
    const fmt = (m: Map<string, number>) =>
      langs.map((l) => `${l} ${Math.round((m.get(l) ?? 0) * 100)}%`).join(", ");
    warnings.push(
      `language: suspect files are ${fmt(s)}; controls are ${fmt(c)}; a model knows some languages better than others`,
    );
  }
  const sd = suspect.map((i) => i.mtime);
  const cd = controls.map((i) => i.mtime);
  // Files copied in one go differ by milliseconds; only a month or more says something about age.
  if (Math.abs(median(sd) - median(cd)) > 30 * 86_400_000 && twoSided(sd, cd) < 0.05) {
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    warnings.push(
      `date: suspect files were modified around ${iso(median(sd))}, controls around ${iso(median(cd))} (rank test p < 0.05); older text may have reached the model by other routes, newer text may be about things it never saw`,
    );
  }
  return warnings;
}

/**
 * Dataset inference of suspect files against controls.
 * @throws RangeError when either set has fewer than MIN_PER_SET files.
 */
export function datasetInference(
  suspect: readonly InferenceItem[],
  controls: readonly InferenceItem[],
  seed = "tgpl-dataset-inference",
): DatasetInference {
  if (suspect.length < MIN_PER_SET || controls.length < MIN_PER_SET)
    throw new RangeError(
      `dataset inference needs at least ${MIN_PER_SET} suspect and ${MIN_PER_SET} control files; it has ${suspect.length} and ${controls.length}`,
    );
  const rng = seededRandom(seed);
  const s = shuffled(suspect, rng);
  const c = shuffled(controls, rng);
  const sTrain = s.slice(0, s.length >> 1);
  const sTest = s.slice(s.length >> 1);
  const cTrain = c.slice(0, c.length >> 1);
  const cTest = c.slice(c.length >> 1);
  const { names, rows } = featureTable([...sTrain, ...cTrain, ...sTest, ...cTest]);
  const nTrain = sTrain.length + cTrain.length;
  const train = rows.slice(0, nTrain);
  const means = names.map((_, k) => train.reduce((a, r) => a + r[k]!, 0) / train.length);
  const sds = names.map(
    (_, k) =>
      Math.sqrt(train.reduce((a, r) => a + (r[k]! - means[k]!) ** 2, 0) / train.length) || 1,
  );
  const design = rows.map((r) => [1, ...r.map((v, k) => (v - means[k]!) / sds[k]!)]);
  const labels = [...sTrain.map(() => 1), ...cTrain.map(() => 0)];
  const beta = logistic(design.slice(0, nTrain), labels);
  const combined = design.slice(nTrain).map((r) => r.reduce((a, v, k) => a + v * beta[k]!, 0));
  const suspectScores = combined.slice(0, sTest.length);
  const controlScores = combined.slice(sTest.length);
  // Suspect files should score higher: test whether the controls are stochastically smaller.
  const r = rankSumTest(controlScores, suspectScores, `${seed}/ties`);
  return {
    p: r.p,
    auc: r.auc,
    features: names,
    weights: beta,
    sizes: {
      suspectTrain: sTrain.length,
      suspectTest: sTest.length,
      controlTrain: cTrain.length,
      controlTest: cTest.length,
    },
    seed,
    warnings: confounders(suspect, controls),
  };
}
