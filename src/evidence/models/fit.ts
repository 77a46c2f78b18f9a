/**
 * A model that learns from data: a bigram language model fitted by counting
 * token pairs in a corpus, smoothed toward the corpus's unigram distribution,
 * and written as a one-layer llama GGUF. Canaries inserted into the corpus
 * are learned the way any text is, through the counts; nothing in the model
 * knows which strings are canaries.
 */
import { writeBigramGguf } from "./llama-gguf.ts";
import { SPACE_MARK, type SpmVocab } from "./spm-vocab.ts";

/**
 * BPE merges learned from texts: the `count` most frequent adjacent pairs,
 * merged greedily, within chunks of the form "▁*word" (so pieces never cross
 * the start of a word, as SentencePiece pieces do not).
 */
export function learnMerges(
  texts: Iterable<string>,
  count: number,
  alphabet: ReadonlySet<string>,
): string[] {
  const chunkCounts = new Map<string, number>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      for (const chunk of line
        .replaceAll(" ", SPACE_MARK)
        .match(new RegExp(`${SPACE_MARK}*[^${SPACE_MARK}]*`, "g")) ?? []) {
        if (chunk) chunkCounts.set(chunk, (chunkCounts.get(chunk) ?? 0) + 1);
      }
    }
  }
  const words = [...chunkCounts].map(([chunk, n]) => ({ symbols: [...chunk], n }));
  const merges: string[] = [];
  const known = new Set(alphabet);
  while (merges.length < count) {
    const pairs = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const a = w.symbols[i]!;
        const b = w.symbols[i + 1]!;
        if (!known.has(a) || !known.has(b)) continue;
        const key = `${a}\u0000${b}`;
        pairs.set(key, (pairs.get(key) ?? 0) + w.n);
      }
    }
    let best = "";
    let bestN = 1;
    for (const [k, n] of pairs)
      if (n > bestN || (n === bestN && best !== "" && k < best)) [best, bestN] = [k, n];
    if (!best) break;
    const [a, b] = best.split("\u0000") as [string, string];
    const merged = a + b;
    merges.push(merged.replaceAll(SPACE_MARK, " "));
    known.add(merged);
    for (const w of words) {
      const s = w.symbols;
      for (let i = 0; i + 1 < s.length; i++)
        if (s[i] === a && s[i + 1] === b) s.splice(i, 2, merged);
    }
  }
  return merges;
}

export interface BigramCounts {
  vocab: SpmVocab;
  /** Pair counts, row = previous token. */
  pairs: Map<number, Map<number, number>>;
  unigram: Float64Array;
  tokens: number;
}

/** Counts token pairs over tokenized documents (each starting with BOS). */
export function countBigrams(vocab: SpmVocab, docs: Iterable<readonly number[]>): BigramCounts {
  const pairs = new Map<number, Map<number, number>>();
  const unigram = new Float64Array(vocab.tokens.length);
  let tokens = 0;
  for (const doc of docs) {
    for (let i = 0; i < doc.length; i++) {
      const t = doc[i]!;
      if (i > 0) {
        unigram[t]!++;
        tokens++;
        const prev = doc[i - 1]!;
        let row = pairs.get(prev);
        if (!row) {
          row = new Map();
          pairs.set(prev, row);
        }
        row.set(t, (row.get(t) ?? 0) + 1);
      }
    }
  }
  return { vocab, pairs, unigram, tokens };
}

/**
 * The GGUF of the fitted model: P(j | i) = (c(i, j) + k·u(j)) / (c(i) + k), with u the
 * add-one unigram distribution and k the pseudo-count.
 */
export function bigramGguf(
  counts: BigramCounts,
  options: { pseudoCount?: number; name?: string } = {},
): Uint8Array {
  const k = options.pseudoCount ?? 1;
  const V = counts.vocab.tokens.length;
  const E = Math.ceil(V / 32) * 32;
  const scale = Math.sqrt(E);
  const special = new Set([counts.vocab.unk, counts.vocab.bos]);
  const uni = new Float64Array(V);
  let uniTotal = 0;
  for (let j = 0; j < V; j++) uniTotal += uni[j] = special.has(j) ? 0 : counts.unigram[j]! + 1;
  for (let j = 0; j < V; j++) uni[j]! /= uniTotal;
  const embeddings = new Float32Array(V * E);
  const output = new Float32Array(V * E);
  for (let i = 0; i < V; i++) {
    embeddings[i * E + i] = scale;
    const row = counts.pairs.get(i);
    let total = 0;
    if (row) for (const n of row.values()) total += n;
    for (let j = 0; j < V; j++) {
      const p = ((row?.get(j) ?? 0) + k * uni[j]!) / (total + k);
      output[j * E + i] = (p > 0 ? Math.log(p) : -30) / scale;
    }
  }
  return writeBigramGguf({
    vocab: counts.vocab,
    nEmbd: E,
    embeddings,
    output,
    rmsEpsilon: 1e-6,
    name: options.name ?? "tgpl bigram fitted by counting",
  });
}
