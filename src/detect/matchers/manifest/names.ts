/**
 * Licence names, URLs and PyPI classifiers that manifests use instead of SPDX
 * ids, mapped to SPDX through data/licence-names.json. Only names that say
 * which licence and version they mean are mapped; the rest come back with a
 * hint of what to write, because a guessed BSD variant or GPL version would
 * be worse than none.
 */
import data from "../../../../data/licence-names.json" with { type: "json" };
import { canonicalLicenseId, normalizeExpression } from "../../expression.ts";

/** A name mapped to SPDX (`spdx` is normalised), or why it could not be. */
export type Lookup = { ok: true; spdx: string; score: number } | { ok: false; hint?: string };

/** Score of a name that says its licence and version plainly. */
export const MAPPED = 0.9;
/** Score of a reading that needed a judgement (no only/or-later, no version). */
export const GUESSED = 0.8;

/**
 * The comparable core of a licence name: case, punctuation, parenthesised
 * abbreviations, filler words and a trailing `.0` do not matter, so
 * "The Apache Software License, Version 2.0" and "apache software 2" meet.
 */
export function nameKey(name: string): string {
  let s = name
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/\blicen[cs]e[sd]?\b/g, " ")
    .replace(/\b(the|version|ver)\b/g, " ")
    .replace(/[^a-z0-9.+]+/g, " ")
    .replace(/\.(?!\d)|(?<!\d)\./g, " ")
    .replace(/\bv\s*(?=\d)/g, "")
    .replace(/([a-z]{2,})v(?=\d)/g, "$1 ")
    .replace(/([a-z])(\d)/g, "$1 $2");
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/(\d)\.0(?![.\d])/g, "$1");
  }
  return s.replace(/\s+/g, " ").trim();
}

/** A URL's comparable core: no scheme, `www.`, query, fragment, extension or trailing slash. */
export function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")
    .replace(/\.(txt|html?|php|md|rst)$/, "")
    .replace(/\/+$/, "");
}

type Entry = { spdx: string; score: number };

function index(
  groups: Record<string, string[] | string>,
  score: number,
  key: (s: string) => string,
): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [spdx, names] of Object.entries(groups)) {
    if (spdx.startsWith("$") || typeof names === "string") continue;
    const normal = normalizeExpression(spdx);
    if (!normal) throw new Error(`data/licence-names.json: ${spdx} is not a valid SPDX expression`);
    for (const name of names) out.set(key(name), { spdx: normal, score });
  }
  return out;
}

const NAMES = new Map([
  ...index(data.guessed, GUESSED, nameKey),
  ...index(data.names, MAPPED, nameKey),
]);
const URLS = index(data.urls, MAPPED, urlKey);
const AMBIGUOUS = new Map(
  Object.entries(data.ambiguous).map(([name, hint]) => [nameKey(name), hint]),
);
const FAMILIES = new Map(
  Object.entries(data.families)
    .filter(([name]) => !name.startsWith("$"))
    .map(([name, prefix]) => [nameKey(name), prefix]),
);
const R_NAMES = new Map(
  Object.entries(data.r)
    .filter(([name]) => !name.startsWith("$"))
    .map(([name, spdx]) => [name.toLowerCase(), spdx]),
);
const CLASSIFIERS = new Map<string, Entry | null>(
  Object.entries(data.classifiers).map(([classifier, value]) => {
    if (value === null) return [classifier, null];
    const spdx = typeof value === "string" ? value : value.spdx;
    const score = typeof value === "string" ? MAPPED : GUESSED;
    return [classifier, { spdx, score }];
  }),
);

const GNU_FAMILY: Record<string, string> = {
  gpl: "GPL",
  "general public": "GPL",
  lgpl: "LGPL",
  "lesser general public": "LGPL",
  "library general public": "LGPL",
  "library or lesser general public": "LGPL",
  "lesser gpl": "LGPL",
  "library gpl": "LGPL",
  agpl: "AGPL",
  "affero general public": "AGPL",
  "affero gpl": "AGPL",
  gfdl: "GFDL",
  fdl: "GFDL",
  "free documentation": "GFDL",
};
const GNU_NAME = new RegExp(
  `^(?:gnu )?(${Object.keys(GNU_FAMILY).join("|")}) (\\d+(?:\\.\\d+)?)` +
    "( ?\\+| or later| or any later| or newer| or any newer| or later version| or any later version| only)?$",
);

