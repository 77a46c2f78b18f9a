/**
 * Reading the log-probabilities servers send back, in their documented wire
 * formats, checking every field: a malformed or partial answer is an error
 * that says which text, which token and what was wrong, never a silent gap.
 */
import { InputError } from "../../errors.ts";
import { alignPieces } from "./align.ts";
import { isObject } from "./refusals.ts";
import type { ScoredText, TokenScore } from "./types.ts";

/** Servers clamp -inf log-probabilities to a large negative number (vLLM: -9999). */
const CLAMP = -9999;

function malformed(server: string, what: string, hint?: string): never {
  throw new InputError(
    `${server} sent malformed log-probabilities: ${what}`,
    hint ??
      "The server may be overloaded or of an unsupported version; try again, or use gguf:PATH with the model file.",
  );
}

function checkLogprob(server: string, where: string, v: unknown): number {
  if (typeof v !== "number" || Number.isNaN(v))
    malformed(server, `${where}: log-probability ${JSON.stringify(v)} is not a number`);
  if (v > 1e-4) malformed(server, `${where}: log-probability ${v} is above 0`);
  return Math.min(0, Math.max(v, CLAMP));
}

function build(
  text: string,
  raw: { id: number | null; piece: string; logprob: number | null }[],
): ScoredText {
  const { spans, exact } = alignPieces(
    text,
    raw.map((r) => r.piece),
  );
  const tokens: TokenScore[] = raw.map((r, i) => ({
    id: r.id,
    piece: r.piece,
    start: spans[i]![0],
    end: spans[i]![1],
    logprob: r.logprob,
    unknown: r.piece === "<unk>",
  }));
  return { text, tokens, aligned: exact };
}

/** vLLM /v1/completions choice with `prompt_logprobs` (list of {token id: {logprob, rank, decoded_token}} or null). */
export function parseVllmPromptLogprobs(
  server: string,
  text: string,
  choice: unknown,
  index: number,
): ScoredText {
  const where = `text ${index + 1}`;
  if (!isObject(choice)) malformed(server, `${where}: the choice is not an object`);
  const pl = choice.prompt_logprobs;
  if (pl === undefined || pl === null)
    malformed(
      server,
      `${where}: no prompt_logprobs in the answer`,
      "The server ignored prompt_logprobs: only vLLM (or a server that implements it) can score a given text.",
    );
  if (!Array.isArray(pl) || pl.length === 0)
    malformed(server, `${where}: prompt_logprobs is not a non-empty list`);
  const ids = choice.prompt_token_ids;
  if (ids !== undefined && ids !== null && (!Array.isArray(ids) || ids.length !== pl.length))
    malformed(
      server,
      `${where}: ${Array.isArray(ids) ? ids.length : "no"} prompt_token_ids for ${pl.length} prompt_logprobs (a partial answer)`,
    );
  const raw = pl.map((entry, i) => {
    if (entry === null) {
      if (i === 0)
        return { id: Array.isArray(ids) ? Number(ids[0]) : null, piece: "", logprob: null };
      malformed(server, `${where}, token ${i}: no log-probability (null) after the first token`);
    }
    if (!isObject(entry)) malformed(server, `${where}, token ${i}: not an object`);
    const keys = Object.keys(entry);
    const id = Array.isArray(ids) ? String(ids[i]) : keys.length === 1 ? keys[0]! : undefined;
    if (id === undefined)
      malformed(
        server,
        `${where}, token ${i}: ${keys.length} candidates and no prompt_token_ids to say which is the text's token`,
      );
    const lp = entry[id];
    if (!isObject(lp))
      malformed(server, `${where}, token ${i}: no entry for its own token id ${id}`);
    const piece = typeof lp.decoded_token === "string" ? lp.decoded_token : "";
    return {
      id: Number(id),
      piece,
      logprob: checkLogprob(server, `${where}, token ${i}`, lp.logprob),
    };
  });
  return build(text, raw);
}

/** vLLM (OpenAI legacy) /v1/completions choice with echo: `logprobs: {tokens, token_logprobs, text_offset}`. */
export function parseEchoLogprobs(
  server: string,
  text: string,
  choice: unknown,
  index: number,
): ScoredText {
  const where = `text ${index + 1}`;
  if (!isObject(choice)) malformed(server, `${where}: the choice is not an object`);
  const lp = choice.logprobs;
  if (!isObject(lp))
    malformed(
      server,
      `${where}: no logprobs in the answer`,
      "The server does not echo the prompt's log-probabilities: it cannot score a given text.",
    );
  const { tokens, token_logprobs: lps, text_offset: offsets } = lp;
  if (!Array.isArray(tokens) || !Array.isArray(lps) || !Array.isArray(offsets))
    malformed(server, `${where}: logprobs needs tokens, token_logprobs and text_offset lists`);
  if (tokens.length !== lps.length || tokens.length !== offsets.length)
    malformed(
      server,
      `${where}: ${tokens.length} tokens, ${lps.length} log-probabilities and ${offsets.length} offsets (a partial answer)`,
    );
  const raw: { id: null; piece: string; logprob: number | null }[] = [];
  // The request asks for exactly one generated token: every entry before the last is the prompt's.
  for (let i = 0; i < tokens.length - 1; i++) {
    if (typeof offsets[i] !== "number" || typeof tokens[i] !== "string")
      malformed(server, `${where}, token ${i}: bad token or offset`);
    const v = lps[i];
    if (v === null && i > 0)
      malformed(server, `${where}, token ${i}: no log-probability (null) after the first token`);
    raw.push({
      id: null,
      piece: tokens[i] as string,
      logprob: v === null ? null : checkLogprob(server, `${where}, token ${i}`, v),
    });
  }
  if (raw.length === 0) malformed(server, `${where}: no prompt tokens were echoed`);
  return build(text, raw);
}

/** TGI /generate answer with `decoder_input_details`: `details.prefill: [{id, text, logprob}]`. */
export function parseTgiPrefill(
  server: string,
  text: string,
  answer: unknown,
  index: number,
): ScoredText {
  const where = `text ${index + 1}`;
  const body = Array.isArray(answer) ? answer[0] : answer;
  if (!isObject(body) || !isObject(body.details))
    malformed(server, `${where}: no details in the answer`);
  const prefill = body.details.prefill;
  if (!Array.isArray(prefill) || prefill.length === 0)
    malformed(
      server,
      `${where}: details.prefill is empty`,
      "Send decoder_input_details: true (tgpl does); a server that drops it cannot score a given text.",
    );
  const raw = prefill.map((t, i) => {
    if (!isObject(t) || typeof t.id !== "number" || typeof t.text !== "string")
      malformed(server, `${where}, prefill ${i}: needs id and text`);
    const v = t.logprob;
    if ((v === null || v === undefined || Number.isNaN(v)) && i > 0)
      malformed(server, `${where}, prefill ${i}: no log-probability after the first token`);
    return {
      id: t.id,
      piece: t.text,
      logprob:
        v === null || v === undefined || Number.isNaN(v)
          ? null
          : checkLogprob(server, `${where}, prefill ${i}`, v),
    };
  });
  return build(text, raw);
}
