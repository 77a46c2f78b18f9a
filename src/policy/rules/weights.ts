/**
 * The weights' licence against what the sources allow: conflicts (no licence
 * can satisfy every source), an undeclared licence, and a declared licence
 * that breaks what is owed.
 */
import type { Group } from "../debt.ts";
import type { Finding, Obligation } from "../types.ts";
import {
  type Allowance,
  allowance,
  forbidsFurtherRestrictions,
  readWeightsLicence,
  termFailures,
} from "../weights.ts";
import {
  finding,
  listNames,
  type Rule,
  type RuleContext,
  sourceNames,
  triggered,
} from "./context.ts";

type IdGroup = Group<{ ids: string[]; on: ("distributed" | "api")[] }>;

const or = (ids: readonly string[]) => listNames(ids, 4).replace(/, ([^,]*)$/, " or $1");

interface Conflict {
  groups: Group<unknown>[];
  message: string;
}

const PRIVATE_ONLY =
  "The model may still be trained and used privately, but not distributed or served (TGPL 11b says the same); to release it, remove one side from the training data and retrain.";

function conflictsOf(a: Allowance, useRestrictions: Group<Obligation>[]): Conflict[] {
  const out: Conflict[] = [];
  const minusExcept = (ids: Iterable<string>) => [...ids].filter((id) => !a.except.has(id));
  if (a.only !== null && a.only.size === 0) {
    const O = a.onlyGroups;
    for (let i = 0; i < O.length; i++) {
      const own = minusExcept(O[i]!.value.ids);
      if (own.length === 0) {
        const ex = a.exceptGroups.filter((g) =>
          O[i]!.value.ids.some((id) => g.value.ids.includes(id)),
        );
        out.push({
          groups: [O[i]!, ...ex],
          message: `${sourceNames([O[i]!])} allow the weights only under ${or(O[i]!.value.ids)}, and ${sourceNames(ex)} cannot be part of a whole under any of them (OSADL compatibility matrix). ${PRIVATE_ONLY}`,
        });
        continue;
      }
      for (let j = i + 1; j < O.length; j++) {
        const other = new Set(O[j]!.value.ids);
        if (own.some((id) => other.has(id))) continue;
        out.push({
          groups: [O[i]!, O[j]!],
          message: `No licence for the weights satisfies both ${sourceNames([O[i]!])} (weights under ${or(O[i]!.value.ids)}) and ${sourceNames([O[j]!])} (weights under ${or(O[j]!.value.ids)}). ${PRIVATE_ONLY}`,
        });
      }
    }
    if (out.length === 0) {
      out.push({
        groups: O,
        message: `Taken together, ${sourceNames(O)} leave no licence the weights could be under. ${PRIVATE_ONLY}`,
      });
    }
  }
  for (const g of a.includeGroups) {
    if (a.only !== null) {
      if (g.value.ids.some((id) => a.only!.has(id))) continue;
      const against = a.onlyGroups.filter(
        (o) => !g.value.ids.some((id) => o.value.ids.includes(id)),
      );
      out.push({
        groups: [g, ...against],
        message: `${sourceNames([g])} require the weights' licence to carry ${or(g.value.ids)} and its use restrictions, but ${sourceNames(against)} allow the weights only under ${or(against.flatMap((o) => o.value.ids))}. ${PRIVATE_ONLY}`,
      });
    } else if (g.value.ids.every((id) => a.except.has(id))) {
      const ex = a.exceptGroups.filter((e) => g.value.ids.some((id) => e.value.ids.includes(id)));
      out.push({
        groups: [g, ...ex],
        message: `${sourceNames([g])} require the weights' licence to carry ${or(g.value.ids)}, which ${sourceNames(ex)} cannot be part of. ${PRIVATE_ONLY}`,
      });
    }
  }
  if (
    useRestrictions.length > 0 &&
    a.only !== null &&
    a.only.size > 0 &&
    [...a.only].every(forbidsFurtherRestrictions)
  ) {
    const strict = a.onlyGroups.filter((o) => o.value.ids.every(forbidsFurtherRestrictions));
    // A model licence that must be carried already conflicts above; its use restrictions say nothing new.
    if (!out.some((c) => c.groups.some((g) => a.includeGroups.includes(g as IdGroup)))) {
      out.push({
        groups: [...useRestrictions, ...strict],
        message: `${sourceNames(useRestrictions)} oblige passing use restrictions on to users, and ${sourceNames(strict)} require the weights under ${or([...a.only])}, which forbid any further restriction (TGPL 7e, GPL "no further restrictions"). ${PRIVATE_ONLY}`,
      });
    }
  }
  return out;
}

