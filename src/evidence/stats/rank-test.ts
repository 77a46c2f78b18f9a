/**
 * The exact one-sided Wilcoxon–Mann–Whitney rank-sum test. Under the null
 * hypothesis (the model never saw the published canaries) published and
 * held-out canaries are exchangeable, so every assignment of the pooled ranks
 * to the published group is equally likely and the p-value is a count of
 * assignments: exact, whatever the distribution of the scores.
 *
 * The count comes from the Gaussian binomial coefficient: the number of ways
 * n of N ranks give U = u is the coefficient of q^u in [N choose n]_q =
 * ∏_{i=1..n} (1 - q^(m+i)) / (1 - q^i). Only the lower half is computed; the
 * polynomial is symmetric.
 */
import { type Random, seededRandom } from "./random.ts";

export interface RankTestResult {
  /** Mann–Whitney U: pairs (x, y) with x > y (x = the group expected to score lower). */
  u: number;
  /** P(U ≤ u) under the null: exact. */
  p: number;
  n: number;
  m: number;
  /** AUC: P(x < y) for a random pair, i.e. 1 − U/(n·m). */
  auc: number;
  /** 1-based rank of each x, then each y, in the pooled sample (ascending; ties broken at random). */
  ranksX: number[];
  ranksY: number[];
  /** Number of values that were tied with another and ordered by the seeded tie-break. */
  tied: number;
}

/**
 * Lower-tail probabilities of U for sizes n and m: result[u] = P(U ≤ u), for u ≤ ⌊nm/2⌋.
 * Coefficients are kept scaled to stay inside double range.
 */
export function lowerTail(n: number, m: number, upTo?: number): Float64Array {
  if (n > m) return lowerTail(m, n, upTo);
  const half = Math.floor((n * m) / 2);
  const top = Math.min(half, upTo ?? half);
  // c holds the coefficients of [m+i choose i]_q for u ≤ half, rescaled whenever they grow past 1e200.
  const c = new Float64Array(half + 1);
  c[0] = 1;
  for (let i = 1; i <= n; i++) {
    // divide by (1 - q^i): a running sum with stride i (all terms positive)
    for (let u = i; u <= half; u++) c[u]! += c[u - i]!;
    // multiply by (1 - q^(m+i))
    const s = m + i;
    for (let u = half; u >= s; u--) c[u]! -= c[u - s]!;
    let max = 0;
    for (let u = 0; u <= half; u++) if (c[u]! > max) max = c[u]!;
    if (max > 1e200) for (let u = 0; u <= half; u++) c[u]! /= max;
  }
  // total = 2·Σ_{u<nm/2} c[u] + c[nm/2] when nm is even (symmetry about nm/2)
  let lower = 0;
  for (let u = 0; u < half; u++) lower += c[u]!;
  const total = (n * m) % 2 === 0 ? 2 * lower + c[half]! : 2 * (lower + c[half]!);
  const out = new Float64Array(top + 1);
  let acc = 0;
  for (let u = 0; u <= top; u++) {
    acc += c[u]!;
    out[u] = Math.min(1, acc / total);
  }
  return out;
}

// Repeated tests at one size (random splits, dataset inference) reuse the table.
const tails = new Map<string, Float64Array>();

function tailTable(n: number, m: number): Float64Array {
  const key = n <= m ? `${n},${m}` : `${m},${n}`;
  let t = tails.get(key);
  if (!t) {
    t = lowerTail(n, m);
    if (tails.size > 32) tails.clear();
    tails.set(key, t);
  }
  return t;
}

/** P(U ≤ u) for any u in [0, n·m], by symmetry for the upper half. */
export function mannWhitneyCdf(n: number, m: number, u: number): number {
  if (u < 0) return 0;
  if (u >= n * m) return 1;
  const half = Math.floor((n * m) / 2);
  const table = tailTable(n, m);
  if (u <= half) return table[u]!;
  // P(U ≤ u) = 1 − P(U ≥ u+1) = 1 − P(U ≤ nm − u − 1)
  return 1 - table[n * m - u - 1]!;
}

/**
 * Tests whether x (the published canaries' scores) is stochastically smaller
 * than y (the held-out ones). Exact ties are broken by a random order drawn
 * from `tieSeed`, which keeps the test exact (a randomized test).
 * @throws RangeError for an empty group or a score that is not a finite number.
 */
export function rankSumTest(
  x: readonly number[],
  y: readonly number[],
  tieSeed = "ties",
): RankTestResult {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) throw new RangeError("both groups need at least one score");
  for (const v of [...x, ...y])
    if (!Number.isFinite(v)) throw new RangeError(`score ${v} is not a finite number`);
  const rng: Random = seededRandom(tieSeed);
  const pooled = [
    ...x.map((v, i) => ({ v, group: 0, i, key: 0 })),
    ...y.map((v, i) => ({ v, group: 1, i, key: 0 })),
  ];
  for (const p of pooled) p.key = rng.float();
  pooled.sort((a, b) => a.v - b.v || a.key - b.key);
  let tied = 0;
  for (let k = 0; k < pooled.length; k++) {
    if (
      (k > 0 && pooled[k - 1]!.v === pooled[k]!.v) ||
      (k + 1 < pooled.length && pooled[k + 1]!.v === pooled[k]!.v)
    )
      tied++;
  }
  const ranksX = new Array<number>(n);
  const ranksY = new Array<number>(m);
  pooled.forEach((p, k) => {
    if (p.group === 0) ranksX[p.i] = k + 1;
    else ranksY[p.i] = k + 1;
  });
  const u = ranksX.reduce((s, r) => s + r, 0) - (n * (n + 1)) / 2;
  return { u, p: mannWhitneyCdf(n, m, u), n, m, auc: 1 - u / (n * m), ranksX, ranksY, tied };
}
