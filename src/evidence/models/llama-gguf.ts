/**
 * One-layer llama models written as GGUF, whose layer adds nothing: every
 * attention and feed-forward weight is zero, so the residual stream carries
 * the token embedding straight to the output head. The model is then exactly
 * "logits = output · rmsnorm(embedding(previous token))": a bigram model whose
 * numbers we choose, which llama.cpp loads and runs like any llama model.
 */
import { GgmlType, GgufType } from "../../formats/gguf/constants.ts";
import { arr, bool, f32, str, u32 } from "../../formats/gguf/values.ts";
import { writeGguf } from "../../formats/gguf/writer.ts";
import type { SpmVocab } from "./spm-vocab.ts";

export interface BigramWeights {
  vocab: SpmVocab;
  nEmbd: number;
  /** Row per token: its embedding (vocab × nEmbd, row-major). */
  embeddings: Float32Array;
  /** Row per output token: its output-head weights (vocab × nEmbd, row-major). */
  output: Float32Array;
  /** RMS-norm epsilon; 0 keeps the norm exact for embeddings of mean square 1. */
  rmsEpsilon: number;
  name: string;
  contextLength?: number;
}

/** The GGUF bytes of a one-layer llama model with these embeddings and output head. */
export function writeBigramGguf(w: BigramWeights): Uint8Array {
  const V = w.vocab.tokens.length;
  const E = w.nEmbd;
  if (w.embeddings.length !== V * E || w.output.length !== V * E)
    throw new RangeError(`embeddings and output must hold ${V} × ${E} values`);
  const head = 8; // attention head size: small, since its weights are all zero
  const ff = 8;
  const zeros = (n: number) => new Float32Array(n);
  const ones = (n: number) => new Float32Array(n).fill(1);
  const metadata: [string, ReturnType<typeof str>][] = [
    ["general.architecture", str("llama")],
    ["general.name", str(w.name)],
    ["general.file_type", u32(0)],
    ["llama.context_length", u32(w.contextLength ?? 4096)],
    ["llama.embedding_length", u32(E)],
    ["llama.block_count", u32(1)],
    ["llama.feed_forward_length", u32(ff)],
    ["llama.attention.head_count", u32(1)],
    ["llama.attention.head_count_kv", u32(1)],
    ["llama.attention.key_length", u32(head)],
    ["llama.attention.value_length", u32(head)],
    ["llama.rope.dimension_count", u32(head)],
    ["llama.attention.layer_norm_rms_epsilon", f32(w.rmsEpsilon)],
    ["llama.vocab_size", u32(V)],
    ["tokenizer.ggml.model", str("llama")],
    ["tokenizer.ggml.tokens", arr(GgufType.STRING, w.vocab.tokens)],
    ["tokenizer.ggml.scores", arr(GgufType.FLOAT32, w.vocab.scores)],
    ["tokenizer.ggml.token_type", arr(GgufType.INT32, w.vocab.types)],
    ["tokenizer.ggml.unknown_token_id", u32(w.vocab.unk)],
    ["tokenizer.ggml.bos_token_id", u32(w.vocab.bos)],
    ["tokenizer.ggml.eos_token_id", u32(w.vocab.eos)],
    ["tokenizer.ggml.add_bos_token", bool(true)],
    ["tokenizer.ggml.add_eos_token", bool(false)],
    ["tokenizer.ggml.add_space_prefix", bool(w.vocab.addSpacePrefix)],
  ];
  const F32 = GgmlType.F32;
  return writeGguf({
    metadata,
    tensors: [
      { name: "token_embd.weight", dims: [E, V], type: F32, data: w.embeddings },
      { name: "output_norm.weight", dims: [E], type: F32, data: ones(E) },
      { name: "output.weight", dims: [E, V], type: F32, data: w.output },
      { name: "blk.0.attn_norm.weight", dims: [E], type: F32, data: ones(E) },
      { name: "blk.0.attn_q.weight", dims: [E, head], type: F32, data: zeros(E * head) },
      { name: "blk.0.attn_k.weight", dims: [E, head], type: F32, data: zeros(E * head) },
      { name: "blk.0.attn_v.weight", dims: [E, head], type: F32, data: zeros(E * head) },
      { name: "blk.0.attn_output.weight", dims: [head, E], type: F32, data: zeros(head * E) },
      { name: "blk.0.ffn_norm.weight", dims: [E], type: F32, data: ones(E) },
      { name: "blk.0.ffn_gate.weight", dims: [E, ff], type: F32, data: zeros(E * ff) },
      { name: "blk.0.ffn_up.weight", dims: [E, ff], type: F32, data: zeros(E * ff) },
      { name: "blk.0.ffn_down.weight", dims: [ff, E], type: F32, data: zeros(ff * E) },
    ],
  });
}
