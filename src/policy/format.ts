/** A check result for people: verdict first, then what is owed, then the findings with what to do. */
import type { CheckResult, Finding } from "./types.ts";

const VERDICT_LINE: Record<CheckResult["verdict"], string> = {
  compliant: "compliant",
  violations: "VIOLATIONS",
  conflict: "CONFLICT: no weights licence can satisfy every source",
  unknown: "UNKNOWN: cannot be shown compliant",
};

function sourcesLine(f: Finding): string {
  if (f.sources.length === 0) return "";
  const names = f.sources.map((s) => (s.licence ? `${s.source} [${s.licence}]` : s.source));
  return `\n      sources: ${names.join("; ")}${f.more ? `; and ${f.more} more` : ""}`;
}

export function checkText(r: CheckResult): string {
  const out: string[] = [];
  out.push(`${r.model}: ${VERDICT_LINE[r.verdict]}`);
  out.push(
    `  weights licence: ${r.weightsLicence ?? "(not declared)"}; deployment: ${r.deployment.join(", ")}${r.deploymentAssumed ? " (assumed)" : ""}; interpretation: ${r.interpretation}; training permission: ${r.permission}`,
  );
  if (r.weights.only)
    out.push(
      `  weights must be under: ${r.weights.only.join(" or ") || "(no licence satisfies every source)"}`,
    );
  for (const inc of r.weights.includes)
    out.push(`  weights licence must carry: ${inc.join(" or ")}`);
  if (r.obligations.length > 0) {
    out.push("  obligations:");
    for (const o of r.obligations)
      out.push(
        `    ${o.kind.padEnd(19)} ${o.status}${o.triggered ? "" : ` (on ${o.on.join(", ")})`}`,
      );
  }
  if (r.findings.length > 0) {
    out.push("  findings:");
    for (const f of r.findings) {
      const path = f.path.length > 1 ? `\n      lineage: ${f.path.join(" <- ")}` : "";
      out.push(`    ${f.severity} ${f.code}: ${f.message}${sourcesLine(f)}${path}`);
    }
  }
  return `${out.join("\n")}\n`;
}
