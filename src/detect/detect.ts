/**
 * The detection pipeline for one file: decode, run every matcher, join the
 * evidence. Pure over bytes; `detectFile` in detect-file.node.ts adds the disk.
 */
import { combine } from "./combine.ts";
import { licenseIdsOf, parseExpression } from "./expression.ts";
import { decode } from "./decode.ts";
import { manifestMatcher } from "./matchers/manifest/index.ts";
import { noticeMatcher } from "./matchers/notice.ts";
import { spdxTagMatcher } from "./matchers/spdx-tag.ts";
import { textMatcher } from "./matchers/text.ts";
import type { Detection, Match, Matcher } from "./types.ts";

/** Every matcher, in the order their evidence is listed. */
export const MATCHERS: readonly Matcher[] = [
  spdxTagMatcher,
  manifestMatcher,
  textMatcher,
  noticeMatcher,
];

/** Detect the licence of a text. */
export function detectText(
  path: string,
  text: string,
  matchers: readonly Matcher[] = MATCHERS,
): Detection {
  const warnings: string[] = [];
  const sink = { warn: (message: string) => warnings.push(message) };
  const matches: Match[] = [];
  for (const matcher of matchers) matches.push(...matcher({ path, text }, sink));
  dropQuotedNotices(matches);
  matches.sort((a, b) => a.lines[0] - b.lines[0] || a.lines[1] - b.lines[1]);
  const expression = combine(matches);
  for (const id of versionUnstated(matches, expression))
    warnings.push(
      `${id} is read from the licence text alone, which cannot say whether later versions apply; ` +
        `a notice ("or (at your option) any later version") or the package manifest says which ` +
        "(tgpl scan applies a manifest beside the file to the files it covers)",
    );
  const detection: Detection = { path, expression, matches };
  if (warnings.length > 0) detection.warnings = warnings;
  return detection;
}

/**
 * GNU licences in the expression as `-only` on the word of their text alone:
 * a bare GPL text is the same whether the project means "version 3" or
 * "version 3 or later", so the reading is a default, not a finding.
 */
function versionUnstated(matches: readonly Match[], expression: string | null): string[] {
  if (expression === null || !expression.includes("-only")) return [];
  const ids = (spdx: string) => {
    const tree = parseExpression(spdx);
    return tree.ok ? licenseIdsOf(tree.value) : [];
  };
  const stated = new Set(matches.filter((m) => m.matcher !== "text").flatMap((m) => ids(m.spdx)));
  return ids(expression).filter(
    (id) =>
      id.endsWith("-only") &&
      matches.some((m) => m.matcher === "text" && m.spdx === id) &&
      !stated.has(id) &&
      !stated.has(id.replace(/-only$/, "-or-later")),
  );
}

/**
 * Detect the licence of a file's bytes (possibly only its head: `size` is the
 * whole file's size when the caller read less).
 */
export function detectBytes(path: string, bytes: Uint8Array, size = bytes.length): Detection {
  const decoded = decode(bytes);
  if (decoded.kind !== "text") {
    return { path, expression: null, matches: [], skipped: decoded.kind, bytesRead: bytes.length };
  }
  const detection = detectText(path, decoded.text);
  detection.bytesRead = bytes.length;
  if (size > bytes.length) {
    detection.warnings = detection.warnings ?? [];
    detection.warnings.push(
      `only the first ${bytes.length} of ${size} bytes were read; raise --max-bytes to look further`,
    );
  }
  return detection;
}

/**
 * A notice inside a full licence text is the text's own example (the GPL's
 * "How to Apply These Terms" says "version 3 ... or any later version"), not
 * a statement about the file: it is dropped in favour of the text.
 */
function dropQuotedNotices(matches: Match[]): void {
  const texts = matches.filter((m) => m.matcher === "text");
  if (texts.length === 0) return;
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i]!;
    if (
      m.matcher === "notice" &&
      texts.some((t) => t.lines[0] <= m.lines[0] && m.lines[1] <= t.lines[1])
    ) {
      matches.splice(i, 1);
    }
  }
}
