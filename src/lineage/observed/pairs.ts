/**
 * What the statistics of one pair say: whether the two models are related at
 * all, how (an identical copy, a quantized copy, a low-rank update as an
 * adapter leaves, or a full fine-tune), and which one is the parent, with how
 * sure we are of each. Merges need three models and are found by the tree.
 *
 * Direction follows Horwitz, Shul and Hoshen, "Unsupervised Model Tree
 * Heritage Recovery" (MoTHer, arXiv:2405.18432, ICLR 2025): the kurtosis of
 * weights changes monotonically with training, and in fine-tuning it falls,
 * so of two related models the parent is the one whose weight matrices have
 * the higher summed (excess) kurtosis; their MDST step penalises an edge
 * whose child has the higher kurtosis. (Their reference code reverses the
 * rule for continued pre-training, where kurtosis grows.) A quantized copy's
 * direction needs no statistics: the coarser side is the copy.
 */
import type { Comparison, PairStats, PairTensor } from "./compare.ts";
import { PRECISION_RANK, type Precision } from "./quants.ts";

export type Confidence = "certain" | "likely" | "weak" | "uncertain";
export type PairRelation = "copy" | "quantized" | "adapter" | "finetune";

export interface LayerEvidence {
  tensor: string;
  shape: number[];
  /** ‖a − b‖ / RMS of ‖a‖ and ‖b‖. */
  relL2: number;
  /** Cosine of the two tensors, each centred on its mean. */
  cosine: number;
  identical: boolean;
  /** Numerical rank of a − b (null: above what the sketch can show), for matrices that differ. */
  rank?: number | null;
  kurtosis: [number, number] | null;
}

export interface PairResult {
  a: string;
  b: string;
  /** full: same tensors; partial: compared on the shared ones; metadata-only: no values could be read; none. */
  comparable: "full" | "partial" | "metadata-only" | "none";
  mismatches: {
    count: number;
    first: { tensor: string; a: number[] | null; b: number[] | null; why: string }[];
  };
  compared: { tensors: number; values: number; metadataOnly: number };
  relL2: number | null;
  cosine: number | null;
  identical: { tensors: number; values: number; names: string[] };
  related: { verdict: "related" | "unrelated" | "undecided"; confidence: Confidence; why: string };
  relation: PairRelation | null;
  /** Largest rank of a matrix difference for an adapter; null otherwise. */
  rank: number | null;
  quantized: { copy: string; precision: Precision; outside: number; rmsRatio: number } | null;
  direction: {
    parent: string | null;
    method: "precision" | "kurtosis" | "none";
    confidence: Confidence;
    /** MoTHer's summed kurtosis of the differing matrices, per side. */
    kurtosis: [number, number] | null;
    /** Of the differing matrices, how many put the higher kurtosis on the side named parent. */
    votes: { for: number; of: number } | null;
    /** In [-1, 1]: +1 when every differing matrix says `a` is the parent. */
    score: number;
  };
  layers: LayerEvidence[];
}

/** Excess kurtosis from power sums; null for too few values or none varying. */
export function excessKurtosis(m: {
  n: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
}): number | null {
  if (m.n < 16) return null;
  const mu = m.s1 / m.n;
  const e2 = m.s2 / m.n;
  const var_ = e2 - mu * mu;
  if (!(var_ > 0)) return null;
  const m4 = m.s4 / m.n - 4 * mu * (m.s3 / m.n) + 6 * mu * mu * e2 - 3 * mu ** 4;
  return m4 / (var_ * var_) - 3;
}

const centred = (t: PairTensor) => {
  const ma = t.sumA / t.n;
  const mb = t.sumB / t.n;
  return {
    dot: t.dot - t.n * ma * mb,
    va: Math.max(0, t.sqA - t.n * ma * ma),
    vb: Math.max(0, t.sqB - t.n * mb * mb),
  };
};

/** Thresholds on the centred cosine of the weight matrices: independent weights give |cos| ≈ 1/√n. */
export const RELATED_COSINE = { certain: 0.5, likely: 0.2 };

function quantizedCopy(
  tensors: PairTensor[],
  side: "a" | "b",
  other: "a" | "b",
  prec: Map<string, [Precision | null, Precision | null]>,
) {
  let outside = 0;
  let ratioSq = 0;
  let n = 0;
  let coarse: Precision | null = null;
  for (const t of tensors) {
    if (t.identical) continue;
    const bound = side === "a" ? t.boundA : t.boundB;
    const [pa, pb] = prec.get(t.tensor)!;
    const mine = side === "a" ? pa : pb;
    const theirs = other === "a" ? pa : pb;
    if (!bound || !mine || !theirs || PRECISION_RANK[mine] >= PRECISION_RANK[theirs]) return null;
    outside += bound.exceed;
    ratioSq += bound.ratioSq;
    n += t.n;
    if (!coarse || PRECISION_RANK[mine] < PRECISION_RANK[coarse]) coarse = mine;
  }
  if (n === 0 || !coarse) return null;
  const rmsRatio = Math.sqrt(ratioSq / n);
  // Rounding leaves errors spread up to half a step (RMS ≈ 0.29 of a step); a fine-tune would not stay inside.
  if (outside / n > 1e-3 || rmsRatio > 0.45) return null;
  return { precision: coarse, outside: outside / n, rmsRatio };
}

