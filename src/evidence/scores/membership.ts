/**
 * Membership-inference scores of one scored text. They are scores, not
 * verdicts: a single text's loss says little until it is compared with text of
 * the same kind the model cannot have seen (see dataset-inference.ts).
 *
 * Directions: loss, perplexity, zlib ratio and reference ratio are lower for
 * text a model has seen; Min-K% and Min-K%++ are higher.
 */
import { deflateSync } from "node:zlib";
import type { ScoredText } from "../backends/types.ts";

export interface MembershipScores {
  /** Tokens with a log-probability. */
  tokens: number;
  /** Mean negative log-likelihood, nats per token. */
  loss: number;
  perplexity: number;
  /** Bytes of the text compressed by zlib (level 9). */
  zlibBytes: number;
  /** Loss over zlib bytes, as in Carlini et al. 2021 ("zlib entropy" comparison). */
  zlibRatio: number;
  /** Min-K% (Shi et al. 2023): mean log-probability of the k% least likely tokens. */
  minK: number;
  /** Min-K%++ (Zhang et al. 2024): mean of the k% lowest (log p − μ)/σ, μ and σ over the full next-token distribution; null without it. */
  minKPlusPlus: number | null;
  k: number;
}

/** Mean of the ceil(k·n) smallest values. */
function lowestMean(values: number[], k: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = Math.max(1, Math.ceil(sorted.length * k));
  let s = 0;
  for (let i = 0; i < n; i++) s += sorted[i]!;
  return s / n;
}

/**
 * Scores of a text. `k` is the Min-K% fraction (default 0.2).
 * @throws RangeError when no token of the text was scored.
 */
export function membershipScores(scored: ScoredText, k = 0.2): MembershipScores {
  const withLp = scored.tokens.filter((t) => t.logprob !== null);
  if (withLp.length === 0)
    throw new RangeError("the text has no scored token (it is empty or one token long)");
  const lps = withLp.map((t) => t.logprob as number);
  const loss = -lps.reduce((s, x) => s + x, 0) / lps.length;
  const zlibBytes = deflateSync(Buffer.from(scored.text, "utf8"), { level: 9 }).length;
  const allMoments = withLp.every((t) => t.moments && t.moments.variance > 0);
  const plus = allMoments
    ? lowestMean(
        withLp.map(
          (t) => ((t.logprob as number) - t.moments!.mean) / Math.sqrt(t.moments!.variance),
        ),
        k,
      )
    : null;
  return {
    tokens: lps.length,
    loss,
    perplexity: Math.exp(loss),
    zlibBytes,
    zlibRatio: loss / zlibBytes,
    minK: lowestMean(lps, k),
    minKPlusPlus: plus,
    k,
  };
}
