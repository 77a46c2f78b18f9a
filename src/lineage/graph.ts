/**
 * The genealogy of many models: nodes from their cards and BOMs, edges to
 * their parents (found among the given documents, or named and left open),
 * obligations propagated from ancestors to descendants, and every model whose
 * published licence breaks what it inherits marked. Cycles and missing
 * parents are reported, not fatal. One iterative depth-first pass orders
 * parents before children, so 100,000 models resolve without deep recursion.
 */
import { checkResolved } from "../policy/check.ts";
import type { Debt } from "../policy/debt.ts";
import { composeDebt } from "../policy/resolve.ts";
import type {
  Finding,
  Interpretation,
  ModelSpec,
  ObligationKind,
  Permission,
  Relation,
  Verdict,
  WeightsAllowance,
} from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";
import { indexDocs, keyOf, withDatasetLicences } from "./join.ts";

export interface LineageEdge {
  child: string;
  parent: string;
  relation: Relation;
}

export interface LineageNode {
  id: string;
  /** Named as a parent but described by no given document. */
  open: boolean;
  licence: string | null;
  verdict: Verdict;
  /** Its published licence breaks what it inherits (a mismatch or a conflict). */
  breaks: boolean;
  permission: Permission;
  weights: WeightsAllowance | null;
  /** Obligations owed under its deployment (or, if none is triggered, that a release would trigger). */
  owes: ObligationKind[];
  findings: Finding[];
}

export interface LineageResult {
  interpretation: Interpretation;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Each cycle as the ids along it, first id repeated at the end. */
  cycles: string[][];
  /** Parents named but not given, with the children that name them. */
  missing: { id: string; children: string[] }[];
  summary: { models: number; open: number; breaks: number; cycles: number } & Record<
    Verdict,
    number
  >;
}

const BREAKING = new Set(["weights-licence-mismatch", "weights-licence-conflict"]);

/** Every model the documents describe, inline parents included; the first description of an id wins. */
function collect(docs: readonly ModelDoc[]): Map<string, ModelSpec> {
  const specs = new Map<string, ModelSpec>();
  const stack: ModelSpec[] = [];
  for (const d of docs) if (d.kind === "model") stack.push(d.spec);
  // Documents first, in order; then the parents they describe inline.
  const queue: ModelSpec[] = [...stack];
  for (let i = 0; i < queue.length; i++) {
    const m = queue[i]!;
    const key = keyOf(m.id);
    if (specs.has(key)) continue;
    specs.set(key, m);
    for (const b of m.bases ?? []) if (b.model) queue.push(b.model);
  }
  return specs;
}

export interface LineageOptions {
  interpretation?: Interpretation;
}

