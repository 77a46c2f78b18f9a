/**
 * RubyGems' *.gemspec: `spec.license = "MIT"` or `spec.licenses = [...]`
 * (any receiver name: s, spec, gem). A gemspec is Ruby, so only literal
 * values are read: strings ('', "", %q{}, with or without .freeze), arrays of
 * them and %w[] word lists. Anything computed is reported, not guessed.
 */
import { LineIndex } from "../../lines.ts";
import type { Match } from "../../types.ts";
import { type Found, fieldMatch, joinResolved, type Reader, resolveOrWarn } from "./declared.ts";

const ASSIGN = /\b[A-Za-z_]\w*\.(licenses?)[ \t]*=(?![=~>])[ \t]*/g;

export const readGemspec: Reader = (text, warn, file = "gemspec") => {
  const code = blankComments(text);
  const index = new LineIndex(code);
  const matches: Match[] = [];
  for (const hit of code.matchAll(ASSIGN)) {
    const start = hit.index ?? 0;
    const field = hit[1]!;
    const line = index.lineOf(start);
    const where = `${file} line ${line}: ${field}`;
    const literal = readLiteral(code, start + hit[0].length);
    if (!literal) {
      warn(
        `${where} is not a literal string or array; write ${field} = ["<SPDX id>", ...] literally`,
      );
      continue;
    }
    const found: Found[] = [];
    for (const value of literal.values) {
      const one = resolveOrWarn(value, where, warn);
      if (one) found.push(one);
    }
    // RubyGems lists "the license(s)" without saying how they combine; the
    // common case is a choice (Ruby's own gems: ["Ruby", "BSD-2-Clause"]), so
    // several are ORed and, being a convention, scored lower.
    const joined = joinResolved(found, "OR");
    if (joined) matches.push(fieldMatch(joined, [line, index.lineOf(literal.end)]));
  }
  return matches;
};

/**
 * Replace comments with spaces, keeping offsets: `#` outside a quoted string
 * to the end of its line, and `=begin`/`=end` blocks. One pass per line, so
 * a huge or hostile file costs linear time.
 */
function blankComments(text: string): string {
  let inBlock = false;
  return text
    .split("\n")
    .map((line) => {
      if (inBlock || /^=begin\b/.test(line)) {
        inBlock = !/^=end\b/.test(line);
        return " ".repeat(line.length);
      }
      const cut = commentStart(line);
      return cut < line.length ? line.slice(0, cut) + " ".repeat(line.length - cut) : line;
    })
    .join("\n");
}

function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return i;
  }
  return line.length;
}

const PAIRS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/** A Ruby literal at `at`: its string values and the offset of its last character. */
function readLiteral(code: string, at: number): { values: string[]; end: number } | undefined {
  const one = readString(code, at);
  if (one) return { values: [one.value], end: one.end };
  const words = /^%[wW]([[({<])/.exec(code.slice(at, at + 3));
  if (words) {
    const close = PAIRS[words[1]!]!;
    const end = code.indexOf(close, at + 3);
    if (end === -1) return undefined;
    return {
      values: code
        .slice(at + 3, end)
        .split(/\s+/)
        .filter(Boolean),
      end,
    };
  }
  if (code[at] !== "[") return undefined;
  const values: string[] = [];
  let i = at + 1;
  for (;;) {
    while (i < code.length && /[\s,]/.test(code[i]!)) i++;
    if (code[i] === "]") return { values, end: i };
    const item = readString(code, i);
    if (!item) return undefined;
    values.push(item.value);
    i = item.end + 1;
  }
}

/** A string literal at `at` ("..", '..', %q{..}, %Q(..), %(..)), optionally followed by `.freeze`. */
function readString(code: string, at: number): { value: string; end: number } | undefined {
  let open = code[at];
  let i = at + 1;
  if (open === "%") {
    const m = /^%[qQ]?([[({<|!/])/.exec(code.slice(at, at + 3));
    if (!m) return undefined;
    open = m[1]!;
    i = at + m[0].length;
  } else if (open !== '"' && open !== "'") {
    return undefined;
  }
  const close = PAIRS[open!] ?? open!;
  let value = "";
  for (; i < code.length; i++) {
    const c = code[i]!;
    if (c === "\\") {
      value += code[i + 1] ?? "";
      i++;
    } else if (c === close) {
      const freeze = /^\.freeze\b/.exec(code.slice(i + 1, i + 8));
      return { value, end: i + (freeze ? freeze[0].length : 0) };
    } else if (c === "\n" && (open === '"' || open === "'")) {
      return undefined;
    } else value += c;
  }
  return undefined;
}
