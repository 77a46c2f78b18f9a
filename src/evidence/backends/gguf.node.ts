/**
 * `gguf:PATH`: a local GGUF model run by llama.cpp through node-llama-cpp, on
 * the CPU with a fixed thread count. The file is first read with tgpl's own
 * GGUF reader, so a truncated or corrupt file is a clear error instead of a
 * crash inside llama.cpp.
 */
import { availableParallelism } from "node:os";
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { InputError } from "../../errors.ts";
import { readGgufFile } from "../../formats/gguf/reader.node.ts";
import { metaValue } from "../../formats/gguf/reader.ts";
import { alignPieces } from "./align.ts";
import { OneAtATime } from "./one-at-a-time.ts";
import {
  type Backend,
  LOGPROB_FLOOR,
  type ScoredText,
  type ScoreOptions,
  type TokenScore,
  UnencodableTextError,
} from "./types.ts";

export interface GgufBackendOptions {
  /** CPU threads for llama.cpp (default: 2, or 1 on a one-core machine). */
  threads?: number;
  /** Tokens per window (default: the model's training context, at most 2048). */
  contextSize?: number;
}

let llamaPromise: Promise<Llama> | undefined;

/** The process's llama.cpp instance: CPU only, prebuilt binaries only (never a source build at run time). */
export function cpuLlama(): Promise<Llama> {
  llamaPromise ??= import("node-llama-cpp")
    .then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error, progressLogs: false }),
    )
    .catch((e: Error) => {
      llamaPromise = undefined;
      throw new InputError(
        `llama.cpp is not available: ${e.message}`,
        `gguf: models need node-llama-cpp's prebuilt CPU binary for this platform (npm package @node-llama-cpp/${process.platform}-${process.arch}); reinstall with 'npm ci', or score through a server with vllm:URL or tgi:URL.`,
      );
    });
  return llamaPromise;
}

/**
 * Opens a GGUF model for scoring.
 * @throws InputError for a missing, truncated or corrupt file, or one llama.cpp cannot load.
 */
