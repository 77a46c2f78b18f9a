/**
 * The observed tree against the declared one: parents the weights show that
 * no card (nor the weights file's own metadata) declares, declared parents
 * the weights contradict (unrelated weights, or the other direction with
 * confidence), and, through the policy engine, what an undeclared parent
 * passes down: a TGPL parent's weights licence, Corresponding Model Source
 * and data documentation obligations reach every model made from it. Pure.
 */
import { check } from "../../policy/check.ts";
import { licenceProfile } from "../../policy/profiles.ts";
import type {
  Finding,
  Interpretation,
  ModelSpec,
  ObligationKind,
  Relation,
  Verdict,
} from "../../policy/types.ts";
import { licenseIdsOf, parseExpression } from "../../detect/expression.ts";
import type { ModelDoc } from "../doc.ts";
import { indexDocs, joinModel, keyOf } from "../join.ts";
import type { HeritageResult } from "./heritage.ts";
import type { Confidence } from "./pairs.ts";
import type { TreeEdge } from "./tree.ts";

export type AgainstKind =
  | "confirmed"
  | "undeclared-parent"
  | "undeclared-relation"
  | "reversed"
  | "contradicted"
  | "indirect"
  | "not-checked";

export interface PassedDown {
  parentLicence: string | null;
  /** The parent (or one of its declared ancestors) is under the Training GPL. */
  tgpl: boolean;
  /** Obligations the child owes once the parent is counted, that its declared lineage does not give it. */
  obligations: ObligationKind[];
  /** The licences its weights may be under once the parent is counted (null: any). */
  weightsMustBe: string[] | null;
  verdict: Verdict;
  declaredVerdict: Verdict;
  /** Errors the parent brings that the declared lineage does not show. */
  findings: Finding[];
}

export interface AgainstItem {
  kind: AgainstKind;
  parent: string;
  child: string;
  relation?: string;
  related?: Confidence;
  direction?: Confidence;
  /** Where the declaration is (a card's id, or a key of the weights file). */
  declaredIn?: string;
  message: string;
  passesDown?: PassedDown;
}

export interface AgainstResult {
  interpretation: Interpretation;
  items: AgainstItem[];
  summary: Record<AgainstKind, number>;
  /** Undeclared parents or relations, or declarations the weights contradict: exit 1. */
  problems: number;
}

const PROBLEMS: ReadonlySet<AgainstKind> = new Set([
  "undeclared-parent",
  "undeclared-relation",
  "reversed",
  "contradicted",
]);

function isTgpl(expression: string | null | undefined): boolean {
  if (!expression) return false;
  const parsed = parseExpression(expression);
  if (!parsed.ok) return /tgpl/i.test(expression);
  return licenseIdsOf(parsed.value).some((id) => licenceProfile(id)?.family === "tgpl");
}

function tgplAncestry(spec: ModelSpec, seen = new Set<ModelSpec>()): boolean {
  if (seen.has(spec)) return false;
  seen.add(spec);
  if (isTgpl(spec.licence)) return true;
  return (spec.bases ?? []).some((b) => b.model !== undefined && tgplAncestry(b.model, seen));
}

const toRelation = (r: TreeEdge["relation"]): Relation => (r === "copy" ? "quantized" : r);

