/**
 * npm's package.json: `license` as an SPDX expression, and the forms npm
 * accepted before it required one: `license: {type, url}` and
 * `licenses: [{type, url}, ...]`.
 */
import { LineIndex } from "../../lines.ts";
import {
  type Found,
  fieldMatch,
  joinResolved,
  MAPPED,
  orWarn,
  quote,
  type Reader,
  resolveDeclared,
  resolveOrWarn,
} from "./declared.ts";
import { readJsonObject, type Span } from "./json-members.ts";
import { lookupUrl } from "./names.ts";

const FILE = "package.json";

export const readPackageJson: Reader = (text, warn) => {
  const doc = readJsonObject(text, FILE, warn);
  if (!doc) return [];
  const index = new LineIndex(text);
  const linesOf = (span: Span | undefined): [number, number] =>
    span ? [index.lineOf(span.start), index.lineOf(span.end)] : [1, 1];

  const license = doc.value["license"];
  if (license !== undefined) {
    const lines = linesOf(doc.members.get("license"));
    const where = `${FILE} line ${lines[0]}: license`;
    const found =
      typeof license === "string"
        ? licenseString(license, where, warn)
        : legacyList(Array.isArray(license) ? license : [license], where, warn);
    // npm reads `license` and ignores `licenses` when both are there; so do we.
    if (found) return [fieldMatch(found, lines)];
    if (typeof license === "string") return [];
  }
  const licenses = doc.value["licenses"];
  if (licenses === undefined) return [];
  const lines = linesOf(doc.members.get("licenses"));
  const where = `${FILE} line ${lines[0]}: licenses`;
  const list = Array.isArray(licenses) ? licenses : [licenses];
  const found = legacyList(list, where, warn);
  return found ? [fieldMatch(found, lines)] : [];
};

const SEE = /SEE LICEN[CS]E IN\s+(\S+)/i;
const SEE_AS_CHOICE = /\s+OR\s+SEE LICEN[CS]E IN\s+\S+|SEE LICEN[CS]E IN\s+\S+\s+OR\s+/gi;

function licenseString(value: string, where: string, warn: (m: string) => void): Found | undefined {
  const see = SEE.exec(value);
  if (see) {
    // "MIT OR SEE LICENSE IN FEEL-FREE.md": keep the SPDX choice, point at the file for the other.
    const rest = value.replace(SEE_AS_CHOICE, "").trim();
    if (rest === "" || SEE.test(rest)) {
      warn(
        `${where} says ${quote(value)}: the terms are in ${see[1]}, not in an SPDX id; ` +
          `scan ${see[1]} to detect them, or write an SPDX expression in "license"`,
      );
      return undefined;
    }
    warn(
      `${where} ${quote(value)} also offers the terms in ${see[1]}; scan ${see[1]} to detect them`,
    );
    const found = resolveOrWarn(rest, where, warn);
    return found && { spdx: found.spdx, score: Math.min(found.score, MAPPED) };
  }
  if (/^\s*UNLICENSED\s*$/i.test(value)) {
    warn(
      `${where} is "UNLICENSED": npm's word for a package offered under no licence at all ` +
        "(all rights reserved); nothing is recorded as its licence",
    );
    return undefined;
  }
  return resolveOrWarn(value, where, warn);
}

/**
 * Legacy entries, each `{type, url}` or a string. Several are ORed, as npm's
 * own normalisation (normalize-package-data) and its docs for the old field
 * treated them: a list of licences the package is offered under.
 */
function legacyList(
  entries: unknown[],
  where: string,
  warn: (m: string) => void,
): Found | undefined {
  const found: Found[] = [];
  for (const entry of entries) {
    const one = legacyEntry(entry, where, warn);
    if (one) found.push(one);
  }
  return joinResolved(found, "OR");
}

function legacyEntry(entry: unknown, where: string, warn: (m: string) => void): Found | undefined {
  if (typeof entry === "string") return resolveOrWarn(entry, where, warn);
  if (typeof entry !== "object" || entry === null) {
    warn(`${where} holds ${JSON.stringify(entry)}; write "license": "<SPDX expression>"`);
    return undefined;
  }
  const { type, url } = entry as { type?: unknown; url?: unknown };
  if (typeof type === "string") {
    const byType = resolveDeclared(type);
    if (byType.ok) return byType;
    if (typeof url === "string") {
      const byUrl = lookupUrl(url);
      if (byUrl.ok) return byUrl;
    }
    return orWarn(byType, type, `${where} type`, warn);
  }
  if (typeof url === "string") {
    const byUrl = lookupUrl(url);
    if (byUrl.ok) return byUrl;
    warn(
      `${where} has only a url, ${quote(url)}, that tgpl does not know; write "license": "<SPDX expression>"`,
    );
    return undefined;
  }
  warn(`${where} entry has no "type"; write "license": "<SPDX expression>"`);
  return undefined;
}
