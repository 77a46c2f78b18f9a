/**
 * A model's debt: everything its training sources and ancestors ask of it,
 * grouped by what is asked (the same requirement from a thousand files is one
 * group) and remembering where each came from. Sources combine by union;
 * checking the union against the model is the rules' job (rules/*.ts).
 */
import type { Contribution, UnknownCode } from "./source-rule.ts";
import type { Obligation, Origin, Trigger } from "./types.ts";

/** Origins kept per group; the rest are counted, so that large lineages stay small. */
export const MAX_ORIGINS = 8;

export interface Group<T> {
  value: T;
  origins: Origin[];
  more: number;
}

export type DebtUnknownCode = UnknownCode | "training-data-undeclared" | "parent-unresolved";

export interface Debt {
  conditional: boolean;
  /**
   * For each model an origin names: the parent through which it came. Following
   * these gives a finding's lineage path in steps of O(1), even in a lineage of
   * 100,000 models.
   */
  via: Map<string, string>;
  denies: Map<string, Group<{ reason: string }>>;
  unknowns: Map<string, Group<{ code: DebtUnknownCode; detail: string }>>;
  only: Map<string, Group<{ ids: string[]; on: Trigger[] }>>;
  except: Map<string, Group<{ ids: string[]; on: Trigger[] }>>;
  includes: Map<string, Group<{ ids: string[]; on: Trigger[] }>>;
  obligations: Map<string, Group<Obligation>>;
  nonCommercial: Map<string, Group<{ licence: string }>>;
  noDistribution: Map<string, Group<{ on: Trigger[] }>>;
  notes: Map<string, Group<{ licence: string; note: string }>>;
}

export const emptyDebt = (): Debt => ({
  conditional: false,
  via: new Map(),
  denies: new Map(),
  unknowns: new Map(),
  only: new Map(),
  except: new Map(),
  includes: new Map(),
  obligations: new Map(),
  nonCommercial: new Map(),
  noDistribution: new Map(),
  notes: new Map(),
});

type GroupMaps = Exclude<keyof Debt, "conditional" | "via">;
const MAPS: readonly GroupMaps[] = [
  "denies",
  "unknowns",
  "only",
  "except",
  "includes",
  "obligations",
  "nonCommercial",
  "noDistribution",
  "notes",
];

function add<T>(
  map: Map<string, Group<T>>,
  key: string,
  value: T,
  origins: Origin[],
  more: number,
) {
  const g = map.get(key);
  if (!g) {
    map.set(key, {
      value,
      origins: origins.slice(0, MAX_ORIGINS),
      more: more + Math.max(0, origins.length - MAX_ORIGINS),
    });
    return;
  }
  for (const o of origins) {
    if (g.origins.length < MAX_ORIGINS) {
      if (!g.origins.some((x) => x.source === o.source && x.model === o.model)) g.origins.push(o);
    } else g.more++;
  }
  g.more += more;
}

/**
 * Add everything `from` owes to `into` (a merge, or a child inheriting from a
 * parent); `through` is that parent's id, remembered as the way to every model
 * its debt names.
 */
export function mergeDebt(into: Debt, from: Debt, through?: string): void {
  into.conditional ||= from.conditional;
  for (const name of MAPS) {
    const target = into[name] as Map<string, Group<unknown>>;
    for (const [key, g] of from[name] as Map<string, Group<unknown>>) {
      add(target, key, g.value, g.origins, g.more);
      if (through !== undefined)
        for (const o of g.origins) if (!into.via.has(o.model)) into.via.set(o.model, through);
    }
  }
  if (through !== undefined && !into.via.has(through)) into.via.set(through, through);
}

const onKey = (on: Trigger[]) => [...on].sort().join(",");

/** Record what one source contributes. */
export function addContribution(debt: Debt, c: Contribution, origin: Origin): void {
  if (c.kind === "deny") {
    add(debt.denies, `deny:${c.reason}`, { reason: c.reason }, [origin], 0);
    return;
  }
  if (c.kind === "unknown") {
    add(
      debt.unknowns,
      `${c.code}:${c.licence ?? ""}`,
      { code: c.code, detail: c.detail },
      [origin],
      0,
    );
    return;
  }
  const r = c.rule;
  if (r.permission === "conditional") debt.conditional = true;
  if (r.weights) {
    const on = r.weights.on;
    if ("only" in r.weights) {
      const ids = r.weights.only;
      add(debt.only, `${ids.join(" ")}|${onKey(on)}`, { ids, on }, [origin], 0);
    } else if ("except" in r.weights) {
      const ids = r.weights.except;
      add(debt.except, `${ids.join(" ")}|${onKey(on)}`, { ids, on }, [origin], 0);
    } else {
      const ids = r.weights.includes;
      add(debt.includes, `${ids.join(" ")}|${onKey(on)}`, { ids, on }, [origin], 0);
    }
  }
  if (r.nonCommercial) add(debt.nonCommercial, c.licence, { licence: c.licence }, [origin], 0);
  if (r.noDistribution)
    add(
      debt.noDistribution,
      `${c.licence}|${onKey(r.noDistribution.on)}`,
      r.noDistribution,
      [origin],
      0,
    );
  for (const o of r.obligations ?? [])
    add(debt.obligations, `${o.kind}|${onKey(o.on)}`, o, [origin], 0);
  if (c.note) add(debt.notes, c.licence, { licence: c.licence, note: c.note }, [origin], 0);
}

/** Record an unknown that is not about a licence: undeclared data, an unknown parent. */
export function addUnknown(
  debt: Debt,
  code: DebtUnknownCode,
  detail: string,
  origin: Origin,
): void {
  add(debt.unknowns, `${code}:${origin.model}:${origin.source}`, { code, detail }, [origin], 0);
}
