/**
 * A model whose next-token log-probabilities are known in closed form, written
 * as a real GGUF that llama.cpp runs: a class bigram. The previous token's
 * class is its id mod `classes`; the embedding is 8·e_class in `classes`
 * dimensions (mean square exactly 1, so the RMS norm with epsilon 0 is the
 * identity), and the output head holds L[class][next]/8. The logits are then
 * exactly L, chosen as multiples of 1/8, so every number llama.cpp computes
 * before the softmax is exact in float32.
 */
import { writeBigramGguf } from "./llama-gguf.ts";
import { buildVocab, type SpmVocab, type VocabOptions } from "./spm-vocab.ts";

export interface ClosedFormModel {
  vocab: SpmVocab;
  classes: number;
  /** The logit of `next` after `prev` (exact in float32). */
  logit(prev: number, next: number): number;
  /** log P(next | prev), in exact arithmetic (double precision). */
  logProb(prev: number, next: number): number;
  /**
   * log P(next | prev) as llama.cpp's CPU softmax in float32 gives it: exp of
   * the logit minus the largest, summed in descending order, divided by the sum.
   */
  float32LogProb(prev: number, next: number): number;
  gguf(): Uint8Array;
}

const SCALE = 8;

export function closedFormModel(
  options: { classes?: number; vocab?: VocabOptions; name?: string } = {},
): ClosedFormModel {
  const classes = options.classes ?? 64;
  if (classes !== 64 && classes !== 16 && classes !== 4)
    throw new RangeError(
      "classes must be 4, 16 or 64, so that the embedding's mean square is exactly 1",
    );
  const scale = Math.sqrt(classes);
  const vocab = buildVocab(options.vocab);
  const V = vocab.tokens.length;
  const special = new Set([vocab.unk, vocab.bos, vocab.eos]);
  const table = new Float32Array(classes * V);
  for (let c = 0; c < classes; c++)
    for (let j = 0; j < V; j++)
      table[c * V + j] = special.has(j) ? -12 : (((c * 37 + j * 11) % 41) - 20) / SCALE;
  const logit = (prev: number, next: number) => table[(prev % classes) * V + next]!;

  const rowCache = new Map<number, { exact: Float64Array; f32: Float64Array }>();
  const row = (prev: number) => {
    const c = prev % classes;
    let r = rowCache.get(c);
    if (r) return r;
    const logits = Array.from(table.subarray(c * V, (c + 1) * V));
    const max = Math.max(...logits);
    const lse = Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
    const exact = Float64Array.from(logits, (l) => l - max - lse);
    const f = Math.fround;
    const e = logits.map((l) => f(Math.exp(f(l - max))));
    let sum = 0;
    for (const v of [...e].sort((a, b) => b - a)) sum = f(sum + v);
    const f32 = Float64Array.from(e, (v) => Math.log(f(v / sum)));
    r = { exact, f32 };
    rowCache.set(c, r);
    return r;
  };

  return {
    vocab,
    classes,
    logit,
    logProb: (prev, next) => row(prev).exact[next]!,
    float32LogProb: (prev, next) => row(prev).f32[next]!,
    gguf() {
      const embeddings = new Float32Array(V * classes);
      for (let i = 0; i < V; i++) embeddings[i * classes + (i % classes)] = scale;
      const output = new Float32Array(V * classes);
      for (let j = 0; j < V; j++)
        for (let c = 0; c < classes; c++) output[j * classes + c] = table[c * V + j]! / scale;
      return writeBigramGguf({
        vocab,
        nEmbd: classes,
        embeddings,
        output,
        rmsEpsilon: 0,
        name: options.name ?? "tgpl closed-form class bigram",
      });
    },
  };
}
