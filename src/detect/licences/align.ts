/**
 * Aligning a text with one licence template, word by word, the way a reader
 * compares them: anchored on trigrams that occur once in the template, the
 * longest chain of anchors in order (patience diff), the gaps between anchors
 * filled by an exact longest-common-subsequence, then scored by what the
 * template requires and what the text adds.
 */

import { OPTIONAL, REQUIRED, VARIABLE } from "./flags.ts";
import { GRAM } from "./gram.ts";

/** One template, as views into the index arrays. */
export interface TemplateView {
  tokens: Uint16Array;
  flags: Uint8Array;
  caps: Uint8Array;
  /** Number of REQUIRED words. */
  required: number;
  /** Trigram hash → its only position in the template (ambiguous trigrams are absent). */
  unique: Map<number, number>;
}

export interface Alignment {
  /** First and last input word of the match (inclusive). */
  from: number;
  to: number;
  /** Required template words found, and required words in all. */
  matched: number;
  required: number;
  /** Input words inside the match that the template does not account for. */
  extra: number;
  /** Template words of any kind (required, optional, variable) found in the text. */
  found: number;
  /**
   * Required words between the first and the last template word found: those
   * missing there differ from the text; those outside it were cut off.
   */
  requiredWithin: number;
  /** Required template words before the first one found: the text lacks the template's opening. */
  requiredBefore: number;
  /** matched / (required + extra): 1 is word for word. */
  score: number;
  /** The most extra words in one place inside the match: a sentence the template lacks. */
  inserted: number;
}

/** An input gap more this much longer than the template's gap ends a chain: it is other text. */
const SPLIT_GAP = 64;
/** Largest gap (input words × template words) filled by the exact LCS; bigger ones stay unmatched. */
const MAX_DP_CELLS = 200_000;

/** Positions of template trigrams that occur exactly once in it. */
export function uniqueGrams(hashes: Int32Array): Map<number, number> {
  const map = new Map<number, number>();
  for (let j = 0; j < hashes.length; j++) {
    const h = hashes[j]!;
    if (h < 0) continue;
    map.set(h, map.has(h) ? -1 : j);
  }
  for (const [h, j] of map) if (j < 0) map.delete(h);
  return map;
}

/** Copies of one template found by one alignment (a bundle of 60 MIT texts takes several). */
export const COPIES = 16;

/**
 * Align the input (word ids and their trigram hashes) with a template.
 * Returns up to `copies` alignments over disjoint parts of the input, best first.
 */