export async function openGgufBackend(
  path: string,
  options: GgufBackendOptions = {},
): Promise<Backend> {
  const file = readGgufFile(path);
  const arch = metaValue(file, "general.architecture");
  if (typeof arch !== "string")
    throw new InputError(
      `${path}: the GGUF file names no general.architecture, so it is not a model llama.cpp can run`,
    );
  const vocab = file.metadata.get("tokenizer.ggml.tokens");
  if (vocab?.type !== 9)
    throw new InputError(
      `${path}: the GGUF file has no tokenizer (tokenizer.ggml.tokens), so it cannot turn text into tokens`,
    );
  const vocabSize = vocab.value.length;
  const unkValue = metaValue(file, "tokenizer.ggml.unknown_token_id");
  const unk = typeof unkValue === "number" ? unkValue : null;
  const pieces = vocab.value as string[];
  // llama.cpp aborts the whole process (an uncaught C++ exception) on some vocabularies
  // and texts; find those cases first and refuse them with a message instead.
  for (const key of ["bos", "eos", "unknown", "padding"]) {
    const id = metaValue(file, `tokenizer.ggml.${key}_token_id`);
    if (typeof id === "number" && id >= vocabSize)
      throw new InputError(
        `${path}: tokenizer.ggml.${key}_token_id is ${id}, but the vocabulary has ${vocabSize} tokens`,
        "The file is damaged: convert the model again.",
      );
  }
  const tokenizerModel = metaValue(file, "tokenizer.ggml.model");
  let encodable: ((text: string) => string[]) | undefined;
  if (tokenizerModel === "llama") {
    const known = new Set(pieces);
    if (!known.has("<0x0A>") && !known.has("\n"))
      throw new InputError(
        `${path}: the SentencePiece vocabulary has neither a byte token <0x0A> nor a newline piece; llama.cpp cannot load it`,
        "The file is damaged or was converted without byte tokens: convert the model again.",
      );
    const spacePrefix = metaValue(file, "tokenizer.ggml.add_space_prefix") !== false;
    encodable = (text) => {
      const missing = new Set<string>();
      for (const ch of spacePrefix ? ` ${text}` : text) {
        const piece = ch === " " ? "\u2581" : ch;
        if (known.has(piece)) continue;
        const bytes = new TextEncoder().encode(ch);
        if (
          ![...bytes].every((b) =>
            known.has(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`),
          )
        )
          missing.add(ch);
      }
      return [...missing];
    };
  }

  const llama = await cpuLlama();
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
  } catch (e) {
    throw new InputError(`${path}: llama.cpp could not load the model: ${(e as Error).message}`);
  }
  const threads = options.threads ?? Math.min(2, availableParallelism());
  let context: LlamaContext;
  try {
    const size = Math.max(
      16,
      Math.min(options.contextSize ?? 2048, model.trainContextSize || 2048),
    );
    context = await model.createContext({
      contextSize: size,
      batchSize: size,
      threads,
      sequences: 1,
    });
  } catch (e) {
    await model.dispose();
    throw new InputError(`${path}: llama.cpp could not create a context: ${(e as Error).message}`);
  }
  const sequence = context.getSequence();
  const jobs = new OneAtATime();

  const backend: Backend = {
    spec: `gguf:${path}`,
    fullDistribution: true,
    info: {
      architecture: arch,
      name: String(metaValue(file, "general.name") ?? ""),
      vocabulary: vocabSize,
      contextSize: context.contextSize,
      threads,
      backend: "llama.cpp (node-llama-cpp, CPU)",
    },
    score(texts, scoreOptions = {}) {
      return jobs.run(async () => {
        const out: ScoredText[] = [];
        texts.forEach((text, i) => {
          const missing = encodable?.(text) ?? [];
          if (missing.length > 0) throw new UnencodableTextError(`gguf:${path}`, i, missing);
        });
        for (const text of texts)
          out.push(
            await scoreOne(
              model,
              sequence,
              context.contextSize,
              unk,
              vocabSize,
              text,
              scoreOptions,
            ),
          );
        return out;
      });
    },
    async close() {
      await jobs.idle();
      await context.dispose();
      await model.dispose();
    },
  };
  return backend;
}

// One options object for every position: the input array holds thousands of them.
const WANT_PROBABILITIES = { generateNext: { probabilities: true } } as const;

async function scoreOne(
  model: LlamaModel,
  sequence: LlamaContextSequence,
  window: number,
  unk: number | null,
  vocabSize: number,
  text: string,
  options: ScoreOptions,
): Promise<ScoredText> {
  const tokens = model.tokenize(text, false);
  const bos = model.tokens.shouldPrependBosToken ? model.tokens.bos : null;
  const input: Token[] = bos !== null ? [bos, ...tokens] : [...tokens];
  const offset = input.length - tokens.length; // 1 with a BOS token, else 0
  const logprobs: (number | null)[] = new Array(tokens.length).fill(null);
  const want = options.distribution ?? "moments";
  const moments: ({ mean: number; variance: number } | undefined)[] = new Array(tokens.length);
  const dists: (Float32Array | undefined)[] = new Array(tokens.length);

  // Windows of the context size, overlapping by half, so that each token after the
  // first window is predicted from at least half a window of context.
  const stride = Math.max(1, Math.floor(window / 2));
  let scoredUpTo = 0; // input positions < this have their next token scored
  for (let start = 0; start < input.length - 1; start += stride) {
    const end = Math.min(input.length, start + window);
    const slice = input.slice(start, end);
    const first = Math.max(scoredUpTo, start);
    await sequence.clearHistory();
    const results = await sequence.controlledEvaluate(
      slice.map((t, k) =>
        start + k >= first && start + k < end - 1 ? ([t, WANT_PROBABILITIES] as const) : t,
      ) as Parameters<LlamaContextSequence["controlledEvaluate"]>[0],
    );
    for (let k = first - start; k < slice.length - 1; k++) {
      const probs = results[k]?.next.probabilities;
      const target = input[start + k + 1]!;
      const tokIndex = start + k + 1 - offset;
      if (!probs || tokIndex < 0) continue;
      const p = probs.get(target) ?? 0;
      logprobs[tokIndex] = p > 0 ? Math.log(p) : LOGPROB_FLOOR;
      if (want !== "none") {
        let s1 = 0;
        let s2 = 0;
        const full = want === "full" ? new Float32Array(vocabSize).fill(LOGPROB_FLOOR) : undefined;
        for (const [id, q] of probs) {
          if (q <= 0) continue;
          const lq = Math.log(q);
          s1 += q * lq;
          s2 += q * lq * lq;
          if (full) full[id] = lq;
        }
        moments[tokIndex] = { mean: s1, variance: Math.max(0, s2 - s1 * s1) };
        dists[tokIndex] = full;
      }
    }
    scoredUpTo = end - 1;
    if (end === input.length) break;
  }

  const pieces = piecesOf(model, tokens);
  const { spans, exact } = alignPieces(text, pieces);
  const scored: TokenScore[] = tokens.map((id, i) => ({
    id,
    piece: pieces[i]!,
    start: spans[i]![0],
    end: spans[i]![1],
    logprob: logprobs[i]!,
    unknown: unk !== null && id === unk,
    ...(moments[i] ? { moments: moments[i] } : {}),
    ...(dists[i] ? { distribution: dists[i] } : {}),
  }));
  return { text, tokens: scored, aligned: exact };
}

/**
 * The text of each token. A character spread over several byte tokens decodes
 * only as a whole, so such a run gives its text to its last token and none to the others.
 */
function piecesOf(model: LlamaModel, tokens: readonly Token[]): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const context = tokens.slice(Math.max(0, i - 4), i);
    const piece = model.detokenize([tokens[i]!], false, context);
    if (!piece.includes("\uFFFD")) {
      pieces.push(piece);
      continue;
    }
    let j = i + 1;
    let joined = piece;
    while (j < tokens.length && j - i < 4 && joined.includes("\uFFFD")) {
      joined = model.detokenize(tokens.slice(i, j + 1), false, context);
      j++;
    }
    if (joined.includes("\uFFFD")) {
      pieces.push(piece);
      continue;
    }
    for (let k = i; k < j - 1; k++) pieces.push("");
    pieces.push(joined);
    i = j - 1;
  }
  return pieces;
}
