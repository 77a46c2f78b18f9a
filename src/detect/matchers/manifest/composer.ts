/**
 * Composer's composer.json: `license` is an SPDX expression or an array of
 * them. Composer's schema documents the array as a choice ("disjunctive"),
 * so the array is ORed; "proprietary" is Composer's word for closed source.
 */
import { LineIndex } from "../../lines.ts";
import { type Found, fieldMatch, joinResolved, type Reader, resolveOrWarn } from "./declared.ts";
import { readJsonObject } from "./json-members.ts";

const FILE = "composer.json";

export const readComposerJson: Reader = (text, warn) => {
  const doc = readJsonObject(text, FILE, warn);
  if (!doc) return [];
  const license = doc.value["license"];
  if (license === undefined) return [];
  const span = doc.members.get("license");
  const index = new LineIndex(text);
  const lines: [number, number] = span
    ? [index.lineOf(span.start), index.lineOf(span.end)]
    : [1, 1];
  const where = `${FILE} line ${lines[0]}: license`;
  const values = Array.isArray(license) ? license : [license];
  const found: Found[] = [];
  for (const value of values) {
    if (typeof value !== "string") {
      warn(`${where} holds ${JSON.stringify(value)}; write an SPDX expression or an array of them`);
      continue;
    }
    if (/^\s*proprietary\s*$/i.test(value)) {
      warn(
        `${where} is "proprietary": Composer's word for closed source; nothing is recorded as its licence`,
      );
      continue;
    }
    const one = resolveOrWarn(value, where, warn);
    if (one) found.push(one);
  }
  const joined = joinResolved(found, "OR", 1);
  return joined ? [fieldMatch(joined, lines)] : [];
};