function weightGroups(ctx: RuleContext, all: boolean) {
  const pick = (m: Map<string, IdGroup>) =>
    [...m.values()].filter((g) => all || triggered(g.value.on, ctx));
  const only = pick(ctx.debt.only);
  const except = pick(ctx.debt.except);
  const includes = pick(ctx.debt.includes);
  const uses = [...ctx.debt.obligations.values()].filter(
    (g) => g.value.kind === "use-restrictions" && (all || triggered(g.value.on, ctx)),
  );
  return { a: allowance(only, except, includes), uses };
}

/** Conflicts that no release triggers now: recorded, since distributing or serving would. */
export const latentConflicts: Rule = (ctx) => {
  if (ctx.triggers.size > 0) return [];
  const { a, uses } = weightGroups(ctx, true);
  const found = conflictsOf(a, uses);
  if (found.length === 0) return [];
  return [
    finding(
      ctx,
      "latent-conflict",
      "info",
      `Not a problem while the model stays in-house, but it could never be distributed or served: ${found[0]!.message}`,
      found.flatMap((c) => c.groups),
    ),
  ];
};

export const weightsLicence: Rule = (ctx) => {
  if (ctx.triggers.size === 0) return [];
  const { a, uses } = weightGroups(ctx, false);
  const conflicts = conflictsOf(a, uses);
  if (conflicts.length > 0)
    return conflicts.map((c) =>
      finding(ctx, "weights-licence-conflict", "error", c.message, c.groups),
    );
  const constrained = a.onlyGroups.length > 0 || a.includeGroups.length > 0;
  const declared = ctx.spec.licence;
  const licence = declared?.trim().toUpperCase() === "NOASSERTION" ? null : declared;
  if (!licence) {
    if (!constrained) return [];
    const need = a.only ? or([...a.only].sort()) : or(a.includeGroups.flatMap((g) => g.value.ids));
    return [
      finding(
        ctx,
        "weights-licence-undeclared",
        "unknown",
        `The model is ${ctx.deployment.join(" and ")} but its weights' licence is not declared; ${sourceNames([...a.onlyGroups, ...a.includeGroups])} require ${need}. Declare the licence (license: in the model file or card, or --weights-license).`,
        [...a.onlyGroups, ...a.includeGroups],
      ),
    ];
  }
  if (a.onlyGroups.length === 0 && a.includeGroups.length === 0 && a.exceptGroups.length === 0)
    return [];
  const reading = readWeightsLicence(licence);
  if (!reading.ok) {
    return [
      finding(
        ctx,
        "weights-licence-invalid",
        "unknown",
        `The weights' licence cannot be read: ${reading.error}. Write it as an SPDX expression.`,
        [],
      ),
    ];
  }
  const failed = new Set<IdGroup>();
  for (const term of reading.terms) for (const g of termFailures(term, a)) failed.add(g as IdGroup);
  const out: Finding[] = [];
  for (const g of failed) {
    const kind = a.onlyGroups.includes(g)
      ? "only"
      : a.exceptGroups.includes(g)
        ? "except"
        : "includes";
    const message =
      kind === "only"
        ? `The weights are licensed under ${licence}, but ${sourceNames([g])} require them to be under ${or(g.value.ids)}${reading.terms.length > 1 ? " in every licence a recipient may choose" : ""}. Relicense the weights, or remove those sources and retrain.`
        : kind === "except"
          ? `The weights are licensed under ${licence}, which cannot include ${sourceNames([g])} (OSADL compatibility matrix: they cannot be part of a work under ${or(g.value.ids.filter((id) => licence.includes(id)))}). Choose another licence for the weights.`
          : `The weights are licensed under ${licence}, but ${sourceNames([g])} require the licence to carry ${or(g.value.ids)} with its use restrictions. License the weights under it.`;
    out.push(finding(ctx, "weights-licence-mismatch", "error", message, [g]));
  }
  return out;
};
