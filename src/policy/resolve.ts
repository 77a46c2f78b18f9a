/**
 * A model's debt from its own sources and its parents: a derived model owes
 * everything its parents owe (a merge unites them), and its parents' weights
 * licences are sources of its own. `composeDebt` does one model given its
 * parents' debts, so that a lineage of 100,000 models can be resolved in
 * topological order without recursion; `resolveModel` does a tree.
 */
import { addContribution, addUnknown, type Debt, emptyDebt, mergeDebt } from "./debt.ts";
import { licenceContributions, sourceContributions } from "./source-rule.ts";
import type { BaseSpec, Interpretation, ModelSpec, Relation } from "./types.ts";

/** Relations that add training of their own, whose data should then be declared. */
const TRAINS: ReadonlySet<Relation> = new Set(["finetune", "adapter", "distillation"]);

export function needsOwnTrainingData(spec: ModelSpec): boolean {
  const bases = spec.bases ?? [];
  return bases.length === 0 || bases.some((b) => TRAINS.has(b.relation));
}

/**
 * The debt of one model. `parentDebt` answers for each base: its debt, or
 * undefined when the base is named but not known (or sits on a cycle).
 */
export function composeDebt(
  spec: ModelSpec,
  interpretation: Interpretation,
  parentDebt: (base: BaseSpec) => Debt | undefined,
): Debt {
  const debt = emptyDebt();
  for (const s of spec.sources ?? []) {
    const origin = {
      source: s.name,
      licence: s.licence ?? null,
      model: spec.id,
      ...(s.files ? { files: s.files } : {}),
    };
    for (const c of sourceContributions(s, interpretation)) addContribution(debt, c, origin);
  }
  if (spec.sources === undefined && needsOwnTrainingData(spec)) {
    addUnknown(debt, "training-data-undeclared", `${spec.id} does not say what it was trained on`, {
      source: "(training data)",
      licence: null,
      model: spec.id,
    });
  }
  for (const base of spec.bases ?? []) {
    const parent = base.model;
    const inherited = parent ? parentDebt(base) : undefined;
    if (!parent || !inherited) {
      addUnknown(
        debt,
        "parent-unresolved",
        `${base.ref} (${base.relation} parent of ${spec.id}) is not known`,
        {
          source: base.ref,
          licence: null,
          model: spec.id,
        },
      );
      continue;
    }
    mergeDebt(debt, inherited, parent.id);
    const origin = {
      source: `${parent.id} weights`,
      licence: parent.licence ?? null,
      model: parent.id,
    };
    for (const c of licenceContributions(parent.licence, interpretation))
      addContribution(debt, c, origin);
  }
  return debt;
}

export interface Resolved {
  debt: Debt;
  /** The debt of any model in the lineage, by id: the way to a finding's lineage path. */
  debtOf: (id: string) => Debt | undefined;
}

/** Resolve a model with its parents given inline (a model file, or cards joined by `--parent`). */
export function resolveModel(spec: ModelSpec, interpretation: Interpretation): Resolved {
  const byId = new Map<string, Debt>();
  const memo = new Map<ModelSpec, Debt>();
  const visiting = new Set<ModelSpec>();
  const visit = (m: ModelSpec): Debt | undefined => {
    const known = memo.get(m);
    if (known) return known;
    if (visiting.has(m)) return undefined; // a cycle: the parent stays unresolved
    visiting.add(m);
    const debt = composeDebt(m, interpretation, (b) => (b.model ? visit(b.model) : undefined));
    visiting.delete(m);
    memo.set(m, debt);
    if (!byId.has(m.id)) byId.set(m.id, debt);
    return debt;
  };
  return { debt: visit(spec)!, debtOf: (id) => byId.get(id) };
}

/** Steps shown of a lineage path at most; a longer one is elided ("..."). */
const PATH_LIMIT = 64;

/** The lineage path from `from` up to the ancestor `to` (ids, both ends included), by each debt's `via`. */
export function pathTo(
  debtOf: (id: string) => Debt | undefined,
  from: string,
  to: string,
): string[] {
  const path = [from];
  let cur = from;
  while (cur !== to && path.length < PATH_LIMIT) {
    const next = debtOf(cur)?.via.get(to);
    if (next === undefined || next === cur) break;
    path.push(next);
    cur = next;
  }
  if (cur !== to) path.push("...", to);
  return path;
}
