/**
 * The most likely family tree of many models, as in MoTHer: a minimum-cost
 * arborescence over edge costs of distance plus a direction penalty. Here the
 * penalty is graded by how strongly the kurtosis points the other way, a
 * quantized copy can only be a child of the finer model, and a model that is
 * an exact weighted average of two others is a merge of both (the one
 * parent an arborescence allows is completed with the second). A virtual root
 * with a prohibitive arc to every model lets unrelated families stand apart:
 * each family pays for one root, so it takes exactly one. PEFT adapters join
 * the tree where applying them to one model reproduces another, or where the
 * base they declare is given and their shapes fit it. Pure.
 */
import type { Relation } from "../../policy/types.ts";
import { minArborescence } from "./arborescence.ts";
import type { Comparison } from "./compare.ts";
import type { Confidence, PairResult } from "./pairs.ts";
import { RELATIVE_ERROR } from "./quants.ts";

export interface TreeEdge {
  parent: string;
  child: string;
  relation: Relation | "copy";
  /** How sure that the two are related at all. */
  related: Confidence;
  /** How sure that `parent` is the parent rather than the child. */
  direction: Confidence;
  /** What decided the direction. */
  directionFrom: "precision" | "merge" | "kurtosis" | "tree" | "adapter" | "none";
  evidence: string[];
  merge?: { parents: [string, string]; weights: [number, number]; residual: number };
}

export interface Family {
  root: string;
  members: string[];
}

export interface TreeResult {
  edges: TreeEdge[];
  families: Family[];
  /** What the tree could not place, and why. */
  notes: string[];
}

/** MoTHer's λ: the direction penalty is at most this share of the mean edge length. */
export const DIRECTION_WEIGHT = 0.3;
const ROOT_COST = 1e6;

const fmt = (x: number, d = 3) =>
  Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(d) : x.toExponential(1);

interface MergeFit {
  child: number;
  p1: number;
  p2: number;
  alpha: number;
  residual: number;
}

/** Squared distances between three models over the tensors all three pairs compared. */
function tripleDistances(
  c: Comparison,
  pairOf: (i: number, j: number) => number,
  m: number,
  p: number,
  q: number,
) {
  const tensorsOf = (i: number, j: number) =>
    new Map(c.pairs[pairOf(i, j)]!.tensors.map((t) => [t.tensor, t]));
  const mp = tensorsOf(m, p);
  const mq = tensorsOf(m, q);
  const pq = tensorsOf(p, q);
  let dmp = 0;
  let dmq = 0;
  let dpq = 0;
  let noise = 0;
  for (const [name, t] of mp) {
    const u = mq.get(name);
    const v = pq.get(name);
    if (!u || !v) continue;
    dmp += t.sqDiff;
    dmq += u.sqDiff;
    dpq += v.sqDiff;
    // Rounding of the merge's own storage is the residual a true merge leaves.
    const mt = c.perModel[m]!.get(name);
    const prec = mt?.precision ?? "F32";
    noise += RELATIVE_ERROR[prec] ** 2 * (mt?.moments?.s2 ?? 0);
  }
  return { dmp, dmq, dpq, noise };
}

/**
 * Builds the tree. `pairs` are in the order of `c.pairs`.
 */
