/**
 * `SPDX-License-Identifier:` tags, in whatever comment or string syntax hosts
 * them. The value runs to the end of the line, less the comment closers and
 * string punctuation that the host syntax puts after it. A licence file whose
 * whole text is an SPDX expression (a LICENSE that says only `MIT`) states
 * its licence the same way, without the tag.
 */
import { normalizeExpression } from "../expression.ts";
import { isLicenceFileName } from "../licence-file-names.ts";
import { LineIndex } from "../lines.ts";
import type { Match, Matcher } from "../types.ts";

const TAG = /SPDX-License-Identifier\s*:[ \t]*([^\r\n]*)/gi;
/** What may follow the expression on its line: comment closers, quotes, commas, semicolons. */
const TRAILER = /(\s*(\*\/|-->|\*\)|-\}|#\}|%>|\?>|"""|'''|["'`,;\\]|\\n))+\s*$/;
/** The expression ends where a second comment starts (`MIT // see LICENSE`). */
const SECOND_COMMENT = /\s(\/\/|#|\/\*|<!--|--\s).*$/;

/** Clean the raw text after the tag down to the expression. */
export function tagValue(raw: string): string {
  let value = raw.replace(SECOND_COMMENT, "");
  value = value.replace(TRAILER, "").trim();
  // Tags in HTML/XML often close the comment without a space: `MIT-->`.
  return value.replace(/(-->|\*\/)$/, "").trim();
}

const COPYRIGHT = /^\s*(?:copyright\b|\(c\)|©)/i;
/** Longer than this, a file says more than a licence's name. */
const NAME_ONLY = 256;

/** The expression a licence file consists of, as a match; null when it says anything else. */
function namedLicence(input: { path: string; text: string }): Match | null {
  if (input.text.length > NAME_ONLY) return null;
  if (!isLicenceFileName(input.path.split(/[\\/]/).pop() ?? input.path)) return null;
  const lines = input.text.replace(/^\uFEFF/, "").split(/\r?\n/);
  // Besides the name, only copyright lines.
  const said = lines.flatMap((l, i) =>
    l.trim() && !COPYRIGHT.test(l) ? [{ value: l.trim(), line: i + 1 }] : [],
  );
  if (said.length !== 1) return null;
  const expression = normalizeExpression(said[0]!.value);
  if (!expression) return null;
  return {
    spdx: expression,
    matcher: "spdx-tag",
    score: 0.95,
    lines: [said[0]!.line, said[0]!.line],
  };
}

export const spdxTagMatcher: Matcher = (input, warnings) => {
  if (!/spdx-license-identifier/i.test(input.text)) {
    const named = namedLicence(input);
    return named ? [named] : [];
  }
  const lines = new LineIndex(input.text);
  const matches: Match[] = [];
  for (const hit of input.text.matchAll(TAG)) {
    const value = tagValue(hit[1] ?? "");
    const line = lines.lineOf(hit.index ?? 0);
    const expression = value ? normalizeExpression(value) : null;
    if (!expression) {
      // A tag in a minified line runs on for megabytes: quote only its start.
      const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
      warnings.warn(
        `line ${line}: SPDX-License-Identifier ${JSON.stringify(shown)} is not a valid SPDX expression; ` +
          "use ids from https://spdx.org/licenses/ joined by AND, OR, WITH",
      );
      continue;
    }
    matches.push({ spdx: expression, matcher: "spdx-tag", score: 1, lines: [line, line] });
  }
  return matches;
};