export function align(
  ids: Uint16Array,
  hashes: Int32Array,
  t: TemplateView,
  copies = COPIES,
): Alignment[] {
  let anchors: number[] = []; // pairs: input position, template position
  for (let p = 0; p + GRAM <= ids.length; p++) {
    const h = hashes[p]!;
    if (h < 0) continue;
    const j = t.unique.get(h);
    if (j !== undefined) anchors.push(p, j);
  }
  const out: Alignment[] = [];
  const minAnchors = Math.max(2, Math.min(8, Math.floor(t.unique.size / 10)));
  for (let round = 0; round < copies && anchors.length / 2 >= minAnchors; round++) {
    const { chain, result } = bestPart(ids, t, longestChain(anchors, t.flags));
    if (chain.length / 2 < minAnchors) break;
    if (result) out.push(result);
    const lo = chain[0]!;
    const hi = chain[chain.length - 2]! + GRAM;
    anchors = withoutRange(anchors, lo, hi);
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Anchors whose input position is outside [lo, hi). */
function withoutRange(anchors: number[], lo: number, hi: number): number[] {
  const next: number[] = [];
  for (let k = 0; k < anchors.length; k += 2) {
    const p = anchors[k]!;
    if (p < lo || p >= hi) next.push(p, anchors[k + 1]!);
  }
  return next;
}

/** How many earlier anchors each anchor looks back at when chaining. */
const LOOKBACK = 24;

/**
 * The best chain of anchors increasing in both positions, where each anchor
 * earns its required words and each jump off the diagonal costs (as in
 * minimap2's chaining). The cost keeps a chain within one copy of a licence
 * when a file holds several copies (a plain longest-increasing chain may hop
 * between them), and keeps optional template text (an appendix) from reaching
 * out to stray words of the text that follows.
 */
function longestChain(anchors: number[], flags: Uint8Array): number[] {
  const n = anchors.length / 2;
  if (n === 0) return [];
  const score = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  let best = 0;
  for (let a = 0; a < n; a++) {
    const p = anchors[2 * a]!;
    const j = anchors[2 * a + 1]!;
    let weight = 0;
    for (let g = 0; g < GRAM; g++) if (flags[j + g] === REQUIRED) weight++;
    const earn = Math.max(0.5, weight);
    let s = earn;
    for (let b = a - 1; b >= 0 && b >= a - LOOKBACK; b--) {
      const pb = anchors[2 * b]!;
      const jb = anchors[2 * b + 1]!;
      if (jb >= j || pb >= p) continue;
      const gain = (earn * Math.min(GRAM, p - pb, j - jb)) / GRAM;
      const gap = Math.abs(p - pb - (j - jb));
      const candidate =
        score[b]! + gain - (gap === 0 ? 0 : 0.05 * gap + 0.5 * (32 - Math.clz32(gap)));
      if (candidate > s) {
        s = candidate;
        prev[a] = b;
      }
    }
    score[a] = s;
    if (s > score[best]!) best = a;
  }
  const chain: number[] = [];
  for (let a = best; a >= 0; a = prev[a]!) chain.push(anchors[2 * a]!, anchors[2 * a + 1]!);
  const ordered: number[] = [];
  for (let k = chain.length - 2; k >= 0; k -= 2) ordered.push(chain[k]!, chain[k + 1]!);
  return ordered;
}

/**
 * Split a chain where the input runs far ahead of the template (other text in
 * between, or stray anchors far away), start from the part with most anchors,
 * and take in neighbouring parts while that improves the score: a licence with
 * a long inserted passage is still one match, a stray anchor is dropped.
 */
function bestPart(
  ids: Uint16Array,
  t: TemplateView,
  chain: number[],
): { chain: number[]; result: Alignment | null } {
  const cuts = [0];
  for (let k = 2; k < chain.length; k += 2) {
    if (chain[k]! - chain[k - 2]! - (chain[k + 1]! - chain[k - 1]!) > SPLIT_GAP) cuts.push(k);
  }
  cuts.push(chain.length);
  let first = 0;
  for (let s = 1; s < cuts.length - 1; s++) {
    if (cuts[s + 1]! - cuts[s]! > cuts[first + 1]! - cuts[first]!) first = s;
  }
  let lo = first;
  let hi = first + 1;
  const evaluate = (a: number, b: number) => {
    const part = chain.slice(cuts[a], cuts[b]);
    return { chain: part, result: score(ids, t, pairsFrom(ids, t.tokens, part)) };
  };
  let best = evaluate(lo, hi);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [a, b] of [
      [lo - 1, hi],
      [lo, hi + 1],
    ] as const) {
      if (a < 0 || b >= cuts.length) continue;
      const wider = evaluate(a, b);
      if ((wider.result?.score ?? 0) > (best.result?.score ?? 0)) {
        best = wider;
        lo = a;
        hi = b;
        grew = true;
      }
    }
  }
  return best;
}

