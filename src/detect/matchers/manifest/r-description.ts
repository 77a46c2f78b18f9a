/**
 * An R package's DESCRIPTION: the `License:` field in R's own syntax
 * (Writing R Extensions, "Licensing"): `|` separates alternatives, a name
 * may carry a version constraint ("GPL (>= 2)"), and "+ file LICENSE" adds
 * the terms of that file (for R's MIT and BSD templates, the copyright
 * holder; for other licences, possibly restrictions).
 */
import { normalizeExpression } from "../../expression.ts";
import { fieldText, parseDcf } from "./dcf.ts";
import {
  type Found,
  fieldMatch,
  joinResolved,
  MAPPED,
  quote,
  type Reader,
  type Resolution,
  resolveDeclared,
} from "./declared.ts";
import { lookupName, lookupRName } from "./names.ts";

const FILE = "DESCRIPTION";

export const readRDescription: Reader = (text, warn) => {
  const paragraph = parseDcf(text)[0];
  const field = paragraph?.fields.get("license");
  if (!field) return [];
  const value = fieldText(field).replace(/\s+/g, " ");
  const where = `${FILE} line ${field.lines[0]}: License`;
  const found: Found[] = [];
  for (const part of value.split("|").map((p) => p.trim())) {
    const onlyFile = /^file\s+(\S+)$/i.exec(part);
    if (onlyFile) {
      warn(
        `${where} ${quote(value)} offers terms in file ${onlyFile[1]}, which is not an SPDX licence; ` +
          `scan ${onlyFile[1]} to detect them`,
      );
      continue;
    }
    const plusFile = /^(.*?)\s*\+\s*file\s+(\S+)$/i.exec(part);
    const name = plusFile ? plusFile[1]! : part;
    const resolved = resolveR(name);
    if (!resolved.ok) {
      warn(`${where} ${quote(name)} ${resolved.problem}`);
      continue;
    }
    if (plusFile) {
      warn(
        `${where} ${quote(part)}: file ${plusFile[2]} adds to ${resolved.spdx} (a copyright holder, ` +
          `or further terms); ${resolved.spdx} is recorded, read ${plusFile[2]} for the rest`,
      );
    }
    found.push({
      spdx: resolved.spdx,
      score: plusFile ? Math.min(resolved.score, MAPPED) : resolved.score,
    });
  }
  const joined = joinResolved(found, "OR", 1);
  return joined ? [fieldMatch(joined, field.lines)] : [];
};

const CONSTRAINT = /^(.+?)\s*\(\s*(>=|==)?\s*v?(\d+(?:\.\d+)*)\s*\)$/;

/** One R licence component: a standard short name, "Name (>= v)", or an SPDX id or licence name. */
export function resolveR(component: string): Resolution {
  const short = lookupRName(component);
  if (short?.ok) return short;
  if (short) {
    return {
      ok: false,
      problem: `has no SPDX id${short.hint ? ` (write ${short.hint})` : ""}`,
    };
  }
  const constrained = CONSTRAINT.exec(component);
  if (constrained) {
    const [, name, op, version] = constrained;
    const base = lookupName(`${name} ${version}`);
    if (!base.ok) {
      return {
        ok: false,
        problem:
          "names no licence and version tgpl can map to SPDX; write an SPDX id such as GPL-2.0-or-later",
      };
    }
    if (op !== ">=") return { ok: true, spdx: base.spdx, score: MAPPED };
    const later = base.spdx.endsWith("-only")
      ? base.spdx.replace(/-only$/, "-or-later")
      : normalizeExpression(`${base.spdx}+`);
    if (later && normalizeExpression(later)) return { ok: true, spdx: later, score: MAPPED };
  }
  if (/\(.*\)/.test(component)) {
    return {
      ok: false,
      problem:
        "has a version constraint tgpl does not read (only >= and == are); write an SPDX expression",
    };
  }
  return resolveDeclared(component);
}