export function buildTree(c: Comparison, pairs: readonly PairResult[]): TreeResult {
  const N = c.models.length;
  const ids = c.models.map((m) => m.id);
  const pairOf = (i: number, j: number) => {
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    return a * N - (a * (a + 1)) / 2 + (b - a - 1);
  };
  const pr = (i: number, j: number) => pairs[pairOf(i, j)]!;
  const related = (i: number, j: number) => pr(i, j).related.verdict === "related";
  const notes: string[] = [];

  // Merges: M = α·P + (1 − α)·Q with a residual no larger than rounding and a small share of the distances.
  const merges = new Map<number, MergeFit>();
  for (let m = 0; m < N; m++) {
    let best: MergeFit | null = null;
    for (let p = 0; p < N; p++) {
      for (let q = p + 1; q < N; q++) {
        if (p === m || q === m || !related(m, p) || !related(m, q)) continue;
        if (
          pr(m, p).relation === "copy" ||
          pr(m, q).relation === "copy" ||
          pr(m, p).relation === "quantized" ||
          pr(m, q).relation === "quantized"
        )
          continue;
        const { dmp, dmq, dpq, noise } = tripleDistances(c, pairOf, m, p, q);
        if (dpq === 0) continue;
        // Project M − Q onto P − Q: the coefficient of P, and what is left over.
        const alpha = (dmq + dpq - dmp) / (2 * dpq);
        const residual = Math.sqrt(Math.max(0, dmq - alpha * alpha * dpq));
        const allowed = Math.sqrt((0.03 * Math.sqrt(Math.min(dmp, dmq))) ** 2 + 9 * noise);
        if (alpha < 0.05 || alpha > 0.95 || residual > allowed) continue;
        const rel = residual / Math.sqrt(Math.min(dmp, dmq));
        if (!best || rel < best.residual) best = { child: m, p1: p, p2: q, alpha, residual: rel };
      }
    }
    if (best) merges.set(m, best);
  }
  // A parent of a merge cannot itself be that merge's child.
  const mergeParent = (child: number, parent: number) => {
    const f = merges.get(child);
    return f ? f.p1 === parent || f.p2 === parent : false;
  };

  // Quantized copies: the copy's distance to its original, charged when the copy is used as a parent.
  const copyOf = new Map<number, { of: number; dist: number }>();
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if (i === j) continue;
      const p = pr(i, j);
      if (p.relation === "quantized" && p.quantized?.copy === ids[i])
        copyOf.set(i, { of: j, dist: p.relL2 ?? 0 });
    }
  }

  const lengths: number[] = [];
  for (let i = 0; i < N; i++)
    for (let j = i + 1; j < N; j++) if (related(i, j)) lengths.push(pr(i, j).relL2 ?? 0);
  const mean = lengths.length > 0 ? lengths.reduce((s, x) => s + x, 0) / lengths.length : 0;
  // A merge sits between its parents, near their own parent: without a charge it would pose as that parent's parent.
  const mergeCharge = (m: number) => {
    const f = merges.get(m);
    return f ? Math.max(pr(m, f.p1).relL2 ?? 0, pr(m, f.p2).relL2 ?? 0) : 0;
  };
  const solveTree = (barren: ReadonlySet<number>) => {
    const arcs: { from: number; to: number; cost: number }[] = [];
    for (let from = 0; from < N; from++) {
      if (barren.has(from)) continue;
      for (let to = 0; to < N; to++) {
        if (from === to || !related(from, to)) continue;
        const p = pr(from, to);
        if (merges.has(to) && !mergeParent(to, from)) continue;
        if (merges.has(from) && mergeParent(from, to)) continue;
        let q: number;
        if (p.relation === "quantized") {
          if (p.direction.parent !== ids[from]) continue;
          q = 0;
        } else if (merges.has(to)) q = 0;
        else if (p.relation === "copy" || p.direction.method === "none") q = 0.5;
        else {
          const s = p.a === ids[from] ? p.direction.score : -p.direction.score;
          q = (1 - s) / 2;
        }
        // An exactly low-rank difference is an adapter's mark: MoTHer measures LoRA trees by rank, not
        // distance. Siblings' adapters differ by twice the rank, so the parent stays the nearest.
        const shape = p.relation === "adapter" && p.rank !== null ? 0.1 + p.rank / 64 : 1;
        const cost =
          (p.relL2 ?? 0) * shape +
          DIRECTION_WEIGHT * mean * q +
          (copyOf.get(from)?.dist ?? 0) +
          mergeCharge(from);
        arcs.push({ from, to, cost });
      }
    }
    for (let v = 0; v < N; v++) arcs.push({ from: N, to: v, cost: ROOT_COST });
    return minArborescence(N + 1, N, arcs)!;
  };
  const descends = (parent: number[], x: number, ancestor: number) => {
    for (let v = parent[x]!, steps = 0; v >= 0 && v < N && steps <= N; v = parent[v]!, steps++)
      if (v === ancestor) return true;
    return false;
  };
  // A merge's second parent may not descend from the merge: if it does, the merge gets no children.
  const barren = new Set<number>();
  let parent = solveTree(barren);
  for (let round = 0; round < N; round++) {
    const bad = [...merges.values()].find(
      (f) =>
        !barren.has(f.child) &&
        (descends(parent, f.p1, f.child) || descends(parent, f.p2, f.child)),
    );
    if (!bad) break;
    barren.add(bad.child);
    parent = solveTree(barren);
  }

  const edges: TreeEdge[] = [];
  for (let v = 0; v < N; v++) {
    const u = parent[v]!;
    if (u === N || u < 0) continue;
    const p = pr(u, v);
    const merge = merges.get(v);
    const evidence = pairEvidence(p, ids[u]!, ids[v]!);
    let direction: Confidence;
    let directionFrom: TreeEdge["directionFrom"];
    if (p.relation === "quantized") {
      direction = "certain";
      directionFrom = "precision";
    } else if (merge) {
      direction = "certain";
      directionFrom = "merge";
    } else if (p.relation === "copy" || p.direction.method === "none") {
      direction = "uncertain";
      directionFrom = "none";
      evidence.push("nothing in the weights tells which of the two came first");
    } else if (p.direction.parent === ids[u]) {
      direction = p.direction.confidence;
      directionFrom = "kurtosis";
    } else {
      direction = "uncertain";
      directionFrom = "tree";
      evidence.push(
        "the kurtosis points the other way; the tree's shape (its other edges) set this direction",
      );
    }
    const edge: TreeEdge = {
      parent: ids[u]!,
      child: ids[v]!,
      relation: merge ? "merge" : (p.relation ?? "finetune"),
      related: p.related.confidence,
      direction,
      directionFrom,
      evidence,
    };
    if (merge) {
      const other = merge.p1 === u ? merge.p2 : merge.p1;
      const wU = merge.p1 === u ? merge.alpha : 1 - merge.alpha;
      edge.merge = {
        parents: [ids[u]!, ids[other]!],
        weights: [wU, 1 - wU],
        residual: merge.residual,
      };
      edge.evidence.push(
        `${fmt(wU, 2)} × ${ids[u]} + ${fmt(1 - wU, 2)} × ${ids[other]}, to within ${fmt(merge.residual)} of the distance`,
      );
      edges.push(edge);
      const q = pr(other, v);
      edges.push({
        parent: ids[other]!,
        child: ids[v]!,
        relation: "merge",
        related: q.related.confidence,
        direction: "certain",
        directionFrom: "merge",
        evidence: [
          ...pairEvidence(q, ids[other]!, ids[v]!),
          edge.evidence[edge.evidence.length - 1]!,
        ],
        merge: { parents: [ids[other]!, ids[u]!], weights: [1 - wU, wU], residual: merge.residual },
      });
      continue;
    }
    edges.push(edge);
  }

  // Adapters: an exact reproduction is proof; a declared base that fits is consistent, not proof.
  c.adapters.forEach((ad, x) => {
    const fits = c.adapterFits.filter((f) => f.adapter === x && f.fits);
    // Several bases may reproduce (an original and its half-precision copy): the closest is the one.
    let best: { base: number; model: number; residual: number; update: number } | null = null;
    for (const f of fits)
      for (const r of f.reproduces) {
        if (r.update === 0 || r.residual > 1e-3 * r.update + 1e-12) continue;
        if (!best || r.residual / r.update < best.residual / best.update)
          best = { base: f.base, ...r };
      }
    if (best) {
      edges.push({
        parent: ids[best.base]!,
        child: ad.id,
        relation: "adapter",
        related: "certain",
        direction: "certain",
        directionFrom: "adapter",
        evidence: [
          `applying the adapter (rank ${ad.rank}, scale ${fmt(ad.scale, 2)}) to ${ids[best.base]} gives ${ids[best.model]} to within ${fmt(best.residual / best.update)} of the update`,
        ],
      });
      return;
    }
    const declared = ad.base?.toLowerCase();
    const match = fits.find((f) => ids[f.base]!.toLowerCase() === declared);
    if (match) {
      edges.push({
        parent: ids[match.base]!,
        child: ad.id,
        relation: "adapter",
        related: "weak",
        direction: "certain",
        directionFrom: "adapter",
        evidence: [
          `declared base ${ad.base}; the adapter's ${ad.targets.length} updates fit its tensors (any model of that architecture would fit: consistent, not proof)`,
        ],
      });
      return;
    }
    notes.push(
      fits.length > 0
        ? `${ad.id}: declares ${ad.base ?? "no base"}; its updates fit ${fits.map((f) => ids[f.base]).join(", ")}, which proves nothing by itself: give the merged model too to verify`
        : `${ad.id}: declares ${ad.base ?? "no base"}; its updates fit none of the given models`,
    );
  });

  // Families: components of the edges, each named by its root (the node with no parent among them).
  const all = [...ids, ...c.adapters.map((a) => a.id)];
  const up = new Map<string, string>();
  for (const e of edges) if (!up.has(e.child)) up.set(e.child, e.parent);
  const rootOf = (id: string) => {
    let r = id;
    const seen = new Set<string>();
    while (up.has(r) && !seen.has(r)) {
      seen.add(r);
      r = up.get(r)!;
    }
    return r;
  };
  const families = new Map<string, string[]>();
  for (const id of all) families.set(rootOf(id), [...(families.get(rootOf(id)) ?? []), id]);
  edges.sort((a, b) => (a.parent + a.child < b.parent + b.child ? -1 : 1));
  return {
    edges,
    families: [...families]
      .map(([root, members]) => ({ root, members: members.sort() }))
      .sort((a, b) => (a.root < b.root ? -1 : 1)),
    notes,
  };
}

