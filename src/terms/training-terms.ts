/**
 * What a licence expression permits for training, from the table in
 * data/training-terms.json. A stand-in for the policy engine (DESIGN.md
 * section 3), which will own licence profiles; this file only reads the
 * table and folds an expression: OR takes the most permissive choice, AND
 * the most restrictive, and obligations of the chosen parts are united.
 */
import table from "../../data/training-terms.json" with { type: "json" };
import { type ExprNode, parseExpression } from "../detect/expression.ts";
import type { Obligation, Permission } from "./types.ts";

interface Profile {
  name: string;
  ids: string[];
  permission: Permission;
  obligations: string[];
  conditions?: string[];
  weightsLicences?: string[];
}

interface Table {
  obligations: Record<string, string>;
  conditions: Record<string, string>;
  profiles: Profile[];
  defaults: { unlisted: Permission; noLicence: Permission; reservation: Permission };
}

const PERMISSIONS: readonly Permission[] = ["allow", "conditional", "deny", "unknown"];

/** Check the table's shape; every problem is named with its path. */
export function validateTable(data: unknown): string[] {
  const errors: string[] = [];
  const t = data as Partial<Table>;
  if (typeof t !== "object" || t === null) return ["the table is not an object"];
  const obligations = t.obligations ?? {};
  const conditions = t.conditions ?? {};
  if (!Array.isArray(t.profiles)) errors.push("profiles: must be an array");
  for (const [i, p] of (t.profiles ?? []).entries()) {
    const where = `profiles[${i}] (${p.name})`;
    if (!PERMISSIONS.includes(p.permission))
      errors.push(`${where}.permission: not one of ${PERMISSIONS.join(", ")}`);
    for (const o of p.obligations ?? [])
      if (!(o in obligations)) errors.push(`${where}.obligations: unknown id ${o}`);
    for (const c of p.conditions ?? [])
      if (!(c in conditions)) errors.push(`${where}.conditions: unknown id ${c}`);
  }
  for (const k of ["unlisted", "noLicence", "reservation"] as const)
    if (!PERMISSIONS.includes(t.defaults?.[k] as Permission))
      errors.push(`defaults.${k}: not a permission`);
  return errors;
}

const TABLE = table as unknown as Table;
const byId = new Map<string, Profile>();
for (const p of TABLE.profiles) for (const id of p.ids) byId.set(id.toLowerCase(), p);

export interface TrainingTerms {
  permission: Permission;
  obligations: Obligation[];
  conditions: string[];
  /** Ids the table has no profile for (their part counts as unknown). */
  unlisted: string[];
  /** Licences the weights may be released under, when a TGPL part requires one. */
  weightsLicences?: string[];
}

/** Ranks for folding: how permissive a permission is. */
const OPENNESS: Record<Permission, number> = { allow: 3, conditional: 2, unknown: 1, deny: 0 };

/** The training terms of an SPDX expression; null expression means no licence was found. */
export function trainingTerms(expression: string | null): TrainingTerms {
  if (expression === null)
    return { permission: TABLE.defaults.noLicence, obligations: [], conditions: [], unlisted: [] };
  const parsed = parseExpression(expression);
  if (!parsed.ok)
    return {
      permission: TABLE.defaults.unlisted,
      obligations: [],
      conditions: [],
      unlisted: [expression],
    };
  const folded = fold(parsed.value);
  return {
    permission: folded.permission,
    obligations: [...folded.obligations].map((id) => ({ id, text: TABLE.obligations[id] ?? id })),
    conditions: [...folded.conditions].map((id) => TABLE.conditions[id] ?? id),
    unlisted: [...folded.unlisted],
    ...(folded.weights ? { weightsLicences: [...folded.weights] } : {}),
  };
}

interface Folded {
  permission: Permission;
  obligations: Set<string>;
  conditions: Set<string>;
  unlisted: Set<string>;
  weights?: Set<string>;
}

function fold(node: ExprNode): Folded {
  if (node.kind === "license") {
    const profile = profileOf(node.id, node.plus === true);
    if (!profile)
      return {
        permission: TABLE.defaults.unlisted,
        obligations: new Set(),
        conditions: new Set(),
        unlisted: new Set([node.id]),
      };
    const f: Folded = {
      permission: profile.permission,
      obligations: new Set(profile.obligations),
      conditions: new Set(profile.conditions ?? []),
      unlisted: new Set(),
    };
    if (profile.weightsLicences) f.weights = new Set(profile.weightsLicences);
    return f;
  }
  const a = fold(node.left);
  const b = fold(node.right);
  if (node.kind === "or") {
    // The recipient may choose: the more permissive side, and of equals the one that owes less.
    if (OPENNESS[a.permission] !== OPENNESS[b.permission])
      return OPENNESS[a.permission] > OPENNESS[b.permission] ? a : b;
    return a.obligations.size + a.conditions.size <= b.obligations.size + b.conditions.size ? a : b;
  }
  const permission = OPENNESS[a.permission] <= OPENNESS[b.permission] ? a.permission : b.permission;
  const out: Folded = {
    permission,
    obligations: new Set([...a.obligations, ...b.obligations]),
    conditions: new Set([...a.conditions, ...b.conditions]),
    unlisted: new Set([...a.unlisted, ...b.unlisted]),
  };
  // Weights must satisfy both sides: the allowed sets intersect (DESIGN.md section 3).
  if (a.weights && b.weights)
    out.weights = new Set([...a.weights].filter((w) => b.weights!.has(w)));
  else if (a.weights ?? b.weights) out.weights = new Set(a.weights ?? b.weights);
  return out;
}

function profileOf(id: string, plus: boolean): Profile | undefined {
  const lower = id.toLowerCase();
  return (
    byId.get(lower) ??
    (plus ? byId.get(`${lower}-or-later`) : undefined) ??
    // "GPL-2.0" written bare: the table lists -only and -or-later; either has the same profile.
    byId.get(`${lower}-only`) ??
    byId.get(`${lower}-or-later`)
  );
}

/** The permission an explicit reservation without a TGPL exception gives. */
export const reservationPermission = (): Permission => TABLE.defaults.reservation;

/** The obligation texts for ids, for verdicts built outside a licence expression. */
export function obligationsOf(ids: string[]): Obligation[] {
  return ids.map((id) => ({ id, text: TABLE.obligations[id] ?? id }));
}

/** The TGPL profile's obligation ids. */
export function tgplObligationIds(): string[] {
  return TABLE.profiles.find((p) => p.name === "tgpl")?.obligations ?? [];
}
