/**
 * `tgpl canary verify`: score every canary, published and held out, in the
 * same contexts, and test whether the published ones are better known to the
 * model. The statistic and the test were fixed in the vault before release:
 * mean token loss over the canary's span (both of its occurrences in the
 * planted statement, over every context kind of the campaign), and the exact
 * one-sided Wilcoxon–Mann–Whitney test.
 */
import { InputError } from "../../errors.ts";
import { type Backend, type ScoredText, UnencodableTextError } from "../backends/types.ts";
import { cohensD, mean } from "../stats/describe.ts";
import { rankSumTest } from "../stats/rank-test.ts";
import { constantName } from "./draw.ts";
import { type PlantKind, statementFor } from "./plant.ts";
import type { Vault } from "./vault.ts";

export interface CanaryContext {
  kind: string;
  text: string;
  /** Character ranges of the canary's occurrences. */
  spans: [number, number][];
}

export interface CanaryScore {
  index: number;
  text: string;
  published: boolean;
  /** Mean token loss (nats) over the canary's span in every context. */
  loss: number;
  /** Tokens the mean is over. */
  tokens: number;
}

export interface VerifyResult {
  model: string;
  commitment: string;
  statistic: string;
  test: string;
  alpha: number;
  contexts: string[];
  published: number;
  heldOut: number;
  /** Exact p-value: P(U ≤ observed) with the published group's losses as x. */
  p: number;
  u: number;
  /** P(a published canary has lower loss than a held-out one). 0.5 is chance. */
  auc: number;
  /** p ≤ alpha: the model was trained on the published canaries, at the pre-registered level. */
  rejected: boolean;
  effect: {
    meanLossPublished: number;
    meanLossHeldOut: number;
    difference: number;
    cohensD: number;
  };
  /** Every canary with its 1-based rank among all (1 = lowest loss). */
  canaries: (CanaryScore & { rank: number })[];
}

/** The texts a canary is scored in: its planted statement in each context kind of the campaign. */
export function canaryContexts(canary: string, kinds: readonly string[]): CanaryContext[] {
  return kinds.map((kind) => {
    const statement = statementFor(kind as PlantKind, canary);
    const name = constantName(canary);
    const a = statement.indexOf(name);
    const b = statement.indexOf(`"${canary}"`) + 1;
    return {
      kind,
      text: `${statement}\n`,
      spans: [
        [a, a + name.length],
        [b, b + canary.length],
      ],
    };
  });
}

/** Mean token loss over the spans, from a scored context. */
function spanLosses(
  scored: ScoredText,
  ctx: CanaryContext,
  canary: string,
  model: string,
): number[] {
  const inSpan = scored.tokens.filter(
    (t) => t.end > t.start && ctx.spans.some(([s, e]) => t.start < e && t.end > s),
  );
  const unknown = inSpan.filter((t) => t.unknown);
  if (unknown.length > 0)
    throw new InputError(
      `${model}: the model's tokenizer cannot encode canary ${canary}: ${unknown
        .map((t) => JSON.stringify(scored.text.slice(t.start, t.end)))
        .join(", ")} became its unknown token`,
      "Its score would not be the model's view of the canary. Use a model whose vocabulary can encode every character (byte fallback).",
    );
  const losses = inSpan.filter((t) => t.logprob !== null).map((t) => -(t.logprob as number));
  if (losses.length === 0)
    throw new InputError(
      `${model}: no scored token of the context covers canary ${canary}`,
      "The backend's tokens could not be placed on the text.",
    );
  return losses;
}

/**
 * Scores every canary of the vault with the backend.
 * @throws InputError when the model cannot score or encode a canary.
 */
export async function scoreCanaries(backend: Backend, vault: Vault): Promise<CanaryScore[]> {
  const kinds = vault.preregistration.contexts;
  const contexts = vault.canaries.map((c) => canaryContexts(c.text, kinds));
  const flat = contexts.flat();
  const owner = vault.canaries.flatMap((c, i) => contexts[i]!.map(() => c.text));
  const scored = await backend
    .score(
      flat.map((c) => c.text),
      { distribution: "none" },
    )
    .catch((e: unknown) => {
      if (e instanceof UnencodableTextError)
        throw new InputError(
          `${backend.spec}: the model's tokenizer cannot encode canary ${owner[e.textIndex]}: ${e.characters.map((c) => JSON.stringify(c)).join(", ")} are not in its vocabulary and it has no byte tokens`,
          e.hint,
        );
      throw e;
    });
  let k = 0;
  return vault.canaries.map((c, i) => {
    const losses: number[] = [];
    for (const ctx of contexts[i]!)
      losses.push(...spanLosses(scored[k++]!, ctx, c.text, backend.spec));
    return {
      index: c.index,
      text: c.text,
      published: c.published,
      loss: mean(losses),
      tokens: losses.length,
    };
  });
}

/** The pre-registered test on canary scores. */
export function testCanaries(
  scores: readonly CanaryScore[],
  vault: Vault,
  model: string,
): VerifyResult {
  const pub = scores.filter((s) => s.published);
  const held = scores.filter((s) => !s.published);
  const x = pub.map((s) => s.loss);
  const y = held.map((s) => s.loss);
  const r = rankSumTest(x, y, `${vault.commitment}/ties`);
  const rank = new Map<number, number>();
  for (const [i, s] of pub.entries()) rank.set(s.index, r.ranksX[i]!);
  for (const [i, s] of held.entries()) rank.set(s.index, r.ranksY[i]!);
  const alpha = vault.preregistration.alpha;
  return {
    model,
    commitment: vault.commitment,
    statistic: vault.preregistration.statistic,
    test: vault.preregistration.test,
    alpha,
    contexts: vault.preregistration.contexts,
    published: pub.length,
    heldOut: held.length,
    p: r.p,
    u: r.u,
    auc: r.auc,
    rejected: r.p <= alpha,
    effect: {
      meanLossPublished: mean(x),
      meanLossHeldOut: mean(y),
      difference: mean(y) - mean(x),
      cohensD: cohensD(x, y),
    },
    canaries: scores
      .map((s) => ({ ...s, rank: rank.get(s.index)! }))
      .sort((a, b) => a.rank - b.rank),
  };
}