export function classifyPair(c: Comparison, p: PairStats): PairResult {
  const A = c.models[p.a]!;
  const B = c.models[p.b]!;
  const ka = c.perModel[p.a]!;
  const kb = c.perModel[p.b]!;
  const tensors = p.tensors;
  const sizeA = A.tensors.reduce((s, t) => s + t.elements, 0);
  const sizeB = B.tensors.reduce((s, t) => s + t.elements, 0);
  const valuesCompared = tensors.reduce((s, t) => s + t.n, 0);
  const metaValues = p.metadataOnly.reduce(
    (s, m) => s + (A.tensors.find((t) => t.name === m.tensor)?.elements ?? 0),
    0,
  );
  let comparable: PairResult["comparable"];
  if (tensors.length === 0)
    comparable = p.metadataOnly.length > 0 && p.mismatches.length === 0 ? "metadata-only" : "none";
  else if (p.mismatches.length === 0) comparable = "full";
  // Shared tensors that hold at least half of each model: a new head or extra layers, still comparable.
  else
    comparable = valuesCompared + metaValues >= 0.5 * Math.max(sizeA, sizeB) ? "partial" : "none";

  const layers: LayerEvidence[] = tensors.map((t) => {
    const cc = centred(t);
    const kA = excessKurtosis(ka.get(t.tensor)?.moments ?? { n: 0, s1: 0, s2: 0, s3: 0, s4: 0 });
    const kB = excessKurtosis(kb.get(t.tensor)?.moments ?? { n: 0, s1: 0, s2: 0, s3: 0, s4: 0 });
    const l: LayerEvidence = {
      tensor: t.tensor,
      shape: t.shape,
      relL2: Math.sqrt(t.sqDiff) / Math.sqrt((t.sqA + t.sqB) / 2 || 1),
      cosine: cc.va > 0 && cc.vb > 0 ? cc.dot / Math.sqrt(cc.va * cc.vb) : t.identical ? 1 : 0,
      identical: t.identical,
      kurtosis: kA !== null && kB !== null ? [kA, kB] : null,
    };
    if (t.rank) l.rank = t.rank.rank;
    return l;
  });

  const identical = tensors.filter((t) => t.identical);
  const base: Omit<
    PairResult,
    "related" | "relation" | "rank" | "quantized" | "direction" | "relL2" | "cosine"
  > = {
    a: A.id,
    b: B.id,
    comparable,
    mismatches: {
      count: p.mismatches.length,
      first: p.mismatches
        .slice(0, 20)
        .map((m) => ({ tensor: m.tensor, a: m.a, b: m.b, why: m.why })),
    },
    compared: {
      tensors: tensors.length,
      values: valuesCompared,
      metadataOnly: p.metadataOnly.length,
    },
    identical: {
      tensors: identical.length,
      values: identical.reduce((s, t) => s + t.n, 0),
      names: identical.slice(0, 20).map((t) => t.tensor),
    },
    layers,
  };
  const noDirection: PairResult["direction"] = {
    parent: null,
    method: "none",
    confidence: "uncertain",
    kurtosis: null,
    votes: null,
    score: 0,
  };
  if (comparable === "none" || comparable === "metadata-only") {
    const why =
      comparable === "none"
        ? `not comparable: ${p.mismatches.length} tensors differ in name or shape (${p.mismatches
            .slice(0, 3)
            .map((m) => m.tensor)
            .join(", ")}${p.mismatches.length > 3 ? ", ..." : ""})`
        : `only metadata could be compared (${p.metadataOnly[0]?.stored.join(" / ")} tensors are not decoded): same tensor names and shapes, which any two models of one architecture share`;
    return {
      ...base,
      relL2: null,
      cosine: null,
      related: { verdict: "undecided", confidence: "uncertain", why },
      relation: null,
      rank: null,
      quantized: null,
      direction: noDirection,
    };
  }

  const matrices = tensors.filter((t) => t.shape.length >= 2 && t.n >= 16);
  const pool = matrices.length > 0 ? matrices : tensors;
  let dot = 0;
  let va = 0;
  let vb = 0;
  let sq = 0;
  let na = 0;
  let nb = 0;
  for (const t of pool) {
    const cc = centred(t);
    dot += cc.dot;
    va += cc.va;
    vb += cc.vb;
  }
  for (const t of tensors) {
    sq += t.sqDiff;
    na += t.sqA;
    nb += t.sqB;
  }
  const cosine =
    va > 0 && vb > 0 ? dot / Math.sqrt(va * vb) : identical.length === tensors.length ? 1 : 0;
  const relL2 = Math.sqrt(sq) / Math.sqrt((na + nb) / 2 || 1);

  const prec = new Map<string, [Precision | null, Precision | null]>(
    tensors.map((t) => [
      t.tensor,
      [ka.get(t.tensor)?.precision ?? null, kb.get(t.tensor)?.precision ?? null],
    ]),
  );
  const allSame =
    identical.length === tensors.length && p.mismatches.length === 0 && p.metadataOnly.length === 0;
  if (allSame) {
    return {
      ...base,
      relL2,
      cosine,
      related: { verdict: "related", confidence: "certain", why: "every tensor is identical" },
      relation: "copy",
      rank: 0,
      quantized: null,
      direction: { ...noDirection, method: "none" },
    };
  }
  const qa = quantizedCopy(tensors, "a", "b", prec);
  const qb = qa ? null : quantizedCopy(tensors, "b", "a", prec);
  if (qa || qb) {
    const q = (qa ?? qb)!;
    const copy = qa ? A.id : B.id;
    const parent = qa ? B.id : A.id;
    return {
      ...base,
      relL2,
      cosine,
      related: {
        verdict: "related",
        confidence: "certain",
        why: `every differing value lies within the rounding step of ${q.precision} (RMS ${q.rmsRatio.toFixed(2)} of a step)`,
      },
      relation: "quantized",
      rank: null,
      quantized: { copy, ...q },
      direction: {
        ...noDirection,
        parent,
        method: "precision",
        confidence: "certain",
        score: qa ? -1 : 1,
      },
    };
  }

  let related: PairResult["related"];
  if (cosine >= RELATED_COSINE.certain)
    related = {
      verdict: "related",
      confidence: "certain",
      why: `centred cosine ${cosine.toFixed(3)} of the weight matrices`,
    };
  else if (cosine >= RELATED_COSINE.likely)
    related = {
      verdict: "related",
      confidence: "likely",
      why: `centred cosine ${cosine.toFixed(3)}: related, far apart`,
    };
  else
    related = {
      verdict: "unrelated",
      confidence: cosine < 0.05 ? "certain" : "likely",
      why: `centred cosine ${cosine.toFixed(3)}: independent weights give about 0`,
    };
  if (related.verdict !== "related")
    return {
      ...base,
      relL2,
      cosine,
      related,
      relation: null,
      rank: null,
      quantized: null,
      direction: noDirection,
    };

  // Adapter: every matrix that changed changed by a low-rank update.
  const changed = matrices.filter((t) => !t.identical && t.rank);
  const lowRank =
    changed.length > 0 && changed.every((t) => t.rank!.rank !== null && t.rank!.rank <= 64);
  const rank = lowRank ? Math.max(...changed.map((t) => t.rank!.rank!)) : null;

  // MoTHer: summed kurtosis over the matrices that differ; the parent has the higher one.
  let kA = 0;
  let kB = 0;
  let forA = 0;
  let votes = 0;
  let absSum = 0;
  for (const t of matrices) {
    if (t.identical) continue;
    const x = excessKurtosis(ka.get(t.tensor)!.moments!);
    const y = excessKurtosis(kb.get(t.tensor)!.moments!);
    if (x === null || y === null || x === y) continue;
    kA += x;
    kB += y;
    votes++;
    if (x > y) forA++;
    absSum += Math.abs(x - y);
  }
  const score = absSum > 0 ? (kA - kB) / absSum : 0;
  const aParent = score > 0;
  const agree = aParent ? forA : votes - forA;
  const confidence: Confidence =
    votes === 0 || score === 0
      ? "uncertain"
      : Math.abs(score) >= 0.6 && votes >= 3 && agree / votes >= 0.75
        ? "likely"
        : Math.abs(score) >= 0.3
          ? "weak"
          : "uncertain";
  return {
    ...base,
    relL2,
    cosine,
    related,
    relation: lowRank ? "adapter" : "finetune",
    rank,
    quantized: null,
    direction: {
      parent: votes === 0 || score === 0 ? null : aParent ? A.id : B.id,
      method: votes === 0 ? "none" : "kurtosis",
      confidence,
      kurtosis: votes === 0 ? null : [kA, kB],
      votes: votes === 0 ? null : { for: agree, of: votes },
      score,
    },
  };
}