export function buildLineage(
  docs: readonly ModelDoc[],
  options: LineageOptions = {},
): LineageResult {
  const interpretation = options.interpretation ?? "standard";
  const index = indexDocs(docs);
  const specs = collect(docs);
  const edges: LineageEdge[] = [];
  const parentKeys = new Map<string, string[]>();
  const missing = new Map<string, { id: string; children: string[] }>();
  for (const [key, spec] of specs) {
    const ps: string[] = [];
    for (const b of spec.bases ?? []) {
      const pk = keyOf(b.ref);
      const parent = specs.get(pk);
      edges.push({ child: spec.id, parent: parent?.id ?? b.ref, relation: b.relation });
      ps.push(pk);
      if (!parent) {
        const m = missing.get(pk) ?? { id: b.ref, children: [] };
        m.children.push(spec.id);
        missing.set(pk, m);
      }
    }
    parentKeys.set(key, ps);
  }

  // Iterative DFS: post-order puts parents before children; an edge to a node on the stack closes a cycle.
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const cyclic = new Set<string>(); // "child\0parent" edges that close a cycle
  const cycles: string[][] = [];
  for (const start of specs.keys()) {
    if (state.has(start)) continue;
    const stack: { key: string; next: number }[] = [{ key: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const ps = parentKeys.get(top.key) ?? [];
      if (top.next < ps.length) {
        const p = ps[top.next++]!;
        if (!specs.has(p)) continue;
        const s = state.get(p);
        if (s === undefined) {
          state.set(p, 1);
          stack.push({ key: p, next: 0 });
        } else if (s === 1) {
          cyclic.add(`${top.key}\u0000${p}`);
          const from = stack.findIndex((f) => f.key === p);
          cycles.push([...stack.slice(from).map((f) => specs.get(f.key)!.id), specs.get(p)!.id]);
        }
      } else {
        state.set(top.key, 2);
        order.push(top.key);
        stack.pop();
      }
    }
  }

  const debts = new Map<string, Debt>();
  const debtsById = new Map<string, Debt>();
  const nodes: LineageNode[] = [];
  for (const key of order) {
    const raw = specs.get(key)!;
    // Attach the parents found among the documents (by id), so that the policy sees them as known.
    const spec: ModelSpec = withDatasetLicences(
      {
        ...raw,
        ...(raw.bases
          ? {
              bases: raw.bases.map((b) => {
                const parent = specs.get(keyOf(b.ref));
                return parent
                  ? { ref: b.ref, relation: b.relation, model: parent }
                  : { ref: b.ref, relation: b.relation };
              }),
            }
          : {}),
      },
      index,
    );
    const debt = composeDebt(spec, interpretation, (b) =>
      cyclic.has(`${key}\u0000${keyOf(b.ref)}`) ? undefined : debts.get(keyOf(b.ref)),
    );
    debts.set(key, debt);
    debtsById.set(spec.id, debt);
    const r = checkResolved(spec, { debt, debtOf: (id) => debtsById.get(id) }, interpretation);
    const live = r.obligations.filter((o) => o.triggered);
    nodes.push({
      id: spec.id,
      open: false,
      licence: spec.licence ?? null,
      verdict: r.verdict,
      breaks: r.findings.some((f) => BREAKING.has(f.code) && f.severity === "error"),
      permission: r.permission,
      weights: r.weights,
      owes: (live.length > 0 ? live : r.obligations).map((o) => o.kind),
      // Notes and assumptions repeat on every node of a large lineage; what is wrong or unknown is kept.
      findings: r.findings.filter((f) => f.severity !== "info"),
    });
  }
  for (const m of missing.values()) {
    nodes.push({
      id: m.id,
      open: true,
      licence: null,
      verdict: "unknown",
      breaks: false,
      permission: "unknown",
      weights: null,
      owes: [],
      findings: [
        {
          code: "parent-missing",
          severity: "unknown",
          message: `${m.id} is named as a parent by ${m.children.slice(0, 3).join(", ")}${m.children.length > 3 ? ` and ${m.children.length - 3} more` : ""} but no given document describes it. Add its card or BOM to the command line.`,
          sources: [],
          path: [m.id],
        },
      ],
    });
  }
  for (const c of cycles) {
    const n = nodes.find((x) => x.id === c[0]);
    n?.findings.push({
      code: "lineage-cycle",
      severity: "warning",
      message: `The declared lineage is a cycle: ${c.join(" -> ")}. A model cannot descend from itself; fix the base_model of one of them. Obligations were not propagated along the closing edge.`,
      sources: [],
      path: c,
    });
  }
  nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  edges.sort((a, b) =>
    a.child < b.child
      ? -1
      : a.child > b.child
        ? 1
        : a.parent < b.parent
          ? -1
          : a.parent > b.parent
            ? 1
            : 0,
  );
  const summary = {
    models: nodes.length,
    open: missing.size,
    breaks: 0,
    cycles: cycles.length,
    compliant: 0,
    violations: 0,
    conflict: 0,
    unknown: 0,
  };
  for (const n of nodes) {
    summary[n.verdict]++;
    if (n.breaks) summary.breaks++;
  }
  return { interpretation, nodes, edges, cycles, missing: [...missing.values()], summary };
}
