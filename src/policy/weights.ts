/**
 * The licence of the weights, as sets: which licences every source allows
 * (copyleft: only these; a permissive work some copyleft wholes cannot take:
 * anything except these; a use-restricted model licence: must be carried), and
 * whether a declared weights licence satisfies them. A licence expression on
 * the weights is read as its recipients read it: every OR branch is a licence
 * they may pick, so every branch must satisfy the sources.
 */
import { type ExprNode, parseExpression } from "../detect/expression.ts";
import type { Group } from "./debt.ts";
import { licenceProfile } from "./profiles.ts";

export interface Allowance {
  /** null: no copyleft source, any licence not excluded. */
  only: Set<string> | null;
  except: Set<string>;
  onlyGroups: Group<{ ids: string[] }>[];
  exceptGroups: Group<{ ids: string[] }>[];
  includeGroups: Group<{ ids: string[] }>[];
}

export function allowance(
  only: Group<{ ids: string[] }>[],
  except: Group<{ ids: string[] }>[],
  includes: Group<{ ids: string[] }>[],
): Allowance {
  const ex = new Set(except.flatMap((g) => g.value.ids));
  let set: Set<string> | null = null;
  if (only.length > 0) {
    const [first, ...rest] = only.map((g) => new Set(g.value.ids));
    set = new Set([...first!].filter((id) => !ex.has(id) && rest.every((r) => r.has(id))));
  }
  return { only: set, except: ex, onlyGroups: only, exceptGroups: except, includeGroups: includes };
}

/** Copyleft that forbids further restrictions on recipients (GPL 7/10, TGPL 7e). */
export const forbidsFurtherRestrictions = (id: string): boolean =>
  licenceProfile(id.split(" WITH ")[0]!)?.forbidsFurtherRestrictions === true;

const termId = (n: Extract<ExprNode, { kind: "license" }>) => n.id;

/** Disjunctive normal form: each term is the set of licences one recipient's choice binds them to. */
export function dnf(node: ExprNode, limit = 256): string[][] {
  if (node.kind === "license") return [[termId(node)]];
  const l = dnf(node.left, limit);
  const r = dnf(node.right, limit);
  if (node.kind === "or") return [...l, ...r].slice(0, limit);
  const out: string[][] = [];
  for (const a of l)
    for (const b of r) if (out.length < limit) out.push([...new Set([...a, ...b])]);
  return out;
}

export type WeightsReading = { ok: true; terms: string[][] } | { ok: false; error: string };

const readings = new Map<string, WeightsReading>();

/** The choices a weights licence gives its recipients; memoised, as a lineage repeats a few licences. */
export function readWeightsLicence(expression: string): WeightsReading {
  const hit = readings.get(expression);
  if (hit) return hit;
  let reading: WeightsReading;
  // NONE grants nothing: a licence of its own kind, which no copyleft source allows.
  if (expression.trim().toUpperCase() === "NONE") reading = { ok: true, terms: [["NONE"]] };
  else {
    const parsed = parseExpression(expression);
    reading = parsed.ok
      ? { ok: true, terms: dnf(parsed.value) }
      : { ok: false, error: parsed.error };
  }
  if (readings.size > 10_000) readings.clear();
  readings.set(expression, reading);
  return reading;
}

/** Why one term (one recipient's choice) fails the allowance: the groups it breaks. */
export function termFailures(term: string[], a: Allowance): Group<{ ids: string[] }>[] {
  const failed: Group<{ ids: string[] }>[] = [];
  for (const g of a.onlyGroups) {
    const ok = new Set(g.value.ids);
    if (term.some((id) => !ok.has(id))) failed.push(g);
  }
  for (const g of a.exceptGroups) if (term.some((id) => g.value.ids.includes(id))) failed.push(g);
  for (const g of a.includeGroups) if (!term.some((id) => g.value.ids.includes(id))) failed.push(g);
  return failed;
}
