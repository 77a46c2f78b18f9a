/**
 * Text near licence keywords, reduced to what a notice's wording depends on:
 * lower-case words separated by one space, a sentence end as "\n" and a blank
 * line as "\n\n". Comment markers, quotes, brackets and most punctuation go;
 * hyphens split words ("GPL-2.0+" → "gpl 2.0+"); URLs and paths stay whole.
 * Each kept line remembers where it starts, so a match maps back to lines.
 */
import { lineIndexOf } from "../../lines.ts";

export interface NormText {
  text: string;
  /** Offset in `text` of the first token of each raw line that has one, ascending. */
  starts: number[];
  /** 1-based raw line number of each entry of `starts`. */
  lines: number[];
}

/** 1-based raw line of an offset in the normalised text. */
export function lineAt(norm: NormText, offset: number): number {
  return norm.lines[lineIndexOf(norm.starts, offset)] ?? 1;
}

/** True when a raw line's first token starts at `offset`. */
export function startsLine(norm: NormText, offset: number): boolean {
  const { starts } = norm;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = starts[mid]!;
    if (s === offset) return true;
    if (s < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Comment leaders that are words, and so would survive the punctuation pass. */
const WORD_LEADER = /^\s*(?:(?:dnl|rem|@c|@comment)\b|::)\s*/;
/** URLs and paths, kept whole. */
const URL =
  /(?:https?|ftp):\/\/[^\s<>"'`()[\]{}]+|www\.[^\s<>"'`()[\]{}]+|\/(?:usr|etc|opt)\/[^\s<>"'`()[\]{}]+/g;
const URLISH = /:\/\/|www\.|\/(?:usr|etc|opt)\//;
/** HTML and XML tags (not "<https://...>", whose name is followed by a colon). */
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/g;
/** Brackets and quotes glued to the front of a URL or path. */
const URL_LEAD = /[<("'`‘“[{]+(?=(?:https?|ftp):\/\/|www\.|\/(?:usr|etc|opt)\/)/g;
const URL_TRAIL = /[.,;:!?'"’”>)\]}]+$/;
const DROP = /['’‘`´]/g;
const NON_WORD = /[^a-z0-9+._@/\u0001\u0003\u00c0-\uffff]+/g;
/** "LICENSE-MIT" names a file, not a licence: its hyphen stays. */
const LICENCE_FILE = /(licen[cs]e)-(?=[a-z0-9])/g;
const EDGE_DOTS = /^\.+|\.+$/g;
/** Dots, slashes and underscores at a word's edges ("//", "...", "dir/", libstdc++'s "__option"). */
const EDGE_PUNCT = /^[._/]+|[._/]+$/g;
const EDGE_END = /[_/]$/;
/** "MIT/X11", "zlib/libpng", "2.0/MIT" are words joined by a slash; "boost/mpl/bool.hpp" is a path. */
const SLASHED = /^(?:[a-z0-9+]+|\d+(?:\.\d+)*\+?)(?:\/(?:[a-z0-9+]+|\d+(?:\.\d+)*\+?))+$/;
/** Words whose trailing dot does not end a sentence ("v. 2.0", "Inc., 51 Franklin"). */
const ABBREVIATIONS = new Set([
  "v",
  "ver",
  "vers",
  "vol",
  "no",
  "nr",
  "inc",
  "ltd",
  "co",
  "corp",
  "e.g",
  "i.e",
  "etc",
  "cf",
  "vs",
  "st",
  "e.v",
  "dr",
  "mr",
  "ms",
  "mrs",
  "jr",
  "sr",
  "al",
  "approx",
  "sec",
  "art",
  "u.s",
  "ca",
  "fig",
  "www",
]);

/**
 * Normalise the raw lines that overlap [from, to) of `raw`; `firstLine` is the
 * 1-based number of the line holding `from`.
 */
export function normalize(raw: string, from: number, to: number, firstLine: number): NormText {
  const starts: number[] = [];
  const lines: number[] = [];
  let out = "";
  let pending = "";
  let lineNo = firstLine;
  let lineOpen = false;

  const push = (token: string) => {
    if (out.length > 0) out += pending || " ";
    pending = "";
    if (!lineOpen) {
      starts.push(out.length);
      lines.push(lineNo);
      lineOpen = true;
    }
    out += token;
  };
  const boundary = (sep: "\n" | "\n\n") => {
    if (out.length > 0 && pending !== "\n\n") pending = sep;
  };

  /** Words of prose (no URLs in it); a word ending in "." ends the sentence unless an abbreviation. */
  const prose = (text: string) => {
    let s = text.replace(DROP, "").replace(/[!?]/g, ".");
    const ge = s.includes(">=");
    if (ge) s = s.replace(/>=/g, "\u0001");
    const file = s.includes("licen");
    if (file) s = s.replace(LICENCE_FILE, "$1\u0003");
    s = s.replace(NON_WORD, " ");
    if (ge) s = s.replace(/\u0001/g, " >= ");
    if (file) s = s.replace(/\u0003/g, "-");
    for (const token of s.split(" ")) {
      if (token === "") continue;
      const ends = token.charCodeAt(token.length - 1) === 46; // "."
      if (token.includes("/") && token !== "and/or" && SLASHED.test(token.replace(EDGE_DOTS, ""))) {
        let previous = "";
        for (const sub of token.replace(EDGE_DOTS, "").split("/")) {
          if (previous) push("/");
          push(sub);
          previous = sub;
        }
        if (ends) boundary("\n");
        continue;
      }
      const first = token.charCodeAt(0);
      const word =
        ends || first === 46 || first === 47 || first === 95 || EDGE_END.test(token)
          ? token.replace(EDGE_PUNCT, "")
          : token;
      if (word) push(word);
      // A lone "." ends the sentence; "v." and initials do not.
      if (ends && (word === "" || (!ABBREVIATIONS.has(word) && !/^[a-z]$/.test(word))))
        boundary("\n");
    }
  };

  const region = raw.slice(from, to).toLowerCase();
  let pos = 0;
  while (pos <= region.length) {
    const nl = region.indexOf("\n", pos);
    const end = nl === -1 ? region.length : nl;
    let line = region.slice(pos, end);
    lineOpen = false;
    const before = out.length;
    if (line.includes("spdx-license-identifier")) {
      // SPDX tags are the tag matcher's; read as prose they would be found twice.
      line = "";
    } else if (line.includes("<")) line = line.replace(TAG, " ");
    if (
      line.startsWith("dnl") ||
      line.includes("rem") ||
      line.includes("@c") ||
      line.includes("::")
    )
      line = line.replace(WORD_LEADER, "");
    if (line.includes("/") && URLISH.test(line)) {
      line = line.replace(URL_LEAD, " ");
      let at = 0;
      for (const m of line.matchAll(URL)) {
        prose(line.slice(at, m.index));
        const trail = URL_TRAIL.exec(m[0]);
        const url = trail ? m[0].slice(0, trail.index) : m[0];
        if (url) push(url);
        if (trail && /[.!?]/.test(trail[0])) boundary("\n");
        at = m.index + m[0].length;
      }
      prose(line.slice(at));
    } else prose(line);
    if (out.length === before) boundary("\n\n");
    lineNo++;
    if (nl === -1) break;
    pos = end + 1;
  }
  return { text: out, starts, lines };
}
