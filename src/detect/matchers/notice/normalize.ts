/**
 * Text near licence keywords, reduced to what a notice's wording depends on:
 * lower-case words separated by one space, a sentence end as "\n" and a blank
 * line as "\n\n". Comment markers, quotes, brackets and most punctuation go;
 * hyphens split words ("GPL-2.0+" → "gpl 2.0+"); URLs and paths stay whole.
 * Each kept line remembers where it starts, so a match maps back to lines.
 */

export interface NormText {
  text: string;
  /** Offset in `text` of the first token of each raw line that has one, ascending. */
  starts: number[];
  /** 1-based raw line number of each entry of `starts`. */
  lines: number[];
}

/** 1-based raw line of an offset in the normalised text. */
export function lineAt(norm: NormText, offset: number): number {
  const { starts, lines } = norm;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo] ?? 1;
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
/** Whole URLs and paths, kept intact; anything else without spaces. */
const PIECE =
  /(?:https?|ftp):\/\/[^\s<>"'`()[\]{}]+|www\.[^\s<>"'`()[\]{}]+|\/(?:usr|etc|opt)\/[^\s<>"'`()[\]{}]+|\S+/g;
/** Brackets and quotes glued to the front of a URL or path. */
const URL_LEAD = /[<("'`‘“[{]+(?=(?:https?|ftp):\/\/|www\.|\/(?:usr|etc|opt)\/)/g;
const URL_TRAIL = /[.,;:!?'"’”>)\]}]+$/;
const SENTENCE_END = /[.!?][\]'"’”)}*>]*$/;
const DROP = /['’‘`´]/g;
const NON_WORD = /[^a-z0-9+._@/\u0001\u00c0-\uffff]+/g;
const EDGE_DOTS = /^\.+|\.+$/g;
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
  const parts: string[] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  let length = 0;
  let pending = "";
  let lineNo = firstLine;
  let lineOpen = false;

  const push = (token: string) => {
    if (length > 0) {
      const sep = pending || " ";
      parts.push(sep);
      length += sep.length;
    }
    pending = "";
    if (!lineOpen) {
      starts.push(length);
      lines.push(lineNo);
      lineOpen = true;
    }
    parts.push(token);
    length += token.length;
  };
  const boundary = (sep: "\n" | "\n\n") => {
    if (length > 0 && pending !== "\n\n") pending = sep;
  };

  let pos = from;
  while (pos < to) {
    const nl = raw.indexOf("\n", pos);
    const end = nl === -1 || nl > to ? to : nl;
    let line = raw.slice(pos, end).toLowerCase().replace(WORD_LEADER, "");
    if (line.includes("/")) line = line.replace(URL_LEAD, " ");
    lineOpen = false;
    const before = length;
    for (const m of line.matchAll(PIECE)) {
      const piece = m[0];
      if (piece.length > 4 && (piece.includes("/") || piece.startsWith("www."))) {
        if (/^(?:https?|ftp):\/\/|^www\.|^\/(?:usr|etc|opt)\//.test(piece)) {
          const trail = URL_TRAIL.exec(piece);
          const url = trail ? piece.slice(0, trail.index) : piece;
          if (url) push(url);
          if (trail && /[.!?]/.test(trail[0])) boundary("\n");
          continue;
        }
      }
      const ends = SENTENCE_END.test(piece);
      const words = piece
        .replace(DROP, "")
        .replace(/>=/g, "\u0001")
        .replace(NON_WORD, " ")
        .replace(/\u0001/g, " >= ")
        .split(" ");
      let last = "";
      for (let word of words) {
        if (word === "") continue;
        if (word.includes("/") && word !== "and/or") {
          let previous = "";
          for (const sub of word.split("/")) {
            const clean = sub.replace(EDGE_DOTS, "");
            if (!clean) continue;
            if (previous) push("/");
            push(clean);
            previous = last = clean;
          }
          continue;
        }
        word = word.replace(EDGE_DOTS, "");
        if (word) {
          push(word);
          last = word;
        }
      }
      // A lone "." or ">." ends the sentence; "v." and initials do not.
      if (ends && (last === "" || (!ABBREVIATIONS.has(last) && !/^[a-z]$/.test(last))))
        boundary("\n");
    }
    if (length === before) boundary("\n\n");
    lineNo++;
    pos = end + 1;
  }
  return { text: parts.join(""), starts, lines };
}
