/**
 * Hugging Face licence identifiers (the `license` of model and dataset cards)
 * to SPDX ids and our LicenseRef ids, from data/policy/hf-licences.json.
 */
import { createRequire } from "node:module";
import { normalizeExpression } from "../detect/expression.ts";

const require = createRequire(import.meta.url);
const data = require("../../data/policy/hf-licences.json") as {
  ids: Record<string, string>;
  names: Record<string, string>;
};

export interface HfLicence {
  /** SPDX expression, or null when the card states none. */
  expression: string | null;
  /** What could not be mapped, for a warning. */
  unmapped?: string;
}

const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");

/**
 * Read a card's licence fields. `license: other` defers to `license_name`; an
 * unknown name becomes a LicenseRef (which no profile knows, so it shows as unknown).
 */
export function hfLicence(license: unknown, licenseName?: unknown): HfLicence {
  const one = (v: string): HfLicence => {
    const key = slug(v);
    if (key === "unknown" || key === "") return { expression: null };
    if (key === "other") {
      if (typeof licenseName === "string" && licenseName.trim() !== "") {
        const named = data.names[slug(licenseName)] ?? data.ids[slug(licenseName)];
        if (named) return { expression: named };
        const ref = `LicenseRef-${licenseName.trim().replace(/[^A-Za-z0-9.-]+/g, "-")}`;
        return { expression: ref, unmapped: `license_name ${JSON.stringify(licenseName)}` };
      }
      return { expression: "LicenseRef-other", unmapped: "license: other with no license_name" };
    }
    const mapped = data.ids[key];
    if (mapped) return { expression: mapped };
    const spdx = normalizeExpression(v);
    if (spdx) return { expression: spdx };
    return {
      expression: `LicenseRef-${v.trim().replace(/[^A-Za-z0-9.-]+/g, "-")}`,
      unmapped: `license ${JSON.stringify(v)}`,
    };
  };
  if (typeof license === "string") return one(license);
  if (Array.isArray(license)) {
    // A list of licences on a card means the content is under all of them (parts differ); AND is the safe reading.
    const parts = license.filter((x): x is string => typeof x === "string").map(one);
    const exprs = parts.map((p) => p.expression).filter((e): e is string => e !== null);
    const unmapped = parts
      .map((p) => p.unmapped)
      .filter(Boolean)
      .join("; ");
    if (exprs.length === 0) return { expression: null };
    const expression =
      exprs.length === 1
        ? exprs[0]!
        : exprs.map((e) => (/\s/.test(e) ? `(${e})` : e)).join(" AND ");
    return unmapped ? { expression, unmapped } : { expression };
  }
  return { expression: null };
}

/** A licence as a user writes it in a model file: an SPDX expression, or a Hub id such as `llama3.1`. */
export function licenceFromText(text: string): string {
  const key = slug(text);
  return data.ids[key] ?? data.names[key] ?? normalizeExpression(text) ?? text.trim();
}
