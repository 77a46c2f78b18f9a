/**
 * The model as released: what the bundle publishes is added to what the
 * model document said (the Training Data Information, the notices, the
 * network offer, the Corresponding Model Source when its place is given),
 * and the corpus's licence groups become named sources, so that the
 * released model file stands on its own without the manifest. Then written
 * back as a tgpl model file (docs/model-file.md), which `tgpl check` reads.
 * Pure.
 */
import { stringify } from "yaml";
import { type Corpus, corpusSources } from "../manifest/exports/doc.ts";
import type { ModelSpec, Published, SourceSpec, TermsSignals } from "../policy/types.ts";

export interface ReleaseFacts {
  corpus: Corpus | null;
  /** Where the Corresponding Model Source is offered: given, it is published. */
  modelSource?: string;
  /** The network notice was written (an API deployment with a place to offer the source). */
  networkOffer: boolean;
}

export function releasedSpec(spec: ModelSpec, facts: ReleaseFacts): ModelSpec {
  const published: Published = { ...spec.published, "training-data": true, notices: true };
  if (facts.modelSource) published["model-source"] = true;
  if (facts.networkOffer) published["network-offer"] = true;
  const fromCorpus: SourceSpec[] = facts.corpus
    ? corpusSources(facts.corpus).map((s) => ({
        name: s.name,
        licence: s.declared,
        ...(s.files !== undefined ? { files: s.files } : {}),
      }))
    : [];
  const sources =
    spec.sources || facts.corpus ? [...(spec.sources ?? []), ...fromCorpus] : undefined;
  return { ...spec, published, ...(sources ? { sources } : {}) };
}

type Obj = Record<string, unknown>;

function termsOf(t: TermsSignals): Obj {
  const o: Obj = {};
  if (t.tdmReservation) o["tdm-reservation"] = true;
  if (t.offer) o.offer = t.offer;
  if (t.contentUsage) o["content-usage"] = t.contentUsage;
  if (t.noai) o.noai = true;
  if (t.noimageai) o.noimageai = true;
  return o;
}

function modelFields(spec: ModelSpec, depth: number): Obj {
  const o: Obj = { model: spec.id };
  if (spec.licence !== undefined) o.license = spec.licence;
  if (spec.use) o.use = spec.use;
  if (spec.deployment?.length) o.deployment = [...spec.deployment];
  if (spec.published && Object.keys(spec.published).length > 0) o.published = { ...spec.published };
  if (spec.sources)
    o["training-data"] = spec.sources.map((s) => {
      const src: Obj = { name: s.name };
      if (s.licence !== undefined) src.license = s.licence;
      if (s.files !== undefined) src.files = s.files;
      if (s.terms && Object.keys(termsOf(s.terms)).length > 0) src.terms = termsOf(s.terms);
      return src;
    });
  if (spec.bases?.length && depth < 32)
    o["base-models"] = spec.bases.map((b) => {
      // A parent known by name only stays so: model and relation, nothing that would pass for a description.
      if (!b.model) return { model: b.ref, relation: b.relation };
      const { model, ...rest } = modelFields(b.model, depth + 1);
      // A described parent with nothing to say still says that its licence is not declared.
      return {
        model,
        relation: b.relation,
        ...(Object.keys(rest).length > 0 ? rest : { license: null }),
      };
    });
  return o;
}

/** The spec as a tgpl model file. */
export function modelFileText(spec: ModelSpec): string {
  return `# Written by 'tgpl release': the model as released. 'tgpl check' reads it.\n${stringify(
    { format: "tgpl-model/1", ...modelFields(spec, 0) },
    { lineWidth: 0 },
  )}`;
}
