/**
 * What a model document can say only through name/value properties:
 * CycloneDX `properties` and SPDX 3 `extension_CdxPropertiesExtension`
 * entries carry how a model is deployed, what was published, its use, how it
 * was derived from a parent and the terms seen on a source. `tgpl export`
 * writes them and the readers read them back, so one module names them. Pure.
 */
import {
  DEPLOYMENTS,
  type Deployment,
  type ModelSpec,
  PUBLISHED_DOCUMENTS,
  type Published,
  RELATIONS,
  type Relation,
  type TermsSignals,
} from "../policy/types.ts";

export const PROP = {
  deployment: "tgpl:deployment",
  use: "tgpl:use",
  /** One property per document: `tgpl:published:model-source` = "true" | "false". */
  publishedPrefix: "tgpl:published:",
  relation: "tgpl:relation",
  terms: "tgpl:terms",
} as const;

export type Property = readonly [name: string, value: string];

/** The properties that say what a model document cannot say otherwise. */
export function modelProperties(
  spec: Pick<ModelSpec, "deployment" | "use" | "published">,
): Property[] {
  const out: Property[] = [];
  if (spec.deployment?.length) out.push([PROP.deployment, [...spec.deployment].sort().join(",")]);
  if (spec.use) out.push([PROP.use, spec.use]);
  for (const k of PUBLISHED_DOCUMENTS) {
    const v = spec.published?.[k];
    if (v !== undefined) out.push([`${PROP.publishedPrefix}${k}`, String(v)]);
  }
  return out;
}

/** Terms as one JSON value (keys as the model file spells them), or null when there are none. */
export function termsProperty(terms: TermsSignals | undefined): Property | null {
  if (!terms) return null;
  const o: Record<string, string | boolean> = {};
  if (terms.tdmReservation) o["tdm-reservation"] = true;
  if (terms.offer) o.offer = terms.offer;
  if (terms.contentUsage) o["content-usage"] = terms.contentUsage;
  if (terms.noai) o.noai = true;
  if (terms.noimageai) o.noimageai = true;
  return Object.keys(o).length > 0 ? [PROP.terms, JSON.stringify(o)] : null;
}

/** Read `tgpl:terms`; a value that is not the JSON we write is ignored with a warning. */
export function readTerms(value: string, warnings: string[], where: string): TermsSignals | null {
  let o: unknown;
  try {
    o = JSON.parse(value);
  } catch {
    warnings.push(`${where}: ${PROP.terms} is not JSON; ignored`);
    return null;
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) {
    warnings.push(`${where}: ${PROP.terms} is not a JSON object; ignored`);
    return null;
  }
  const r = o as Record<string, unknown>;
  const t: TermsSignals = {};
  if (r["tdm-reservation"] === true) t.tdmReservation = true;
  if (typeof r.offer === "string" && r.offer.trim()) t.offer = r.offer.trim();
  if (typeof r["content-usage"] === "string") t.contentUsage = r["content-usage"];
  if (r.noai === true) t.noai = true;
  if (r.noimageai === true) t.noimageai = true;
  return Object.keys(t).length > 0 ? t : null;
}

export function readRelation(value: string): Relation | null {
  const v = value.trim().toLowerCase();
  return (RELATIONS as readonly string[]).includes(v) ? (v as Relation) : null;
}

/** Apply a model's tgpl properties to its spec (deployment, use, published). */
export function applyModelProperties(
  spec: ModelSpec,
  props: readonly Property[],
  warnings: string[],
): void {
  for (const [name, value] of props) {
    if (name === PROP.deployment) {
      const list = value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.filter((d) => !(DEPLOYMENTS as readonly string[]).includes(d));
      if (bad.length > 0)
        warnings.push(`${spec.id}: ${PROP.deployment} ${JSON.stringify(value)} is not understood`);
      else if (list.length > 0) spec.deployment = list as Deployment[];
    } else if (name === PROP.use) {
      if (value === "commercial" || value === "non-commercial") spec.use = value;
    } else if (name.startsWith(PROP.publishedPrefix)) {
      const key = name.slice(PROP.publishedPrefix.length) as keyof Published;
      if (PUBLISHED_DOCUMENTS.includes(key) && (value === "true" || value === "false"))
        spec.published = { ...spec.published, [key]: value === "true" };
    }
  }
}
