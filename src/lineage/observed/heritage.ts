/**
 * Heritage from weights: given opened models and adapters, compare every
 * pair in one streaming pass, say what each pair is, and build the most
 * likely family tree. Pure over the sources it is given (which read their
 * files themselves); heritage.node.ts opens paths.
 *
 * @example
 *   const r = heritage([base, finetune, unrelated]);
 *   r.tree.edges // [{ parent: "acme/base", child: "someone/ft", relation: "finetune", ... }]
 */
import { type CompareOptions, compare } from "./compare.ts";
import { classifyPair, type PairResult } from "./pairs.ts";
import type { AdapterSource, Declared, ModelSource } from "./source.ts";
import { buildTree, type TreeResult } from "./tree.ts";

export interface ModelSummary {
  id: string;
  path: string;
  format: "safetensors" | "gguf" | "peft";
  tensors: number;
  values: number;
  /** Values by stored type, e.g. { F32: 10240, Q8_0: 65536 }. */
  stored: Record<string, number>;
  /** Tensors that could not be read as numbers (types not decoded), compared by metadata only. */
  unreadable: { tensors: number; types: string[] };
  declared: Declared;
  notes: string[];
}

export interface AdapterSummary extends ModelSummary {
  base: string | null;
  rank: number;
  alpha: number;
  scale: number;
  targets: string[];
  /** Given models whose tensors the adapter's updates fit. */
  fits: string[];
}

export interface HeritageResult {
  models: ModelSummary[];
  adapters: AdapterSummary[];
  pairs: PairResult[];
  tree: TreeResult;
}

function summary(m: ModelSource): ModelSummary {
  const stored: Record<string, number> = {};
  const unreadable = new Set<string>();
  let n = 0;
  for (const t of m.tensors) {
    stored[t.stored] = (stored[t.stored] ?? 0) + t.elements;
    if (t.unreadable) {
      unreadable.add(t.stored);
      n++;
    }
  }
  return {
    id: m.id,
    path: m.path,
    format: m.format,
    tensors: m.tensors.length,
    values: m.tensors.reduce((s, t) => s + t.elements, 0),
    stored,
    unreadable: { tensors: n, types: [...unreadable].sort() },
    declared: m.declared,
    notes: m.notes,
  };
}

export function heritage(
  models: readonly ModelSource[],
  adapters: readonly AdapterSource[] = [],
  options: CompareOptions = {},
): HeritageResult {
  const c = compare(models, adapters, options);
  const pairs = c.pairs.map((p) => classifyPair(c, p));
  const tree = buildTree(c, pairs);
  return {
    models: models.map(summary),
    adapters: adapters.map((a, x) => ({
      id: a.id,
      path: a.path,
      format: "peft",
      tensors: a.targets.length * 2,
      values: 0,
      stored: {},
      unreadable: { tensors: 0, types: [] },
      declared: a.declared,
      notes: a.notes,
      base: a.base,
      rank: a.rank,
      alpha: a.alpha,
      scale: a.scale,
      targets: a.targets.map((t) => t.tensor),
      fits: c.adapterFits.filter((f) => f.adapter === x && f.fits).map((f) => models[f.base]!.id),
    })),
    pairs,
    tree,
  };
}