/** GNU licences by name: "GPLv2+", "GNU Lesser General Public License v2.1 or later", "AGPL 3". */
function gnu(key: string): Entry | undefined {
  const m = GNU_NAME.exec(key);
  if (!m) return undefined;
  const family = GNU_FAMILY[m[1]!]!;
  const version = m[2]!.includes(".") ? m[2]! : `${m[2]}.0`;
  const suffix = m[3]?.trim();
  const only = canonicalLicenseId(`${family}-${version}-only`);
  if (!only) return undefined;
  if (suffix === undefined) return { spdx: only, score: GUESSED };
  if (suffix === "only") return { spdx: only, score: MAPPED };
  return { spdx: only.replace(/-only$/, "-or-later"), score: MAPPED };
}

/** "<family> <version>": "Apache License, Version 2.0" → Apache-2.0, "EUPL 1.2" → EUPL-1.2. */
function family(key: string): Entry | undefined {
  const m = /^(.*) (\d+(?:\.\d+)*)$/.exec(key);
  if (!m) return undefined;
  const prefix = FAMILIES.get(m[1]!);
  if (!prefix) return undefined;
  for (const version of [m[2]!, `${m[2]}.0`, `${m[2]}.0.0`]) {
    const id = canonicalLicenseId(`${prefix}-${version}`);
    if (id) return { spdx: id, score: MAPPED };
  }
  return undefined;
}

const CC_NAME =
  /^(?:cc|creative commons) (?:by|attribution)((?: (?:nc|noncommercial|non commercial|sa|sharealike|share alike|nd|noderivatives|noderivs|no derivatives))*) (\d(?:\.\d)?)(?: (?:international|unported|generic))?(?: public)?$/;

/** Creative Commons by name: "CC BY-SA 4.0", "Creative Commons Attribution 4.0 International". */
function creativeCommons(key: string): Entry | undefined {
  const m = CC_NAME.exec(key);
  if (!m) return undefined;
  const parts = m[1] ?? "";
  const nc = /\bn(on ?)?c(ommercial)?\b/.test(parts) ? "-NC" : "";
  const nd = /\bnd\b|\bno ?deriv/.test(parts);
  const sa = /\bsa\b|share ?alike/.test(parts);
  if (nd && sa) return undefined;
  const version = m[2]!.includes(".") ? m[2]! : `${m[2]}.0`;
  const id = canonicalLicenseId(`CC-BY${nc}${nd ? "-ND" : sa ? "-SA" : ""}-${version}`);
  return id ? { spdx: id, score: MAPPED } : undefined;
}

/** Words people put before a licence name: "Licensed under the ...". */
const PREAMBLE =
  /^(?:this (?:project|software|package|library|code) is )?(?:dual[- ])?licen[cs]ed under (?:the terms of )?(?:the )?/i;

/** Map a licence name (not an SPDX expression) to SPDX. */
export function lookupName(name: string): Lookup {
  const stripped = name.trim().replace(PREAMBLE, "");
  const key = nameKey(stripped);
  if (key === "") return { ok: false };
  const found = NAMES.get(key) ?? gnu(key) ?? family(key) ?? creativeCommons(key);
  if (found) return { ok: true, ...found };
  // "MIT" spelled as a name ("MIT License") is the id itself.
  const asId = canonicalLicenseId(key.replace(/ /g, "-"));
  if (asId) return { ok: true, spdx: normalizeExpression(asId) ?? asId, score: MAPPED };
  const hint = AMBIGUOUS.get(key);
  if (hint) return { ok: false, hint };
  const inParens = /\(([^)]+)\)\s*$/.exec(stripped)?.[1];
  if (inParens) {
    const inner = lookupName(inParens);
    if (inner.ok) return { ...inner, score: Math.min(inner.score, GUESSED) };
  }
  return composite(stripped);
}