export function against(
  result: HeritageResult,
  docs: readonly ModelDoc[],
  interpretation: Interpretation = "standard",
): AgainstResult {
  const index = indexDocs(docs);
  const nodes = [...result.models, ...result.adapters];
  const given = new Map(nodes.map((n) => [keyOf(n.id), n]));
  const specOf = (id: string): ModelSpec => {
    const doc = index.models.get(keyOf(id));
    if (doc) return doc;
    const n = given.get(keyOf(id));
    const spec: ModelSpec = { id };
    if (n?.declared.licence !== undefined) spec.licence = n.declared.licence;
    if (n && n.declared.bases.length > 0)
      spec.bases = n.declared.bases.map((b) => ({
        ref: b.ref,
        relation: b.relation ?? "finetune",
      }));
    return spec;
  };
  // Declared parents of each given model: from its card, and from its weights file.
  const declared = new Map<string, Map<string, string>>();
  for (const n of nodes) {
    const m = new Map<string, string>();
    const doc = index.models.get(keyOf(n.id));
    for (const b of doc?.bases ?? []) m.set(keyOf(b.ref), `card of ${doc!.id}`);
    for (const b of n.declared.bases)
      if (!m.has(keyOf(b.ref))) m.set(keyOf(b.ref), `${n.id}: ${b.from}`);
    declared.set(keyOf(n.id), m);
  }
  const pairOf = (x: string, y: string) =>
    result.pairs.find(
      (p) =>
        (keyOf(p.a) === keyOf(x) && keyOf(p.b) === keyOf(y)) ||
        (keyOf(p.a) === keyOf(y) && keyOf(p.b) === keyOf(x)),
    );
  const treeParent = new Map(result.tree.edges.map((e) => [keyOf(e.child), keyOf(e.parent)]));
  const ancestorOf = (anc: string, id: string) => {
    let v = treeParent.get(keyOf(id));
    for (let steps = 0; v !== undefined && steps <= nodes.length; steps++) {
      if (v === keyOf(anc)) return true;
      v = treeParent.get(v);
    }
    return false;
  };

  const passes = (parent: string, child: string, relation: Relation): PassedDown => {
    const childSpec = specOf(child);
    const parentSpec = joinModel(specOf(parent), index);
    const declaredSpec = joinModel(childSpec, index);
    const observedSpec: ModelSpec = {
      ...declaredSpec,
      bases: [...(declaredSpec.bases ?? []), { ref: parentSpec.id, relation, model: parentSpec }],
    };
    const before = check(declaredSpec, { interpretation, compare: false });
    const after = check(observedSpec, { interpretation, compare: false });
    const owedBefore = new Set(before.obligations.map((o) => o.kind));
    const codesBefore = new Set(before.findings.map((f) => `${f.code}\u0000${f.message}`));
    return {
      parentLicence: parentSpec.licence ?? null,
      tgpl: tgplAncestry(parentSpec),
      obligations: after.obligations.map((o) => o.kind).filter((k) => !owedBefore.has(k)),
      weightsMustBe: after.weights.only,
      verdict: after.verdict,
      declaredVerdict: before.verdict,
      findings: after.findings.filter(
        (f) => f.severity === "error" && !codesBefore.has(`${f.code}\u0000${f.message}`),
      ),
    };
  };

  const items: AgainstItem[] = [];
  const seen = new Set<string>();
  for (const e of result.tree.edges) {
    const dp = declared.get(keyOf(e.child));
    const dc = declared.get(keyOf(e.parent));
    const common = {
      parent: e.parent,
      child: e.child,
      relation: e.relation,
      related: e.related,
      direction: e.direction,
    };
    seen.add(`${keyOf(e.parent)}\u0000${keyOf(e.child)}`);
    if (dp?.has(keyOf(e.parent))) {
      items.push({
        ...common,
        kind: "confirmed",
        declaredIn: dp.get(keyOf(e.parent))!,
        message: `${e.child} declares ${e.parent} as a parent, and the weights agree (${e.relation})`,
      });
      continue;
    }
    if (dc?.has(keyOf(e.child))) {
      seen.add(`${keyOf(e.child)}\u0000${keyOf(e.parent)}`);
      const sure = e.direction === "certain" || e.direction === "likely";
      items.push({
        ...common,
        kind: sure ? "reversed" : "confirmed",
        declaredIn: dc.get(keyOf(e.child))!,
        message: sure
          ? `${e.parent} declares ${e.child} as its parent, but the weights say ${e.parent} is the parent (${e.directionFrom}, ${e.direction}): check which was made from which`
          : `${e.parent} declares ${e.child} as its parent; the weights agree that they are related (${e.relation}) and cannot tell the direction with confidence`,
      });
      continue;
    }
    const sure = e.direction === "certain" || e.direction === "likely";
    const relation = toRelation(e.relation);
    const passed = passes(e.parent, e.child, relation);
    const owes =
      passed.obligations.length > 0 ? ` It would owe ${passed.obligations.join(", ")}` : "";
    const must = passed.weightsMustBe
      ? `${owes ? ";" : " Its"} weights would have to be under ${passed.weightsMustBe.join(" or ")}`
      : "";
    const tgpl = passed.tgpl
      ? ` ${e.parent} is under the Training GPL: what is made from it inherits its obligations.`
      : "";
    items.push({
      ...common,
      kind: sure ? "undeclared-parent" : "undeclared-relation",
      message: sure
        ? `the weights show ${e.child} was made from ${e.parent} (${e.relation}; related ${e.related}, direction ${e.direction}), which no card or file declares.${tgpl}${owes}${must}${owes || must ? "." : ""} Declare the parent (base_model) or explain the resemblance.`
        : `the weights show ${e.parent} and ${e.child} are related (${e.relation}; related ${e.related}), which neither declares; the direction is ${e.direction} (more likely ${e.parent} → ${e.child}).${tgpl}${owes}${must}${owes || must ? "." : ""} Declare the relation or explain the resemblance.`,
      passesDown: passed,
    });
  }

  // Declarations the tree did not confirm.
  for (const n of nodes) {
    for (const [ref, where] of declared.get(keyOf(n.id)) ?? []) {
      if (seen.has(`${ref}\u0000${keyOf(n.id)}`)) continue;
      const parent = given.get(ref);
      const doc = index.models.get(keyOf(n.id));
      const relation =
        doc?.bases?.find((b) => keyOf(b.ref) === ref)?.relation ??
        n.declared.bases.find((b) => keyOf(b.ref) === ref)?.relation;
      const common = {
        parent: parent?.id ?? ref,
        child: n.id,
        declaredIn: where,
        ...(relation ? { relation } : {}),
      };
      if (!parent) {
        items.push({
          ...common,
          kind: "not-checked",
          message: `${n.id} declares ${ref}, whose weights were not given: give them to check`,
        });
        continue;
      }
      if (relation === "distillation") {
        items.push({
          ...common,
          kind: "not-checked",
          message: `${n.id} declares distillation from ${parent.id}: a distilled model need not resemble its teacher's weights`,
        });
        continue;
      }
      const p = pairOf(parent.id, n.id);
      if (ancestorOf(parent.id, n.id)) {
        items.push({
          ...common,
          kind: "indirect",
          message: `${n.id} declares ${parent.id}; the weights place it further down: ${parent.id} is an ancestor, with other given models in between`,
        });
      } else if (p && p.related.verdict === "unrelated") {
        items.push({
          ...common,
          kind: "contradicted",
          message: `${n.id} declares ${parent.id} as its ${relation ?? "parent"}, but their weights are unrelated (${p.related.why}): check the declaration`,
        });
      } else if (p && p.related.verdict === "related") {
        items.push({
          ...common,
          kind: "indirect",
          message: `${n.id} declares ${parent.id}; their weights are related but the tree links them through other models`,
        });
      } else {
        items.push({
          ...common,
          kind: "not-checked",
          message: `${n.id} declares ${parent.id}, but their weights could not be compared${p ? `: ${p.related.why}` : ""}`,
        });
      }
    }
  }

  const order: Record<AgainstKind, number> = {
    "undeclared-parent": 0,
    "undeclared-relation": 1,
    reversed: 2,
    contradicted: 3,
    indirect: 4,
    "not-checked": 5,
    confirmed: 6,
  };
  items.sort(
    (a, b) => order[a.kind] - order[b.kind] || (a.child + a.parent < b.child + b.parent ? -1 : 1),
  );
  const summary = Object.fromEntries(Object.keys(order).map((k) => [k, 0])) as Record<
    AgainstKind,
    number
  >;
  for (const i of items) summary[i.kind]++;
  return {
    interpretation,
    items,
    summary,
    problems: items.filter((i) => PROBLEMS.has(i.kind)).length,
  };
}
