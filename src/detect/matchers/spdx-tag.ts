/**
 * `SPDX-License-Identifier:` tags, in whatever comment or string syntax hosts
 * them. The value runs to the end of the line, less the comment closers and
 * string punctuation that the host syntax puts after it.
 */
import { normalizeExpression } from "../expression.ts";
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

export const spdxTagMatcher: Matcher = (input, warnings) => {
  if (!/spdx-license-identifier/i.test(input.text)) return [];
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
