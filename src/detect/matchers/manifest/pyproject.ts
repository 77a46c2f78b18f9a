/**
 * pyproject.toml: PEP 639's `[project] license = "<SPDX expression>"`, the
 * PEP 621 table forms `license = {text = ...}` and `license = {file = ...}`,
 * Poetry's `[tool.poetry] license`, and licence classifiers when none of
 * those names the licence (PEP 639 forbids classifiers beside an expression).
 */
import type { Match } from "../../types.ts";
import { type Located, classifierMatch } from "./classifiers.ts";
import { fieldMatch, looksLikeText, quote, type Reader, resolveOrWarn } from "./declared.ts";
import { findEntry, readToml, type TomlDocument, table } from "./toml-lines.ts";

const FILE = "pyproject.toml";

export const readPyproject: Reader = (text, warn) => {
  const doc = readToml(text, FILE, warn);
  if (!doc) return [];
  const project = table(doc.value["project"]);
  const poetry = table(table(doc.value["tool"])?.["poetry"]);
  const matches: Match[] = [];
  if (project) matches.push(...projectLicense(doc, project, warn));
  if (poetry && typeof poetry["license"] === "string") {
    const lines = findEntry(doc.layout, "tool.poetry", "license") ?? [1, 1];
    const found = resolveOrWarn(
      poetry["license"],
      `${FILE} line ${lines[0]}: [tool.poetry] license`,
      warn,
    );
    if (found) matches.push(fieldMatch(found, lines));
  }
  if (matches.length > 0) return matches;
  const located = [
    ...locateClassifiers(text, doc, "project", project),
    ...locateClassifiers(text, doc, "tool.poetry", poetry),
  ];
  const byClassifier = classifierMatch(located, FILE, warn);
  return byClassifier ? [byClassifier] : [];
};

function projectLicense(
  doc: TomlDocument,
  project: Record<string, unknown>,
  warn: (m: string) => void,
): Match[] {
  const license = project["license"];
  if (license === undefined) return [];
  const lines =
    findEntry(doc.layout, "project", "license") ??
    findEntry(doc.layout, "project", "license.text") ??
    findEntry(doc.layout, "project", "license.file") ??
    ([1, 1] as [number, number]);
  const where = `${FILE} line ${lines[0]}: [project] license`;
  if (typeof license === "string") {
    const found = resolveOrWarn(license, where, warn);
    return found ? [fieldMatch(found, lines)] : [];
  }
  const form = table(license);
  if (typeof form?.["text"] === "string") {
    const text = form["text"];
    if (looksLikeText(text)) {
      // A whole licence text pasted in: the text matcher is the one to read texts.
      warn(
        `${where}.text holds a licence text, not its name; ` +
          'write the SPDX expression as license = "<expression>" (PEP 639)',
      );
      return [];
    }
    const found = resolveOrWarn(text, `${where}.text`, warn);
    return found ? [fieldMatch(found, lines)] : [];
  }
  if (typeof form?.["file"] === "string") {
    warn(
      `${where}.file = ${quote(form["file"])} points at a file of terms; scan ${form["file"]} ` +
        'to detect them, or write license = "<SPDX expression>" (PEP 639)',
    );
    return [];
  }
  warn(
    `${where} is neither a string nor {text = ...} nor {file = ...}; write license = "<SPDX expression>"`,
  );
  return [];
}

/** Each classifier string of `[table] classifiers`, with the line it is on. */
function locateClassifiers(
  text: string,
  doc: TomlDocument,
  tableName: string,
  values: Record<string, unknown> | undefined,
): Located[] {
  const list = values?.["classifiers"];
  if (!Array.isArray(list)) return [];
  const span = findEntry(doc.layout, tableName, "classifiers");
  const lines = text.split("\n");
  const out: Located[] = [];
  let from = span ? span[0] - 1 : 0;
  const to = span ? span[1] - 1 : lines.length - 1;
  for (const item of list) {
    if (typeof item !== "string") continue;
    let line = from;
    while (line <= to && !lines[line]!.includes(item)) line++;
    if (line > to)
      line = from; // not found verbatim (escapes): keep the last known line
    else from = line;
    out.push({ text: item, line: line + 1 });
  }
  return out;
}
