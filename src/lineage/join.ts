/**
 * Joining documents: a card names its parents and datasets by id; other
 * documents given alongside it (more cards, dataset cards, BOMs) say what those
 * are. Returns the model with every parent it could find attached, and every
 * dataset's licence filled in. Pure.
 */
import type { ModelSpec } from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";

export const keyOf = (id: string) => id.trim().toLowerCase();

export interface Index {
  models: Map<string, ModelSpec>;
  datasets: Map<string, ModelSpec>;
}

export function indexDocs(docs: readonly ModelDoc[]): Index {
  const models = new Map<string, ModelSpec>();
  const datasets = new Map<string, ModelSpec>();
  for (const d of docs) {
    const map = d.kind === "dataset" ? datasets : models;
    // The first description of a model wins: the file it was asked about comes first.
    if (!map.has(keyOf(d.spec.id))) map.set(keyOf(d.spec.id), d.spec);
  }
  return { models, datasets };
}

/** Fill in the licences of sources that name a known dataset and have none of their own. */
export function withDatasetLicences(spec: ModelSpec, index: Index): ModelSpec {
  if (!spec.sources?.some((s) => s.licence === undefined && index.datasets.has(keyOf(s.name))))
    return spec;
  return {
    ...spec,
    sources: spec.sources.map((s) => {
      const ds = s.licence === undefined ? index.datasets.get(keyOf(s.name)) : undefined;
      return ds ? { ...s, licence: ds.licence ?? null } : s;
    }),
  };
}

/** The model with its parents found among the index, recursively (cycles left open). */
export function joinModel(spec: ModelSpec, index: Index): ModelSpec {
  const done = new Map<ModelSpec, ModelSpec>();
  const visiting = new Set<ModelSpec>();
  const visit = (m: ModelSpec): ModelSpec => {
    const hit = done.get(m);
    if (hit) return hit;
    visiting.add(m);
    const out = withDatasetLicences({ ...m }, index);
    if (m.bases) {
      out.bases = m.bases.map((b) => {
        const found = b.model ?? index.models.get(keyOf(b.ref));
        if (!found || visiting.has(found)) return { ref: b.ref, relation: b.relation };
        return { ...b, model: visit(found) };
      });
    }
    visiting.delete(m);
    done.set(m, out);
    return out;
  };
  return visit(spec);
}
