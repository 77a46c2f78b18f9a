/**
 * Full licence and exception texts, matched against every template of the
 * SPDX licence list (and our own licences) by word alignment. Several texts in
 * one file are found with their own line ranges; of overlapping candidates the
 * best-fitting one wins, which is how close relatives (BSD-2/3-Clause, MIT and
 * MIT-0, ISC and 0BSD) are told apart.
 */
import { type EntryAlignment, licenceIndex } from "../licences/index.ts";
import type { Match, Matcher } from "../types.ts";

/** Lowest score reported as a match: below it the text differs in substance. */
export const ACCEPT = 0.8;
/** Templates whose trigrams the text holds less than this are not aligned. */
const MIN_CONTAINMENT = 0.4;
/** At most this many candidates are aligned per text, best containment first. */
const MAX_CANDIDATES = 48;

/**
 * Every licence text says at least one of these; a file that says none of them
 * holds no licence text, and skipping it keeps source files fast.
 */
const KEYWORDS =
  /licen[cs]|lizenz|copyright|permission|warrant|distribut|public domain|patent|liabilit|freely|any purpose|you want|creative commons|ライセンス|許諾/i;
const KEYWORDS_ALL = new RegExp(KEYWORDS.source, "gi");

/**
 * Characters kept on each side of a keyword in a big file. English licence
 * texts say one of the keywords every few hundred characters, so a whole text
 * stays one region, while a big source file is read only around its header.
 */
const REACH = 2500;
/**
 * Licence-like files up to this size are read whole: translated licences say
 * the keywords rarely. Source files are read only around keywords.
 */
const WHOLE = 256 * 1024;

/** Extensions of source code, where a licence text can only be a header or a comment block. */
const CODE =
  /\.(c|h|cc|cpp|cxx|hpp|hh|m|mm|js|mjs|cjs|jsx|ts|tsx|mts|cts|py|pyi|rb|go|rs|java|kt|kts|scala|cs|fs|swift|php|pl|pm|lua|r|jl|dart|ex|exs|erl|hs|ml|mli|clj|sh|bash|zsh|ps1|sql|vue|svelte|css|scss|less|html|htm|xml|json|ya?ml|toml|ini|cfg|asm|s|f|f90|for|pas|d|nim|zig|v|sv|vhd|vhdl|groovy|gradle|cmake|mk)$/i;

/** The parts of a text worth aligning, with the line each starts on. */
export function regions(text: string, path = ""): { text: string; firstLine: number }[] {
  const whole = CODE.test(path) ? 2 * REACH : WHOLE;
  // One case-insensitive regex measured faster here than substring searches or lower-casing.
  if (text.length <= whole) return KEYWORDS.test(text) ? [{ text, firstLine: 1 }] : [];
  const spans: [number, number][] = [];
  KEYWORDS_ALL.lastIndex = 0;
  for (let m = KEYWORDS_ALL.exec(text); m; m = KEYWORDS_ALL.exec(text)) {
    const from = Math.max(0, m.index - REACH);
    const to = Math.min(text.length, m.index + REACH);
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else spans.push([from, to]);
    // The next keyword that can widen the region is at least REACH further on.
    KEYWORDS_ALL.lastIndex = Math.max(KEYWORDS_ALL.lastIndex, to - REACH + 1);
  }
  let line = 1;
  let at = 0;
  return spans.map(([from, to]) => {
    for (let i = text.indexOf("\n", at); i !== -1 && i < from; i = text.indexOf("\n", i + 1))
      line++;
    at = from;
    return { text: text.slice(from, to), firstLine: line };
  });
}

/** Licence and exception texts in a text; `path` tells a source file from a licence file. */
export function findTexts(text: string, path = ""): EntryAlignment[] {
  return regions(text, path).flatMap((r) => findInRegion(r.text, r.firstLine));
}

/** Candidates aligned per round: the likeliest by Dice overlap, plus every template the text holds almost whole. */
const PER_ROUND = 5;
const NEARLY_WHOLE = 0.9;

/**
 * Of overlapping candidates, the one that accounts for most of the text wins:
 * template words found in it, less twice the words it does not account for and
 * the required words it misses within the match, less half those it misses
 * before or after (a text cut short, as Debian quotes licences, says less
 * about which template it is than a clause that differs). On a tie, the more
 * specific template (more required words found). So a whole text beats a
 * template that matches only part of it (LGPL-3.0 with the GPL-3.0 it
 * incorporates over the GPL-3.0 alone), and an exact template beats a
 * relative that lacks or adds a clause (MIT, MIT-0, X11).
 */
const merit = (a: EntryAlignment) =>
  a.found - 2 * (a.extra + a.requiredWithin - a.matched) - 0.5 * (a.required - a.requiredWithin);
const better = (a: EntryAlignment, b: EntryAlignment) =>
  merit(b) - merit(a) || b.matched - a.matched || b.score - a.score;

function overlaps(a: EntryAlignment, b: EntryAlignment): boolean {
  const shared = Math.min(a.to, b.to) - Math.max(a.from, b.from) + 1;
  return shared > 0.3 * (a.to - a.from + 1) || shared > 0.3 * (b.to - b.from + 1);
}

/**
 * Texts in one region, found by rounds: align the likeliest candidates, accept
 * the best alignment, mark its words as explained, and look again at what is
 * left. A family of forty near-identical templates (the MIT variants) costs a
 * handful of alignments, not forty.
 */
function findInRegion(text: string, firstLine: number): EntryAlignment[] {
  const index = licenceIndex();
  const prepared = index.prepare(text, firstLine);
  const explained = new Uint8Array(prepared.ids.length);
  const tried = new Set<number>();
  const pool: EntryAlignment[] = [];
  const accepted: EntryAlignment[] = [];
  let candidates = index.candidates(prepared, MIN_CONTAINMENT);
  while (tried.size < MAX_CANDIDATES) {
    const fresh = candidates.filter((c) => !tried.has(c.entry));
    const byDice = [...fresh].sort((a, b) => b.dice - a.dice);
    const round = new Set([
      ...byDice.slice(0, PER_ROUND),
      ...fresh.filter((c) => c.containment >= NEARLY_WHOLE),
    ]);
    for (const c of round) {
      if (tried.size >= MAX_CANDIDATES) break;
      tried.add(c.entry);
      for (const a of index.align(prepared, c.entry)) if (a.score >= ACCEPT) pool.push(a);
    }
    const open = pool.filter((a) => !accepted.some((b) => overlaps(a, b))).sort(better);
    const best = open[0];
    if (!best) {
      if (round.size === 0) break;
      continue;
    }
    accepted.push(best);
    explained.fill(1, best.from, best.to + 1);
    candidates = index.candidates(prepared, MIN_CONTAINMENT, explained);
  }
  // Report line numbers rather than word positions.
  return accepted.map((a) => ({ ...a, from: prepared.lines[a.from]!, to: prepared.lines[a.to]! }));
}

export const textMatcher: Matcher = (input) =>
  findTexts(input.text, input.path).map(
    (a): Match => ({
      spdx: a.entry.id,
      matcher: "text",
      score: Math.round(a.score * 1000) / 1000,
      lines: [a.from, a.to],
    }),
  );
