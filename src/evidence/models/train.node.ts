/**
 * Training the test models: build a vocabulary from a corpus, tokenize the
 * corpus with llama.cpp itself (so the counts use exactly the tokens the
 * model will later see), count, and write the GGUF.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuLlama } from "../backends/gguf.node.ts";
import { bigramGguf, countBigrams, learnMerges } from "./fit.ts";
import { writeBigramGguf } from "./llama-gguf.ts";
import { asciiChars, buildVocab, type SpmVocab } from "./spm-vocab.ts";

/** A vocabulary of bytes, printable ASCII and `merges` pieces learned from the texts. */
export function corpusVocab(texts: readonly string[], merges: number): SpmVocab {
  const chars = asciiChars();
  return buildVocab({ chars, merges: learnMerges(texts, merges, new Set(chars)) });
}

/** Token ids of each text (BOS first), as llama.cpp tokenizes with this vocabulary. */
export async function tokenizeWith(vocab: SpmVocab, texts: readonly string[]): Promise<number[][]> {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-vocab-"));
  try {
    const V = vocab.tokens.length;
    const path = join(dir, "vocab.gguf");
    writeFileSync(
      path,
      writeBigramGguf({
        vocab,
        nEmbd: 16,
        embeddings: new Float32Array(V * 16),
        output: new Float32Array(V * 16),
        rmsEpsilon: 1e-6,
        name: "vocab",
      }),
    );
    const llama = await cpuLlama();
    const model = await llama.loadModel({ modelPath: path, vocabOnly: true });
    try {
      return texts.map((t) => [vocab.bos, ...model.tokenize(t, false)]);
    } finally {
      await model.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fits a bigram model on the documents and returns its GGUF bytes. */
export async function trainBigram(
  vocab: SpmVocab,
  documents: readonly string[],
  options: { pseudoCount?: number; name?: string } = {},
): Promise<Uint8Array> {
  const docs = await tokenizeWith(vocab, documents);
  return bigramGguf(countBigrams(vocab, docs), options);
}
