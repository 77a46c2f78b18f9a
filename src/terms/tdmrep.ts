/**
 * The W3C TDM Reservation Protocol (TDMRep, Community Group final report,
 * 2024-05-10): `/.well-known/tdmrep.json`, the `tdm-reservation` and
 * `tdm-policy` response headers, and the same two names as HTML `<meta>`.
 *
 * Protocol rules kept here: in tdmrep.json the first rule whose location
 * matches wins (rule order, not length, decides); `tdm-reservation` other than
 * 0 or 1 is a protocol error that leaves it unset; headers supersede the file
 * and `<meta>` supersedes both.
 */
import { compilePattern, matches, type PathPattern } from "./path-match.ts";

export type Reservation = 0 | 1;

export interface TdmRule {
  location: PathPattern;
  reservation: Reservation | null;
  policy?: string;
  /** 0-based position in the file: the first match wins. */
  index: number;
}

export interface TdmFile {
  rules: TdmRule[];
  /** Problems: the file or a rule that could not be used, and why. */
  errors: string[];
}

/** Parse tdmrep.json text. A broken file yields no rules and says why. */
export function parseTdmrepJson(text: string): TdmFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return {
      rules: [],
      errors: [`tdmrep.json is not JSON (${(e as Error).message}); it is treated as absent`],
    };
  }
  if (!Array.isArray(data)) {
    return {
      rules: [],
      errors: [
        "tdmrep.json must be a JSON array of rules (with brackets even for one rule); it is treated as absent",
      ],
    };
  }
  const rules: TdmRule[] = [];
  const errors: string[] = [];
  for (const [index, entry] of data.entries()) {
    if (typeof entry !== "object" || entry === null) {
      errors.push(`rule ${index}: not an object, ignored`);
      continue;
    }
    const e = entry as Record<string, unknown>;
    let location = e.location;
    if (typeof location !== "string" || location === "") {
      errors.push(`rule ${index}: "location" is missing, ignored`);
      continue;
    }
    if (/^https?:\/\//i.test(location)) {
      // Seen in the wild: a full URL where a path pattern belongs.
      try {
        location = new URL(location).pathname;
        errors.push(`rule ${index}: "location" is a URL, read as its path ${location}`);
      } catch {
        errors.push(`rule ${index}: "location" is not a path, ignored`);
        continue;
      }
    }
    const reservation = reservationOf(e["tdm-reservation"]);
    if (reservation === null)
      errors.push(
        `rule ${index}: "tdm-reservation" must be 0 or 1, got ${JSON.stringify(e["tdm-reservation"])}; treated as unset`,
      );
    const rule: TdmRule = { location: compilePattern(location as string), reservation, index };
    if (typeof e["tdm-policy"] === "string" && e["tdm-policy"] !== "")
      rule.policy = e["tdm-policy"];
    rules.push(rule);
  }
  return { rules, errors };
}

/** A value of `tdm-reservation` as written in JSON, a header or a meta tag. */
export function reservationOf(value: unknown): Reservation | null {
  if (value === 0 || value === 1) return value;
  if (typeof value === "string" && /^\s*[01]\s*$/.test(value))
    return Number(value.trim()) as Reservation;
  return null;
}

/** The rule that governs a (normalised) path: the first that matches. */
export function tdmRuleFor(file: TdmFile, path: string): TdmRule | null {
  return file.rules.find((r) => matches(r.location, path)) ?? null;
}

/** A declaration as the protocol's three techniques leave it. */
export interface TdmDeclaration {
  reservation: Reservation | null;
  policy?: string;
  /** Which technique decided: the last one that set a value. */
  from: "file" | "header" | "meta" | null;
}

/** Apply the processing priority: file, then headers, then meta; each later one that is set supersedes. */
export function declare(
  file: { reservation: Reservation | null; policy?: string } | null,
  header: { reservation: Reservation | null; policy?: string } | null,
  meta: { reservation: Reservation | null; policy?: string } | null,
): TdmDeclaration {
  let out: TdmDeclaration = { reservation: null, from: null };
  for (const [from, d] of [
    ["file", file],
    ["header", header],
    ["meta", meta],
  ] as const) {
    if (!d || d.reservation === null) continue;
    out = { reservation: d.reservation, from };
    if (d.policy) out.policy = d.policy;
  }
  return out;
}
