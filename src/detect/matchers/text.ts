/**
 * Full licence and exception texts, matched against every template of the
 * SPDX licence list (and our own licences) by word alignment. Several texts in
 * one file are found with their own line ranges; of overlapping candidates the
 * best-fitting one wins, which is how close relatives (BSD-2/3-Clause, MIT and
 * MIT-0, ISC and 0BSD) are told apart.
 */
import { Keywords } from "../keywords.ts";
import { type Alignment, COPIES } from "../licences/align.ts";
import { type EntryAlignment, licenceIndex } from "../licences/index.ts";
import type { Match, Matcher } from "../types.ts";

/** Lowest score reported as a match: below it the text differs in substance. */
export const ACCEPT = 0.8;
/** Templates whose trigrams the text holds less than this are not aligned. */
const MIN_CONTAINMENT = 0.4;
/** At most this many templates are aligned over a whole region (seeds and wrappers); rivals are aligned within a stretch. */
const MAX_CANDIDATES = 200;
/** Rounds of seed-and-rivals per region: each accepts a match or spends a seed. */
const MAX_ROUNDS = 400;

/**
 * Every licence text says at least one of these; a file that says none of them
 * holds no licence text, and skipping it keeps source files fast.
 */
const KEYWORDS = new Keywords([
  "licenc",
  "licens",
  "lizenz",
  "copyright",
  "permission",
  "warrant",
  "distribut",
  "public domain",
  "patent",
  "liabilit",
  "freely",
  "any purpose",
  "you want",
  "creative commons",
  "ライセンス",
  "許諾",
]);

/**
 * Characters kept on each side of a keyword in a big file. English licence
 * texts say one of the keywords every few hundred characters, so a whole text
 * stays one region, while a big source file is read only around its header.
 */