/** Sentences saying why two models are linked. */
export function pairEvidence(p: PairResult, parent: string, child: string): string[] {
  const out: string[] = [];
  out.push(
    `relative L2 ${fmt(p.relL2 ?? 0)}, centred cosine ${fmt(p.cosine ?? 0)} over ${p.compared.tensors} tensors`,
  );
  if (p.identical.tensors > 0 && p.relation !== "copy")
    out.push(
      `${p.identical.tensors} tensors identical (frozen or shared): ${p.identical.names.slice(0, 4).join(", ")}${p.identical.tensors > 4 ? ", ..." : ""}`,
    );
  if (p.relation === "copy") out.push("every tensor identical: the same weights");
  if (p.quantized)
    out.push(
      `${p.quantized.copy}'s values all lie within one ${p.quantized.precision} rounding step of the other's (RMS ${fmt(p.quantized.rmsRatio, 2)} of a step)`,
    );
  if (p.relation === "adapter")
    out.push(
      `every changed matrix changed by an update of rank ≤ ${p.rank}: a low-rank adapter (LoRA) merged in`,
    );
  if (p.relation === "finetune") {
    const full = p.layers.filter((l) => !l.identical && l.rank === null).length;
    if (full > 0) out.push(`${full} changed matrices changed at full rank: a full fine-tune`);
  }
  if (p.direction.method === "kurtosis" && p.direction.kurtosis && p.direction.votes) {
    const [ka, kb] = p.direction.kurtosis;
    const kp = p.a === parent ? ka : kb;
    const kc = p.a === parent ? kb : ka;
    const forParent =
      p.direction.parent === parent
        ? p.direction.votes.for
        : p.direction.votes.of - p.direction.votes.for;
    out.push(
      `summed kurtosis ${fmt(kp, 2)} (${parent}) vs ${fmt(kc, 2)} (${child}); ${forParent} of ${p.direction.votes.of} changed matrices have the higher kurtosis on ${parent}'s side (MoTHer: fine-tuning lowers it)`,
    );
  }
  return out;
}
