/**
 * Spawning's ai.txt: robots.txt syntax, read as what AI training may use
 * (`Disallow: *.jpg`, `Disallow: /`). The format has no way to say "allowed
 * on conditions", so the TGPL version disallows and adds two records that
 * name the licence and its offer; robots-style readers ignore records they do
 * not know, so a generic reader sees a reservation, a TGPL-aware one the offer.
 */
import { compilePattern, decidingRule, type PathPattern } from "./path-match.ts";

export interface AiTxt {
  /** Rules of the groups for `*` and for the given crawler, merged. */
  rules: { allow: boolean; pattern: PathPattern; line: number; raw: string }[];
  /** `License:` record: an SPDX expression for the site's content. */
  licence?: { value: string; line: number };
  /** `Policy:` record: where the machine-readable offer is. */
  policy?: string;
  warnings: string[];
}

/** Parse ai.txt for one crawler (its group if present, else `*`). */
export function parseAiTxt(text: string, productToken = "*"): AiTxt {
  const out: AiTxt = { rules: [], warnings: [] };
  type Group = { agents: string[]; rules: AiTxt["rules"] };
  const groups: Group[] = [];
  let current: Group | null = null;
  let inRules = false;
  for (const [i, raw] of text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      out.warnings.push(`line ${i + 1}: not a "key: value" record, ignored`);
      continue;
    }
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === "user-agent") {
      if (!current || inRules) {
        current = { agents: [], rules: [] };
        groups.push(current);
        inRules = false;
      }
      current.agents.push(value.toLowerCase());
    } else if (key === "allow" || key === "disallow") {
      if (!current) {
        out.warnings.push(`line ${i + 1}: ${key} before any user-agent, ignored`);
        continue;
      }
      inRules = true;
      if (value === "") continue;
      // Spawning's generator writes "Disallow: *.jpg": a leading * already matches anywhere.
      current.rules.push({
        allow: key === "allow",
        pattern: compilePattern(value),
        line: i + 1,
        raw: line,
      });
    } else if (key === "license" || key === "licence") {
      out.licence = { value, line: i + 1 };
    } else if (key === "policy") {
      out.policy = value;
    }
  }
  const token = productToken.toLowerCase();
  let chosen = groups.filter((g) => g.agents.includes(token));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes("*"));
  out.rules = chosen.flatMap((g) => g.rules);
  return out;
}

/**
 * Whether training may use a path: longest matching rule, allow on a tie,
 * no rule means nothing is said (null).
 */
export function aiTxtAllows(ai: AiTxt, path: string): { allowed: boolean | null; raw?: string } {
  const best = decidingRule(ai.rules, path);
  return best ? { allowed: best.allow, raw: best.raw } : { allowed: null };
}

/** The ai.txt `terms init` writes. */
export function tgplAiTxt(licence: string, policyUrl: string, licenceUrl: string): string {
  return [
    "# ai.txt (Spawning format): what AI training may use from this site.",
    `# The content here is licensed under the Training GPL (${licence}).`,
    "# Training is reserved below, and permitted only under that licence:",
    "# a model trained on this content must be released with its weights,",
    "# its Corresponding Model Source and its Training Data Information.",
    `# Licence text: ${licenceUrl}`,
    `# Machine-readable offer (ODRL, TDMRep profile): ${policyUrl}`,
    "User-Agent: *",
    "Disallow: /",
    `License: ${licence}`,
    `Policy: ${policyUrl}`,
    "",
  ].join("\n");
}