const REACH = 1500;
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
  if (text.length <= whole) return KEYWORDS.test(text) ? [{ text, firstLine: 1 }] : [];
  const spans: [number, number][] = [];
  for (const at of KEYWORDS.offsets(text)) {
    const from = Math.max(0, at - REACH);
    const to = Math.min(text.length, at + REACH);
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else spans.push([from, to]);
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

/**
 * A passage of at least this many words inside a match that the template does
 * not have, and this share of the template's required words, is a clause the
 * template lacks: MIT's notice condition inside the MIT-testregex text (which
 * has none) makes a different licence, whatever the score says. Year lists in
 * a long text's copyright lines (Python's) stay well under the share.
 */
const CLAUSE_WORDS = 12;
const CLAUSE_SHARE = 0.05;

/** An alignment good enough to report: close enough, adding no clause, or a text cut short. */
export function acceptable(a: Alignment): boolean {
  const addsClause = a.inserted >= CLAUSE_WORDS && a.inserted >= CLAUSE_SHARE * a.required;
  return (a.score >= ACCEPT && !addsClause) || cutShort(a);
}

/**
 * A licence text cut short (Debian quotes the first part of a licence, a
 * header keeps its first paragraphs): every word of the match is the
 * template's, nothing inside it is missing, it holds at least half of what the
 * template requires, and it keeps the opening (up to a quarter of the template
 * may give way to a preamble of the file's own, as in Debian's libpng
 * paragraph; a match that starts in the template's second half is its
 * disclaimer, which says nothing of the grant). It is reported with its low
 * score, so firmer evidence in the file outweighs it.
 */
export function cutShort(a: Alignment): boolean {
  const words = a.to - a.from + 1;
  return (
    words >= 40 &&
    a.requiredBefore <= 0.25 * a.required &&
    a.extra <= 0.02 * words &&
    a.requiredWithin - a.matched <= 0.02 * a.requiredWithin &&
    a.matched >= 0.5 * a.required
  );
}

/** Relatives aligned against each seed's region: the likeliest there by Dice overlap. */
const RIVALS = 6;
/** Templates the region holds almost whole are always among the rivals (up to a bound). */
const NEARLY_WHOLE = 0.9;
const MAX_WHOLE_RIVALS = 12;
/** Extra words on each side of a seed's match when its rivals are looked for. */
const MARGIN = 40;

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
 * Texts in one region, found by rounds. Each round takes the candidate the
 * text holds most of as a seed and aligns it; the seed's match marks out a
 * stretch of text, and the templates that hold most of that stretch (its
 * relatives: MIT, MIT-0, X11, JSON...) are aligned as rivals; the best of
 * them is accepted, its words are marked as explained, and the next round
 * looks at what is left. A family of forty near-identical templates costs a
 * handful of alignments, and a file of twenty bundled licences is read piece
 * by piece.
 */
function findInRegion(text: string, firstLine: number): EntryAlignment[] {
  const index = licenceIndex();
  const prepared = index.prepare(text, firstLine);
  const n = prepared.ids.length;
  const explained = new Uint8Array(n);
  const aligned = new Map<number, EntryAlignment[]>();
  // Templates whose last alignment returned as many copies as one alignment can.
  const more = new Set<number>();
  const alignOnce = (entry: number, again = false) => {
    let found = aligned.get(entry);
    if (!found || again) {
      const all = index.align(prepared, entry, 0, n, again ? explained : undefined);
      if (all.length >= COPIES) more.add(entry);
      else more.delete(entry);
      found = all.filter(acceptable);
      aligned.set(entry, found);
    }
    return found;
  };
  const accepted: EntryAlignment[] = [];
  const open = (a: EntryAlignment) => !accepted.some((b) => overlaps(a, b));
  // A seed with no open match left is spent; one that led to a match may seed
  // again (the next copy of a licence repeated for bundled parts).
  const spent = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS && aligned.size < MAX_CANDIDATES; round++) {
    const seed = index
      .candidates(prepared, MIN_CONTAINMENT, explained)
      .filter((c) => !spent.has(c.entry))
      .sort((a, b) => b.containment - a.containment || b.dice - a.dice)[0];
    if (!seed) break;
    let first = alignOnce(seed.entry).filter(open).sort(better)[0];
    // Every copy one alignment found is taken and there may be more: look again
    // where nothing is explained yet.
    if (!first && more.has(seed.entry))
      first = alignOnce(seed.entry, true).filter(open).sort(better)[0];
    if (!first) {
      spent.add(seed.entry);
      continue;
    }
    // The rivals for the stretch of text the seed matched.
    const outside = new Uint8Array(n).fill(1);
    outside.fill(0, Math.max(0, first.from - MARGIN), Math.min(n, first.to + MARGIN + 1));
    for (let i = 0; i < n; i++) if (explained[i]) outside[i] = 1;
    // Rivals: what this stretch holds most of, and what the whole text holds
    // almost whole (a template that wraps the seed, LGPL-3.0 around GPL-3.0).
    const local = index.candidates(prepared, MIN_CONTAINMENT, outside);
    const whole = index
      .candidates(prepared, NEARLY_WHOLE, explained)
      .sort((a, b) => b.dice - a.dice)
      .slice(0, MAX_WHOLE_RIVALS);
    const rivals = new Set(
      [
        ...[...local].sort((a, b) => b.dice - a.dice).slice(0, RIVALS),
        ...local.filter((c) => c.containment >= NEARLY_WHOLE).slice(0, MAX_WHOLE_RIVALS),
        ...whole,
      ].map((c) => c.entry),
    );
    // Rivals are aligned within the seed's stretch of text: in a file of many
    // licences, an alignment over the whole file may have taken another copy.
    const lo = Math.max(0, first.from - MARGIN);
    const hi = Math.min(n, first.to + MARGIN + 1);
    // (When the stretch is the whole text, as in a file of one licence, the
    // alignments over the whole text serve, and are kept for later rounds.)
    const everything = lo === 0 && hi === n;
    const contenders = [first];
    for (const r of rivals) {
      const found = everything ? alignOnce(r) : index.align(prepared, r, lo, hi).filter(acceptable);
      for (const a of found) if (open(a) && overlaps(a, first)) contenders.push(a);
    }
    // ...and a template that may wrap the seed (LGPL-3.0 around the GPL-3.0 it
    // incorporates) over the whole text.
    for (const c of everything ? [] : whole) {
      for (const a of alignOnce(c.entry))
        if (open(a) && a.from <= first.from && a.to >= first.to) contenders.push(a);
    }
    const best = contenders.sort(better)[0]!;
    accepted.push(best);
    explained.fill(1, best.from, best.to + 1);
  }
  // Report line numbers rather than word positions.
  return accepted
    .sort((a, b) => a.from - b.from)
    .map((a) => ({ ...a, from: prepared.lines[a.from]!, to: prepared.lines[a.to]! }));
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
