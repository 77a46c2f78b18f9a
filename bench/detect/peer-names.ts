/**
 * What each peer prints → SPDX. licensecheck prints SPDX ids where its
 * `--shortname-scheme=spdx` knows one and Debian short names otherwise
 * (`GPL-2`, `Expat`, `BSD-3-clause`); licensee prints choosealicense.com's
 * `spdx-id`, which still uses ids SPDX has since deprecated (`GPL-2.0`).
 *
 * An answer is a list of alternative SPDX expressions: one for most answers,
 * two for licensecheck's `A and/or B`, which says that both were found but not
 * how they combine, so both `A AND B` and `A OR B` count as what it said.
 */
import { normalizeExpression } from "../../src/detect/expression.ts";
import { debianToSpdx } from "./debian-names.ts";

/** A peer's answer for one file, mapped to SPDX. */
export interface PeerAnswer {
  /** Alternative SPDX expressions the raw answer stands for; empty when there was no answer. */
  spdx: string[];
  /** The text the tool printed, for the report. */
  raw: string;
  /** Set when the tool answered but with a name that has no SPDX equivalent here. */
  unmapped?: true;
}

/*
 * licensecheck's own variant names (`MIT~old`, `BSD-3-clause~Eclipse`) have
 * no SPDX id and are not mapped: they stay answers that match no label.
 */
const NO_ANSWER = new Set(["", "unknown", "noassertion", "other", "none", "null"]);

/** One licensecheck name (no `and/or`) → SPDX, or null. */
function licensecheckName(name: string): string | null {
  const trimmed = name.trim();
  // licensecheck marks notices it saw inside generated files, copyright-only
  // hits and similar; the licence name is what follows.
  const cleaned = trimmed.replace(/^\*[^*]*\*\s*/, "");
  if (NO_ANSWER.has(cleaned.toLowerCase())) return null;
  return debianToSpdx(cleaned) ?? normalizeExpression(cleaned);
}

/** Map one line of `licensecheck --machine --shortname-scheme=spdx` output. */
export function fromLicensecheck(raw: string): PeerAnswer {
  const text = raw.trim();
  const bare = text.replace(/^\*[^*]*\*\s*/, "");
  if (NO_ANSWER.has(bare.toLowerCase())) return { spdx: [], raw };
  const parts = bare.split(/\s+and\/or\s+/i);
  const mapped = parts.map(licensecheckName);
  if (mapped.some((m) => m === null)) return { spdx: [], raw, unmapped: true };
  const wrap = (e: string) => (/ (AND|OR) /.test(e) ? `(${e})` : e);
  if (mapped.length === 1) return { spdx: [mapped[0]!], raw };
  const alternatives = ["AND", "OR"]
    .map((op) => normalizeExpression(mapped.map((m) => wrap(m!)).join(` ${op} `)))
    .filter((e): e is string => e !== null);
  return { spdx: alternatives, raw };
}

/** Map licensee's `matched_license` (an SPDX id from choosealicense.com). */
export function fromLicensee(raw: string | null): PeerAnswer {
  const text = (raw ?? "").trim();
  if (NO_ANSWER.has(text.toLowerCase())) return { spdx: [], raw: text };
  const spdx = normalizeExpression(text);
  return spdx ? { spdx: [spdx], raw: text } : { spdx: [], raw: text, unmapped: true };
}

/** tgpl already answers in SPDX; only its formatting is normalised. */
export function fromTgpl(expression: string | null): PeerAnswer {
  if (expression === null) return { spdx: [], raw: "" };
  const spdx = normalizeExpression(expression);
  return spdx ? { spdx: [spdx], raw: expression } : { spdx: [], raw: expression, unmapped: true };
}
