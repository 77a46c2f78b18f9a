/** What every rule function reads, and how it turns groups of a debt into a finding. */
import { type Debt, type Group, MAX_ORIGINS } from "../debt.ts";
import { pathTo } from "../resolve.ts";
import type {
  Deployment,
  Finding,
  Interpretation,
  ModelSpec,
  Origin,
  Severity,
  Trigger,
} from "../types.ts";

export interface RuleContext {
  spec: ModelSpec;
  debt: Debt;
  interpretation: Interpretation;
  deployment: Deployment[];
  deploymentAssumed: boolean;
  /** The deployments that trigger obligations (internal triggers none). */
  triggers: ReadonlySet<Trigger>;
  debtOf: (id: string) => Debt | undefined;
}

/** A rule: pure, small, one concern; findings as values. */
export type Rule = (ctx: RuleContext) => Finding[];

export const triggered = (on: readonly Trigger[], ctx: RuleContext): boolean =>
  on.some((t) => ctx.triggers.has(t));

export function finding(
  ctx: RuleContext,
  code: string,
  severity: Severity,
  message: string,
  groups: readonly Group<unknown>[],
  extra: Partial<Finding> = {},
): Finding {
  const sources: Origin[] = [];
  let more = 0;
  for (const g of groups) {
    for (const o of g.origins) {
      if (sources.some((s) => s.source === o.source && s.model === o.model)) continue;
      if (sources.length < MAX_ORIGINS) sources.push(o);
      else more++;
    }
    more += g.more;
  }
  // The path leads to the ancestor furthest from the model among the sources, which shows the inheritance.
  let path = [ctx.spec.id];
  for (const s of sources) {
    if (s.model === ctx.spec.id) continue;
    const p = pathTo(ctx.debtOf, ctx.spec.id, s.model);
    if (p.length > path.length) path = p;
  }
  return { code, severity, message, sources, ...(more > 0 ? { more } : {}), path, ...extra };
}

/** "a, b and 3 more" for messages. */
export function listNames(names: readonly string[], max = 3): string {
  const unique = [...new Set(names)];
  if (unique.length <= max) return unique.join(", ");
  return `${unique.slice(0, max).join(", ")} and ${unique.length - max} more`;
}

export const sourceNames = (groups: readonly Group<unknown>[]): string =>
  listNames(
    groups.flatMap((g) =>
      g.origins.map((o) => (o.licence ? `${o.source} (${o.licence})` : o.source)),
    ),
  );