/** Matched (input, template) word pairs from a chain of anchors, gaps filled exactly where small. */
function pairsFrom(ids: Uint16Array, tokens: Uint16Array, chain: number[]): number[] {
  const pairs: number[] = [];
  let lastP = -1;
  let lastJ = -1;
  const push = (p: number, j: number) => {
    pairs.push(p, j);
    lastP = p;
    lastJ = j;
  };
  // Walk back from the first anchor while words agree (titles and first words before it).
  const p0 = chain[0]!;
  const j0 = chain[1]!;
  let back = 1;
  while (p0 - back >= 0 && j0 - back >= 0 && ids[p0 - back] === tokens[j0 - back]) back++;
  for (let b = back - 1; b >= 1; b--) push(p0 - b, j0 - b);

  for (let k = 0; k < chain.length; k += 2) {
    const p = chain[k]!;
    const j = chain[k + 1]!;
    // Only gaps between matched words are filled: before the first one there is no bound.
    if (lastP >= 0 && p > lastP + 1 && j > lastJ + 1)
      fillGap(ids, tokens, lastP + 1, p, lastJ + 1, j, push);
    for (let g = 0; g < GRAM; g++) if (p + g > lastP && j + g > lastJ) push(p + g, j + g);
  }
  // Walk on after the last anchor while words agree.
  let p = lastP + 1;
  let j = lastJ + 1;
  while (p < ids.length && j < tokens.length && ids[p] === tokens[j]) push(p++, j++);
  return pairs;
}

/** Exact LCS of ids[p0,p1) and tokens[j0,j1), pushed in order; skipped when too big. */
function fillGap(
  ids: Uint16Array,
  tokens: Uint16Array,
  p0: number,
  p1: number,
  j0: number,
  j1: number,
  push: (p: number, j: number) => void,
): void {
  const n = p1 - p0;
  const m = j1 - j0;
  if (n * m > MAX_DP_CELLS) return;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let a = n - 1; a >= 0; a--) {
    for (let b = m - 1; b >= 0; b--) {
      dp[a * w + b] =
        ids[p0 + a] === tokens[j0 + b]
          ? dp[(a + 1) * w + b + 1]! + 1
          : Math.max(dp[(a + 1) * w + b]!, dp[a * w + b + 1]!);
    }
  }
  let a = 0;
  let b = 0;
  while (a < n && b < m) {
    if (ids[p0 + a] === tokens[j0 + b]) {
      push(p0 + a, j0 + b);
      a++;
      b++;
    } else if (dp[(a + 1) * w + b]! >= dp[a * w + b + 1]!) a++;
    else b++;
  }
}

function score(ids: Uint16Array, t: TemplateView, pairs: number[]): Alignment | null {
  if (pairs.length === 0) return null;
  let matched = 0;
  let extra = 0;
  let inserted = 0;
  for (let k = 0; k < pairs.length; k += 2) {
    const j = pairs[k + 1]!;
    if (t.flags[j] === REQUIRED) matched++;
    if (k === 0) continue;
    const gapIn = pairs[k]! - pairs[k - 2]! - 1;
    if (gapIn === 0) continue;
    // Input words in a gap are accounted for by the template words they stand for:
    // template words one for one, plus what the widest variable region there may hold.
    let absorb = 0;
    let widest = 0;
    for (let g = pairs[k - 1]! + 1; g < j; g++) {
      const f = t.flags[g];
      if (f === VARIABLE && t.caps[g]! > widest) widest = t.caps[g]!;
      if (f === VARIABLE || f === OPTIONAL || f === REQUIRED) absorb++;
    }
    absorb += widest;
    if (gapIn > absorb) {
      extra += gapIn - absorb;
      if (gapIn - absorb > inserted) inserted = gapIn - absorb;
    }
  }
  const from = pairs[0]!;
  const to = pairs[pairs.length - 2]!;
  if (to < from || ids.length === 0) return null;
  let requiredWithin = 0;
  for (let j = pairs[1]!; j <= pairs[pairs.length - 1]!; j++)
    if (t.flags[j] === REQUIRED) requiredWithin++;
  let requiredBefore = 0;
  for (let j = 0; j < pairs[1]!; j++) if (t.flags[j] === REQUIRED) requiredBefore++;
  return {
    from,
    to,
    matched,
    required: t.required,
    extra,
    found: pairs.length / 2,
    requiredWithin,
    requiredBefore,
    score: matched / (t.required + extra),
    inserted,
  };
}
