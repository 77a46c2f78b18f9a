/**
 * SentencePiece-style ("llama") vocabularies for the models the project
 * writes: control tokens, the 256 byte tokens llama.cpp falls back to, single
 * characters, and merged pieces whose scores give the merge order.
 */
import { TokenType } from "../../formats/gguf/constants.ts";

/** SentencePiece writes a space as U+2581. */
export const SPACE_MARK = "\u2581";

export interface SpmVocab {
  tokens: string[];
  scores: number[];
  types: number[];
  unk: number;
  bos: number;
  eos: number;
  /** Whether llama.cpp prefixes the text with a space before tokenizing. */
  addSpacePrefix: boolean;
}

export interface VocabOptions {
  /** Characters to have as pieces of their own (others fall back to bytes). Default: printable ASCII and the space mark. */
  chars?: string[];
  /** Multi-character pieces in merge order (first merges first); written with spaces, stored with U+2581. */
  merges?: string[];
  /** Leave out the byte tokens: such a vocabulary cannot encode every text. */
  withoutBytes?: boolean;
  addSpacePrefix?: boolean;
}

export const byteToken = (b: number): string =>
  `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;

/** Printable ASCII without the space, plus the space mark. */
export function asciiChars(): string[] {
  const out = [SPACE_MARK];
  for (let c = 33; c < 127; c++) out.push(String.fromCharCode(c));
  return out;
}

/**
 * A vocabulary: <unk>, <s>, </s>, the byte tokens, the characters, then the merges.
 * @throws RangeError when a piece appears twice.
 */
export function buildVocab(options: VocabOptions = {}): SpmVocab {
  const tokens = ["<unk>", "<s>", "</s>"];
  const types: number[] = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL];
  const scores = [0, 0, 0];
  if (!options.withoutBytes) {
    for (let b = 0; b < 256; b++) {
      tokens.push(byteToken(b));
      types.push(TokenType.BYTE);
      scores.push(0);
    }
  }
  const merges = (options.merges ?? []).map((m) => m.replaceAll(" ", SPACE_MARK));
  for (const ch of options.chars ?? asciiChars()) {
    tokens.push(ch);
    types.push(TokenType.NORMAL);
    // Single characters are never the result of a merge, so their score only has to stay below every merge.
    scores.push(-1e9);
  }
  merges.forEach((m, rank) => {
    tokens.push(m);
    types.push(TokenType.NORMAL);
    scores.push(-rank);
  });
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t)) throw new RangeError(`vocabulary piece ${JSON.stringify(t)} appears twice`);
    seen.add(t);
  }
  return {
    tokens,
    scores,
    types,
    unk: 0,
    bos: 1,
    eos: 2,
    addSpacePrefix: options.addSpacePrefix ?? false,
  };
}
