/**
 * Scoring a recovered tree against the true one: an edge is found when the
 * two models are linked (either way round); precision and recall count
 * links, direction accuracy counts found edges whose parent is right, and a
 * relation is right when it names what was done (fine-tune, adapter, merge,
 * quantization). Pure.
 */
import type { TrueEdge } from "../../src/lineage/observed/train/family.ts";
import type { TreeEdge } from "../../src/lineage/observed/tree.ts";

export interface Score {
  truth: number;
  predicted: number;
  found: number;
  rightDirection: number;
  rightRelation: number;
  /** Predicted edges that touch a model related to none. */
  unrelatedLinks: number;
  /** Per true relation: found, of, right direction. */
  byRelation: Record<string, { of: number; found: number; direction: number; relation: number }>;
  /** Per stated direction confidence: edges found, and how many of them point the right way. */
  byConfidence: Record<string, { found: number; right: number }>;
}

const emptyScore = (): Score => ({
  truth: 0,
  predicted: 0,
  found: 0,
  rightDirection: 0,
  rightRelation: 0,
  unrelatedLinks: 0,
  byRelation: {},
  byConfidence: {},
});

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function scoreTree(
  truth: readonly TrueEdge[],
  predicted: readonly TreeEdge[],
  unrelated: readonly string[],
): Score {
  const t = new Map(truth.map((e) => [key(e.parent, e.child), e]));
  const s: Score = { ...emptyScore(), truth: truth.length, predicted: predicted.length };
  for (const e of truth)
    s.byRelation[e.relation] ??= { of: 0, found: 0, direction: 0, relation: 0 };
  for (const e of truth) s.byRelation[e.relation]!.of++;
  const lonely = new Set(unrelated);
  for (const e of predicted) {
    if (lonely.has(e.parent) || lonely.has(e.child)) s.unrelatedLinks++;
    const match = t.get(key(e.parent, e.child));
    if (!match) continue;
    s.found++;
    const r = s.byRelation[match.relation]!;
    r.found++;
    const right = match.parent === e.parent;
    if (right) {
      s.rightDirection++;
      r.direction++;
    }
    if (match.relation === e.relation) {
      s.rightRelation++;
      r.relation++;
    }
    s.byConfidence[e.direction] ??= { found: 0, right: 0 };
    const c = s.byConfidence[e.direction]!;
    c.found++;
    if (right) c.right++;
  }
  return s;
}

export function addScores(all: readonly Score[]): Score {
  const out = emptyScore();
  for (const s of all) {
    out.truth += s.truth;
    out.predicted += s.predicted;
    out.found += s.found;
    out.rightDirection += s.rightDirection;
    out.rightRelation += s.rightRelation;
    out.unrelatedLinks += s.unrelatedLinks;
    for (const [k, v] of Object.entries(s.byRelation)) {
      out.byRelation[k] ??= { of: 0, found: 0, direction: 0, relation: 0 };
      const r = out.byRelation[k]!;
      r.of += v.of;
      r.found += v.found;
      r.direction += v.direction;
      r.relation += v.relation;
    }
    for (const [k, v] of Object.entries(s.byConfidence)) {
      out.byConfidence[k] ??= { found: 0, right: 0 };
      const c = out.byConfidence[k]!;
      c.found += v.found;
      c.right += v.right;
    }
  }
  return out;
}
