/**
 * One declared licence value, as a manifest field holds it, to an SPDX
 * expression: a clean expression scores 1, a repaired one or a known name
 * less, and anything else comes back as a problem that says what to write.
 */
import { format, join, parseExpression } from "../../expression.ts";
import type { Match, MatcherName } from "../../types.ts";
import { GUESSED, lookupName, MAPPED } from "./names.ts";

export type Resolution = { ok: true; spdx: string; score: number } | { ok: false; problem: string };

const WRITE_SPDX =
  "write an SPDX expression (ids from https://spdx.org/licenses/ joined by AND, OR, WITH), " +
  "or LicenseRef-<name> for a licence not on that list";

/** Phrases of licence texts, not of licence names. */
const TEXT_PHRASES =
  /permission is hereby granted|redistribution and use|without warranty|copyright \(c\)|all rights reserved|you may not use this file/i;

/** True when a value is (part of) a licence text rather than a licence's name. */
export function looksLikeText(value: string): boolean {
  return value.split("\n").length > 3 || value.length > 300 || TEXT_PHRASES.test(value);
}

/** Text without parentheses and with single spaces, to tell a repaired expression from a clean one. */
const bare = (s: string) => s.replace(/[()]/g, " ").replace(/\s+/g, " ").trim();

/** Resolve a declared value: an SPDX expression first, then a licence name. */
export function resolveDeclared(value: string): Resolution {
  const v = value.trim();
  if (v === "") return { ok: false, problem: `is empty; ${WRITE_SPDX}` };
  if (looksLikeText(v)) {
    return {
      ok: false,
      problem:
        "holds a licence text rather than a licence name; keep the text in a LICENSE file " +
        "and write its SPDX id in this field",
    };
  }
  const parsed = parseExpression(v);
  if (parsed.ok) {
    const spdx = format(parsed.value);
    return { ok: true, spdx, score: bare(spdx) === bare(v) ? 1 : MAPPED };
  }
  const named = lookupName(v);
  if (named.ok) return named;
  if (named.hint) {
    return {
      ok: false,
      problem: `does not say which licence it means; write the SPDX id that applies: ${named.hint}`,
    };
  }
  return {
    ok: false,
    problem: `is neither an SPDX expression nor a licence name tgpl knows; ${WRITE_SPDX}`,
  };
}

/**
 * Join several declared values with one operator; the score is the lowest
 * part's, capped at `cap` because the joining is a convention, not a statement.
 */
export function joinResolved(parts: Found[], op: "AND" | "OR", cap = MAPPED): Found | undefined {
  const unique = parts.filter((p, i) => parts.findIndex((q) => q.spdx === p.spdx) === i);
  const first = unique[0];
  if (!first) return undefined;
  if (unique.length === 1) return { spdx: first.spdx, score: first.score };
  const spdx = join(
    unique.map((p) => p.spdx),
    op === "AND" ? "and" : "or",
  );
  if (!spdx) return undefined;
  return { spdx, score: Math.min(cap, ...unique.map((p) => p.score)) };
}

export { GUESSED, MAPPED };

/** A Match for a manifest field. */
export function fieldMatch(
  found: { spdx: string; score: number },
  lines: [number, number],
  matcher: MatcherName = "manifest",
  paths?: string[],
): Match {
  const match: Match = { spdx: found.spdx, matcher, score: found.score, lines };
  if (paths) match.paths = paths;
  return match;
}

/** A value quoted for a message, cut short: a manifest field can hold a whole licence text. */
export function quote(value: string, max = 80): string {
  const one = value.trim().replace(/\s+/g, " ");
  return JSON.stringify(one.length > max ? `${one.slice(0, max)}…` : one);
}

/**
 * Reads one manifest format: its text (BOM already gone) to matches; problems
 * go to `warn`. `file` is the base name, for formats whose names vary.
 */
export type Reader = (text: string, warn: (message: string) => void, file?: string) => Match[];

/** An SPDX expression found in a manifest, with its score. */
export type Found = { spdx: string; score: number };

/** Report a failed resolution through `warn`, naming where the value was. */
export function orWarn(
  resolution: Resolution,
  value: string,
  where: string,
  warn: (message: string) => void,
): Found | undefined {
  if (resolution.ok) return { spdx: resolution.spdx, score: resolution.score };
  warn(`${where} ${quote(value)} ${resolution.problem}`);
  return undefined;
}

/** Resolve a declared value, or say through `warn` what is wrong with it. */
export const resolveOrWarn = (value: string, where: string, warn: (message: string) => void) =>
  orWarn(resolveDeclared(value), value, where, warn);
