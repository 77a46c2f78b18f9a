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
/** The same for ASCII text, which most files are, at a fraction of the cost. */
const ASCII_WORD = /[a-z0-9]+|&|\n/g;
const NON_ASCII = /[^\x00-\x7f]/;

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

/**
 * Split text into normalised words. `bullets: false` keeps line-start
 * numbering (templates have none); `firstLine` is the line the text starts on.
 */
export function tokenize(
  text: string,
  options: { bullets?: boolean; firstLine?: number } = {},
): Words {
  let lower = text.toLowerCase();
  if (options.bullets !== false) lower = lower.replace(BULLET, "");
  const words: string[] = [];
  const lineOf: number[] = [];
  let line = options.firstLine ?? 1;
  for (const m of lower.matchAll(NON_ASCII.test(lower) ? WORD : ASCII_WORD)) {
    const w = m[0];
    if (w === "\n") {
      line++;
      continue;
    }
    const mapped = single.get(w);
    if (mapped) {
      for (const x of mapped) {
        words.push(x);
        lineOf.push(line);
      }
      continue;
    }
    const prev = words[words.length - 1];
    if (prev !== undefined) {
      const pair = pairs.get(`${prev} ${w}`);
      if (pair) {
        words.pop();
        const at = lineOf.pop()!;
        for (const x of pair) {
          words.push(x);
          lineOf.push(at);
        }
        continue;
      }
    }
    words.push(w);
    lineOf.push(line);
  }
  return { words, lines: Int32Array.from(lineOf) };
}
