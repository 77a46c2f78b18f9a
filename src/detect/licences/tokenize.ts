/**
 * Words for licence matching, normalised as the SPDX matching guidelines allow:
 * case, punctuation, whitespace and line breaks, bullets and numbering, comment
 * markers and Markdown (all punctuation) do not matter, and the SPDX equivalent
 * words ("licence"/"license", "sub-license"/"sublicense") read as one.
 */
import equivalents from "../../../data/equivalent-words.json" with { type: "json" };

/** A text as words, each with the 1-based line it starts on. */
export interface Words {
  words: string[];
  lines: Int32Array;
}

/** Letters and digits of any script; CJK runs, which have no spaces, are one word each. */
const WORD = /[\p{L}\p{N}]+|&|\n/gu;
export const NON_ASCII = /[^\x00-\x7f]/;
/** Lower-case ASCII letters and digits: the word characters of ASCII text. */
export const ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ALNUM[c] = 1;

/**
 * Bullets and numbering at the start of a line ("1.", "(a)", "iv)", "2.1")
 * are dropped: templates mark them as variable, and texts renumber freely.
 * Only with punctuation after them, so "a copy of" at a line start stays.
 */
const BULLET = /^[ \t>*#/\-+;|]*[([]?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,6})[.)\]](?=[ \t]|$)/gm;

const single = new Map<string, string[]>();
const pairs = new Map<string, string[]>();
{
  const split = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+|&/gu) ?? [];
  for (const group of equivalents.groups) {
    // The canonical form is the group's one-word member where there is one.
    const forms = group.map(split);
    const canonical = forms.find((f) => f.length === 1) ?? forms[0]!;
    for (const form of forms) {
      if (form.join(" ") === canonical.join(" ")) continue;
      if (form.length === 1) single.set(form[0]!, canonical);
      else if (form.length === 2) pairs.set(form.join(" "), canonical);
    }
  }
  // Groups chain ("sublicense,sub-license" and "sub-license,sub license"): resolve to a fixed point.
  for (const [k, v] of single)
    if (v.length === 1 && single.has(v[0]!)) single.set(k, single.get(v[0]!)!);
  for (const [k, v] of pairs)
    if (v.length === 1 && single.has(v[0]!)) pairs.set(k, single.get(v[0]!)!);
  single.set("https", ["http"]);
  single.set("licence", ["license"]);
}
/** First words of the two-word equivalents, so most words need no pair lookup. */
const PAIR_FIRST = new Set([...pairs.keys()].map((k) => k.split(" ")[0]!));

/** The SPDX equivalent words: one word read as another, two words read as one. */
export const EQUIVALENTS: {
  single: ReadonlyMap<string, readonly string[]>;
  pairs: ReadonlyMap<string, readonly string[]>;
  pairFirst: ReadonlySet<string>;
} = { single, pairs, pairFirst: PAIR_FIRST };

/** A text as its words are read: lower case, and (unless `bullets` is false) without bullets. */
export function foldForWords(text: string, bullets = true): string {
  const lower = text.toLowerCase();
  return bullets ? lower.replace(BULLET, "") : lower;
}

/**
 * Call `emit` with each normalised word and the line it starts on.
 * `bullets: false` keeps line-start numbering (templates have none);
 * `firstLine` is the line the text starts on. A word that an equivalence
 * pair rewrites ("sub license" → "sublicense") is taken back with `retract`.
 */
export function forEachWord(
  text: string,
  emit: (word: string, line: number) => void,
  retract: () => void,
  options: { bullets?: boolean; firstLine?: number } = {},
): void {
  const lower = foldForWords(text, options.bullets !== false);
  let line = options.firstLine ?? 1;
  let prev: string | undefined;
  let prevLine = line;
  const word = (w: string) => {
    if (prev !== undefined && PAIR_FIRST.has(prev)) {
      const pair = pairs.get(`${prev} ${w}`);
      if (pair) {
        retract();
        for (const x of pair) emit(x, prevLine);
        prev = undefined;
        return;
      }
    }
    const mapped = single.get(w);
    if (mapped) for (const x of mapped) emit(x, line);
    else emit(w, line);
    prev = mapped ? mapped[mapped.length - 1] : w;
    prevLine = line;
  };
  if (NON_ASCII.test(lower)) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
      if (m[0] === "\n") line++;
      else word(m[0]);
    }
    return;
  }
  // ASCII, most texts: a character loop, without a match object per word.
  const n = lower.length;
  for (let i = 0; i < n; ) {
    const c = lower.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (ALNUM[c] === 1) {
      let j = i + 1;
      while (j < n && ALNUM[lower.charCodeAt(j)] === 1) j++;
      word(lower.slice(i, j));
      i = j;
    } else {
      if (c === 38) word("&");
      i++;
    }
  }
}

/** Split text into normalised words (see forEachWord for the options). */
export function tokenize(
  text: string,
  options: { bullets?: boolean; firstLine?: number } = {},
): Words {
  const words: string[] = [];
  const lines: number[] = [];
  forEachWord(
    text,
    (w, l) => {
      words.push(w);
      lines.push(l);
    },
    () => {
      words.pop();
      lines.pop();
    },
    options,
  );
  return { words, lines: Int32Array.from(lines) };
}