/** "MIT or Apache 2.0": each part a known name; scored as a guess since the split is ours. */
function composite(name: string): Lookup {
  for (const [op, re] of [
    ["OR", /\s+or\s+/i],
    ["AND", /\s+and\s+/i],
  ] as const) {
    const parts = name.split(re);
    if (parts.length < 2) continue;
    const found = parts.map((part) => lookupName(part));
    if (found.every((f) => f.ok)) {
      const spdx = normalizeExpression(
        found.map((f) => (f.ok ? `(${f.spdx})` : "")).join(` ${op} `),
      );
      if (spdx) return { ok: true, spdx, score: GUESSED };
    }
    const vague = found.findIndex((f) => !f.ok && f.hint);
    const hint = found[vague];
    if (hint && !hint.ok)
      return { ok: false, hint: `"${parts[vague]?.trim()}" could be ${hint.hint}` };
  }
  return { ok: false };
}

const ID_URL =
  /^(?:opensource\.org\/licenses|spdx\.org\/licenses|choosealicense\.com\/licenses)\/([^/]+)$/;
const GNU_URL = /^gnu\.org\/licenses\/(?:old-licenses\/)?(a|l)?gpl-(\d\.\d)$/;

/** Map a licence URL (Maven's `<url>`, npm's legacy `url`) to SPDX. */
export function lookupUrl(url: string): Lookup {
  const key = urlKey(url);
  const found = URLS.get(key);
  if (found) return { ok: true, ...found };
  const byId = ID_URL.exec(key)?.[1];
  if (byId) {
    const id = canonicalLicenseId(byId) ?? canonicalLicenseId(byId.replace(/-license$/, ""));
    if (id) return { ok: true, spdx: normalizeExpression(id) ?? id, score: MAPPED };
  }
  // ".../licenses/cc0-1.0.txt": a licence page named by its SPDX id.
  const last = key.split("/").at(-1) ?? "";
  const lastId = /licen[cs]e/.test(key) ? canonicalLicenseId(last) : undefined;
  if (lastId) return { ok: true, spdx: normalizeExpression(lastId) ?? lastId, score: GUESSED };
  const gnuUrl = GNU_URL.exec(key);
  if (gnuUrl) {
    // A GNU URL names the text of one version, not whether later versions are allowed.
    const id = canonicalLicenseId(`${(gnuUrl[1] ?? "").toUpperCase()}GPL-${gnuUrl[2]}-only`);
    if (id) return { ok: true, spdx: id, score: GUESSED };
  }
  return { ok: false };
}

/**
 * Map a PyPI `License ::` classifier. `known` is false for a classifier that
 * is not on PyPI's list (a typo, or one added after our data).
 */
export function lookupClassifier(classifier: string): Lookup & { known: boolean } {
  const key = classifier
    .trim()
    .replace(/\s+/g, " ")
    .replace(/\s*::\s*/g, " :: ");
  const entry = CLASSIFIERS.get(key);
  if (entry) return { ok: true, spdx: entry.spdx, score: entry.score, known: true };
  const last = key.split(" :: ").at(-1) ?? key;
  if (entry === null) {
    const hint = AMBIGUOUS.get(nameKey(last));
    return hint ? { ok: false, hint, known: true } : { ok: false, known: true };
  }
  return { ...lookupName(last), known: false };
}

/** R's standard short names ("GPL-2", "BSD_3_clause"); undefined when `name` is not one. */
export function lookupRName(name: string): Lookup | undefined {
  const key = name.trim().toLowerCase();
  if (!R_NAMES.has(key)) return undefined;
  const spdx = R_NAMES.get(key);
  if (!spdx) return { ok: false, hint: AMBIGUOUS.get(nameKey(name)) };
  return { ok: true, spdx: normalizeExpression(spdx) ?? spdx, score: MAPPED };
}
