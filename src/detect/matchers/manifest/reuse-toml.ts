/**
 * REUSE.toml (REUSE specification 3.2): `version = 1` and `[[annotations]]`
 * tables, each with `path` (a glob or a list of globs), an optional
 * `precedence` ("closest", "aggregate" or "override") and
 * `SPDX-License-Identifier` (an expression or a list of them). Each
 * annotation becomes one Match whose `paths` are its globs, in file order:
 * REUSE lets the last annotation that matches a path win, so order matters to
 * whoever applies them.
 */
import type { Match } from "../../types.ts";
import { type Found, fieldMatch, joinResolved, type Reader, resolveOrWarn } from "./declared.ts";
import { elementLines, findEntry, readToml, table } from "./toml-lines.ts";

const FILE = "REUSE.toml";
const PRECEDENCE = new Set(["closest", "aggregate", "override"]);

export const readReuseToml: Reader = (text, warn) => {
  const doc = readToml(text, FILE, warn);
  if (!doc) return [];
  const version = doc.value["version"];
  if (version !== 1) {
    const line = findEntry(doc.layout, "", "version")?.[0] ?? 1;
    warn(
      `${FILE} line ${line}: version is ${JSON.stringify(version) ?? "missing"}; ` +
        "REUSE.toml must say version = 1 (the only version the REUSE specification defines)",
    );
    if (version !== undefined) return [];
  }
  const annotations = doc.value["annotations"];
  if (annotations === undefined) return [];
  if (!Array.isArray(annotations)) {
    warn(`${FILE}: annotations must be an array of tables, written [[annotations]]`);
    return [];
  }
  const matches: Match[] = [];
  annotations.forEach((raw, element) => {
    const lines = elementLines(doc.layout, "annotations", element);
    const where = `${FILE} line ${lines[0]}: annotation`;
    const annotation = table(raw);
    if (!annotation) return;
    const paths = strings(annotation["path"]);
    if (!paths || paths.length === 0) {
      warn(`${where} has no path; give path = "<glob>" or a list of globs`);
      return;
    }
    const precedence = annotation["precedence"];
    if (precedence !== undefined && !PRECEDENCE.has(precedence as string)) {
      warn(
        `${where} has precedence ${JSON.stringify(precedence)}; use "closest", "aggregate" or "override"`,
      );
    }
    const ids = annotation["SPDX-License-Identifier"];
    if (ids === undefined) return; // copyright-only annotations are allowed
    const expressions = strings(ids);
    if (!expressions) {
      warn(`${where}: SPDX-License-Identifier must be a string or a list of strings`);
      return;
    }
    const found: Found[] = [];
    for (const e of expressions) {
      const one = resolveOrWarn(e, `${where}: SPDX-License-Identifier`, warn);
      if (one) found.push(one);
    }
    // Several expressions on one annotation all apply, like several tags in one file.
    const joined = joinResolved(found, "AND", 1);
    if (joined) matches.push(fieldMatch(joined, lines, "reuse", paths));
  });
  return matches;
};

/** A string or a list of strings as a list; undefined for anything else. */
function strings(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}
