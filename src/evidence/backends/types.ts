import { InputError } from "../../errors.ts";

/**
 * The one interface every model backend offers: the teacher-forced
 * log-probability of each token of a given text, and, where the backend has
 * it, the full next-token distribution at each position.
 */

export interface TokenScore {
  /** Token id, when the backend reports it. */
  id: number | null;
  /** The token's text as the backend decodes it. */
  piece: string;
  /** Character range of the token in the scored text (UTF-16 units); empty for tokens with no text of their own. */
  start: number;
  end: number;
  /** Natural log of P(token | the tokens before it); null for a first token the model was not asked to predict. */
  logprob: number | null;
  /** Whether the tokenizer turned text it could not encode into its unknown token. */
  unknown: boolean;
  /**
   * Moments of log p under the full next-token distribution p at this position
   * (E[log p], Var[log p]): what Min-K%++ needs. Only from backends that give the full distribution.
   */
  moments?: { mean: number; variance: number };
  /** log p of every vocabulary token at this position, when asked for with `distribution: "full"`. */
  distribution?: Float32Array;
}

export interface ScoredText {
  text: string;
  tokens: TokenScore[];
  /** False when some token pieces could not be matched to the text, so their ranges are approximate. */
  aligned: boolean;
}

export interface ScoreOptions {
  /** "moments" (default where available) adds E/Var of log p; "full" adds the whole distribution. */
  distribution?: "none" | "moments" | "full";
}

export interface Backend {
  /** The model spec it was opened with, e.g. "gguf:/models/x.gguf". */
  readonly spec: string;
  /** Whether it can give the full next-token distribution (Min-K%++ needs it). */
  readonly fullDistribution: boolean;
  /** Facts about the model for reports (name, vocabulary size, server version...). */
  readonly info: Record<string, string | number | boolean>;
  /**
   * Scores each text, in order.
   * @throws InputError when the model or server cannot score them; the message says why.
   */
  score(texts: readonly string[], options?: ScoreOptions): Promise<ScoredText[]>;
  close(): Promise<void>;
}

/**
 * A text the model's tokenizer cannot encode: some characters are neither
 * pieces of its vocabulary nor covered by byte tokens. Carries which text (by
 * position in the batch) and which characters, so callers can say what failed.
 */
export class UnencodableTextError extends InputError {
  constructor(
    readonly model: string,
    readonly textIndex: number,
    readonly characters: string[],
  ) {
    super(
      `${model}: the model's tokenizer cannot encode ${characters.map((c) => JSON.stringify(c)).join(", ")} (text ${textIndex + 1}): they are not in its vocabulary and it has no byte tokens to fall back on`,
      "Use a model whose vocabulary can encode every character (byte fallback), as nearly all released models can.",
    );
  }
}

/** log of the smallest positive float32: the floor for a probability a float32 softmax rounded to 0. */
export const LOGPROB_FLOOR = Math.log(1.401298464324817e-45);
