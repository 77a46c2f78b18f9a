/**
 * `check`: what a model owes and whether it complies. Resolves the model's
 * debt (its sources and its ancestors'), runs the rule functions over it, and
 * returns obligations, findings and a verdict. The other interpretation is
 * checked too, and a differing verdict is said, never hidden.
 */
import type { Debt } from "./debt.ts";
import { type Resolved, resolveModel } from "./resolve.ts";
import type { Rule, RuleContext } from "./rules/context.ts";
import { deploymentAssumed, internalUse, licenceNotes } from "./rules/deployment.ts";
import { nonCommercial, noDerivatives } from "./rules/conditions.ts";
import { obligations, owed } from "./rules/obligations.ts";
import { deniedSources, unknownSources } from "./rules/permission.ts";
import { latentConflicts, weightsLicence } from "./rules/weights.ts";
import type {
  CheckResult,
  Deployment,
  Finding,
  Interpretation,
  ModelSpec,
  Permission,
  Severity,
  Trigger,
  Verdict,
  WeightsAllowance,
} from "./types.ts";
import { allowance } from "./weights.ts";

/** Every rule, in the order their findings are most useful to read. */
export const RULES: readonly Rule[] = [
  deniedSources,
  weightsLicence,
  latentConflicts,
  nonCommercial,
  noDerivatives,
  obligations,
  unknownSources,
  deploymentAssumed,
  internalUse,
  licenceNotes,
];

export interface CheckOptions {
  interpretation?: Interpretation;
  /** Also check under the other interpretation and say when the verdict differs (default true). */
  compare?: boolean;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, unknown: 1, warning: 2, info: 3 };

export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.code === "weights-licence-conflict" && f.severity === "error"))
    return "conflict";
  if (findings.some((f) => f.severity === "error")) return "violations";
  if (findings.some((f) => f.severity === "unknown")) return "unknown";
  return "compliant";
}

export function permissionOf(debt: Debt): Permission {
  if (debt.denies.size > 0) return "deny";
  if (debt.unknowns.size > 0) return "unknown";
  return debt.conditional ? "conditional" : "allow";
}

function weightsAllowance(debt: Debt): WeightsAllowance {
  const a = allowance(
    [...debt.only.values()],
    [...debt.except.values()],
    [...debt.includes.values()],
  );
  return {
    only: a.only ? [...a.only].sort() : null,
    except: [...a.except].sort(),
    includes: [...new Set([...debt.includes.values()].map((g) => g.value.ids.join("\u0000")))].map(
      (k) => k.split("\u0000"),
    ),
  };
}

/** Check a model whose debt is already resolved (the lineage command resolves many at once). */
export function checkResolved(
  spec: ModelSpec,
  resolved: Resolved,
  interpretation: Interpretation,
): CheckResult {
  const deploymentAssumed = spec.deployment === undefined || spec.deployment.length === 0;
  const deployment: Deployment[] = deploymentAssumed
    ? ["distributed"]
    : [...new Set(spec.deployment)];
  const triggers = new Set(deployment.filter((d): d is Trigger => d !== "internal"));
  const ctx: RuleContext = {
    spec,
    debt: resolved.debt,
    interpretation,
    deployment,
    deploymentAssumed,
    triggers,
    debtOf: resolved.debtOf,
  };
  const findings = RULES.flatMap((rule) => rule(ctx));
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  return {
    model: spec.id,
    interpretation,
    deployment,
    deploymentAssumed,
    weightsLicence: spec.licence ?? null,
    permission: permissionOf(resolved.debt),
    weights: weightsAllowance(resolved.debt),
    obligations: owed(ctx).map((o) => o.owed),
    findings,
    verdict: verdictOf(findings),
  };
}

/**
 * What a model owes and whether it complies.
 * @example
 *   check({ id: "me/m", licence: "MIT", deployment: ["distributed"],
 *           sources: [{ name: "lib", licence: "LicenseRef-TGPL-1.0" }] }).verdict // "violations"
 */
export function check(spec: ModelSpec, options: CheckOptions = {}): CheckResult {
  const interpretation = options.interpretation ?? "standard";
  const result = checkResolved(spec, resolveModel(spec, interpretation), interpretation);
  if (options.compare === false) return result;
  const otherName: Interpretation = interpretation === "standard" ? "conservative" : "standard";
  const other = checkResolved(spec, resolveModel(spec, otherName), otherName);
  if (other.verdict !== result.verdict) {
    const codes = [
      ...new Set(
        other.findings
          .filter((f) => f.severity === "error" || f.severity === "unknown")
          .map((f) => f.code),
      ),
    ];
    result.findings.push({
      code: "interpretation-differs",
      severity: "info",
      message: `Under the ${otherName} interpretation the verdict would be ${other.verdict}${codes.length ? ` (${codes.join(", ")})` : ""}. Where the law is unsettled (does copyleft or share-alike reach the weights? do restrictive terms permit training?) the answer depends on the reading: choose it with --interpretation standard|conservative.`,
      sources: [],
      path: [spec.id],
    });
    result.otherInterpretation = { interpretation: otherName, verdict: other.verdict };
  }
  return result;
}
