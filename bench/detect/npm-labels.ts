/**
 * Ground truth for the npm corpus: which files in a package's folder are its
 * licence files, and what its package.json says their licence is. Pure.
 */
import {
  type ExprNode,
  format,
  normalizeExpression,
  parseExpression,
} from "../../src/detect/expression.ts";

/** Extensions a licence file may carry; anything else (`.js`, `.json`, `.d.ts`) is code or data. */
const TEXT_EXT = /^(|\.md|\.markdown|\.txt|\.text|\.rst|\.html?|\.adoc|\.[a-z0-9]+-?[a-z0-9]*)$/i;
const CODE_EXT =
  /\.(js|cjs|mjs|ts|cts|mts|jsx|tsx|json|map|d\.ts|css|scss|yml|yaml|toml|xml|sh|py|c|h)$/i;

/**
 * True for names people give licence files: LICENSE, LICENCE.md, COPYING,
 * UNLICENSE, LICENSE-MIT, MIT-LICENSE.txt, license.apache2 ...
 */
export function isLicenseFileName(name: string): boolean {
  if (CODE_EXT.test(name)) return false;
  const stem = name.replace(/\.[^.]*$/, "");
  const ext = name.slice(stem.length);
  if (!TEXT_EXT.test(ext)) return false;
  return (
    /^(un)?licen[cs]es?([-_.].*)?$/i.test(name) ||
    /^copying([-_.].*)?$/i.test(name) ||
    /^copyright([-_.].*)?$/i.test(name) ||
    /^[a-z0-9.]+[-_](un)?licen[cs]e$/i.test(stem)
  );
}

/** The label of a package, or why it has none that can be used. */
export type Label =
  | { ok: true; expression: string; alternatives: string[] }
  | { ok: false; reason: string };

/**
 * The package.json `license` as a normalised SPDX expression. `alternatives`
 * holds the operands of a top-level OR (empty when there is none): a file
 * labelled `(MIT OR Apache-2.0)` is scored in its own subset where any of
 * them, or the whole expression, counts as exact.
 */
export function labelOf(pkg: unknown): Label {
  if (typeof pkg !== "object" || pkg === null) return { ok: false, reason: "no package.json" };
  const license = (pkg as { license?: unknown }).license;
  if (typeof license !== "string") {
    return {
      ok: false,
      reason: license === undefined ? "no license field" : "license not a string",
    };
  }
  if (/^(UNLICENSED|SEE LICEN[CS]E IN)/i.test(license.trim())) {
    return { ok: false, reason: "not an SPDX expression" };
  }
  const parsed = parseExpression(license);
  if (!parsed.ok) return { ok: false, reason: "not an SPDX expression" };
  const expression = normalizeExpression(license)!;
  if (/LicenseRef-|DocumentRef-/.test(expression)) return { ok: false, reason: "LicenseRef" };
  const alternatives: string[] = [];
  const collect = (node: ExprNode) => {
    if (node.kind === "or") {
      collect(node.left);
      collect(node.right);
    } else {
      alternatives.push(format(node));
    }
  };
  if (parsed.value.kind === "or") collect(parsed.value);
  return { ok: true, expression, alternatives };
}
