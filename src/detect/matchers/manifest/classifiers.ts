/**
 * PyPI trove classifiers (`License :: OSI Approved :: MIT License`), read from
 * pyproject.toml or setup.cfg when no licence field says more.
 */
import type { Match } from "../../types.ts";
import { type Found, fieldMatch, GUESSED, joinResolved } from "./declared.ts";
import { lookupClassifier } from "./names.ts";

export interface Located {
  text: string;
  line: number;
}

/** Classifiers that are categories, not licences: silent when a real licence classifier is there. */
const UMBRELLAS = new Set(["License :: OSI Approved", "License :: DFSG approved"]);

/**
 * One Match for the licence classifiers in `classifiers`, or undefined.
 *
 * Several licence classifiers are ORed. Neither PyPI nor the core metadata
 * spec says how they combine; in practice a package lists several because it
 * is dual-licensed (cryptography and packaging list Apache and BSD), and
 * PEP 639 deprecated classifiers for licences over exactly this ambiguity.
 * So the OR is scored as a guess.
 */
export function classifierMatch(
  classifiers: Located[],
  where: string,
  warn: (message: string) => void,
): Match | undefined {
  const licence = classifiers.filter((c) => /^\s*License\s*::/.test(c.text));
  const found: (Found & { line: number })[] = [];
  const problems: string[] = [];
  for (const c of licence) {
    const hit = lookupClassifier(c.text);
    if (hit.ok) {
      found.push({ spdx: hit.spdx, score: hit.score, line: c.line });
      continue;
    }
    if (UMBRELLAS.has(c.text.trim())) continue;
    const what = !hit.known
      ? "is not a PyPI licence classifier tgpl knows"
      : hit.hint
        ? "does not say which licence it means"
        : "names a licence with no SPDX id";
    problems.push(
      `${where} line ${c.line}: classifier "${c.text.trim()}" ${what}; ` +
        `declare the licence as an SPDX expression in "license" (PEP 639)${hit.hint ? `: ${hit.hint}` : ""}`,
    );
  }
  if (found.length === 0 && licence.length > 0 && problems.length === 0) {
    problems.push(
      `${where} line ${licence[0]!.line}: classifier "${licence[0]!.text.trim()}" names no licence; ` +
        'declare the licence as an SPDX expression in "license" (PEP 639)',
    );
  }
  for (const p of problems) warn(p);
  const joined = joinResolved(found, "OR", GUESSED);
  if (!joined) return undefined;
  const lines = found.map((f) => f.line);
  return fieldMatch(joined, [Math.min(...lines), Math.max(...lines)]);
}
