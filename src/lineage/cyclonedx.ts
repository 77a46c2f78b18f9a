/**
 * CycloneDX 1.6 ML-BOMs: `machine-learning-model` components with their
 * `licenses`, `modelCard.modelParameters.datasets` (references to `data`
 * components, whose licences are the training sources') and
 * `pedigree.ancestors` (the parents); `services` mean the model is served
 * over a network. Pure.
 */
import { type Result, err, ok } from "../errors.ts";
import {
  type BaseSpec,
  type ModelSpec,
  RELATIONS,
  type Relation,
  type SourceSpec,
} from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";
import { licenceFromText } from "./hf-licences.ts";
import { isObj, type Obj } from "./json-object.ts";
import {
  applyModelProperties,
  PROP,
  type Property,
  readRelation,
  readTerms,
} from "./tgpl-properties.ts";

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** A component's licence as one SPDX expression (several entries: all apply). */
export function cdxLicence(licenses: unknown): string | null {
  const parts: string[] = [];
  for (const l of list(licenses)) {
    if (typeof l.expression === "string") parts.push(l.expression);
    else if (isObj(l.license)) {
      const { id, name } = l.license;
      if (typeof id === "string") parts.push(id);
      else if (typeof name === "string") parts.push(licenceFromText(name));
    }
  }
  if (parts.length === 0) return null;
  return parts.length === 1
    ? parts[0]!
    : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(" AND ");
}

const idOf = (c: Obj): string => {
  const name =
    typeof c.name === "string"
      ? c.name
      : typeof c["bom-ref"] === "string"
        ? c["bom-ref"]
        : "(unnamed)";
  return typeof c.group === "string" && c.group !== "" && !name.includes("/")
    ? `${c.group}/${name}`
    : name;
};

const propertiesOf = (c: Obj): Property[] =>
  list(c.properties)
    .filter((p) => typeof p.name === "string" && typeof p.value === "string")
    .map((p) => [p.name as string, p.value as string] as const);

/** How a parent was derived into its child: the ancestor's own `tgpl:relation`, else the child's. */
function relationOf(ancestor: Obj): Relation | null {
  for (const [name, value] of propertiesOf(ancestor))
    if (name === PROP.relation) return readRelation(value);
  return null;
}

function childRelationOf(c: Obj, warnings: string[]): Relation {
  for (const p of list(c.properties)) {
    if (
      (p.name === "tgpl:relation" || p.name === "huggingface:base_model_relation") &&
      typeof p.value === "string"
    ) {
      if ((RELATIONS as readonly string[]).includes(p.value)) return p.value as Relation;
    }
  }
  warnings.push(`${idOf(c)}: pedigree does not say how it was derived; read as a fine-tune`);
  return "finetune";
}

function modelOf(c: Obj, byRef: Map<string, Obj>, warnings: string[], depth: number): ModelSpec {
  const spec: ModelSpec = { id: idOf(c), licence: cdxLicence(c.licenses) };
  const params =
    isObj(c.modelCard) && isObj(c.modelCard.modelParameters)
      ? c.modelCard.modelParameters
      : undefined;
  if (params && Array.isArray(params.datasets)) {
    spec.sources = list(params.datasets).map((d): SourceSpec => {
      const target = typeof d.ref === "string" ? byRef.get(d.ref) : undefined;
      if (typeof d.ref === "string" && !target)
        warnings.push(`${spec.id}: dataset reference ${d.ref} names no component`);
      const named = target ?? d;
      const source: SourceSpec = {
        name: idOf(named),
        licence: target ? cdxLicence(target.licenses) : null,
      };
      for (const [name, value] of target ? propertiesOf(target) : [])
        if (name === PROP.terms) {
          const terms = readTerms(value, warnings, source.name);
          if (terms) source.terms = terms;
        }
      return source;
    });
  }
  const ancestors = isObj(c.pedigree) ? list(c.pedigree.ancestors) : [];
  if (ancestors.length > 0 && depth < 32) {
    // The child's word (and its warning when it says nothing) only for ancestors that do not say.
    const shared = ancestors.every((a) => relationOf(a)) ? null : childRelationOf(c, warnings);
    spec.bases = ancestors.map((a): BaseSpec => {
      const full = typeof a["bom-ref"] === "string" ? (byRef.get(a["bom-ref"]) ?? a) : a;
      const relation = relationOf(a) ?? shared ?? "finetune";
      const parent = modelOf(full, byRef, warnings, depth + 1);
      const known =
        full.licenses !== undefined || full.modelCard !== undefined || full.pedigree !== undefined;
      return known ? { ref: parent.id, relation, model: parent } : { ref: parent.id, relation };
    });
  }
  return spec;
}

/** Every model a BOM describes; the subject (metadata.component) first. */
export function readCycloneDx(doc: unknown): Result<ModelDoc[], string> {
  if (!isObj(doc) || doc.bomFormat !== "CycloneDX")
    return err('not a CycloneDX BOM (bomFormat is not "CycloneDX")');
  const warnings: string[] = [];
  if (typeof doc.specVersion === "string" && doc.specVersion < "1.5")
    warnings.push(`CycloneDX ${doc.specVersion} has no ML-BOM; read as far as it goes`);
  const byRef = new Map<string, Obj>();
  const all: Obj[] = [];
  const walk = (cs: unknown) => {
    for (const c of list(cs)) {
      const ref = c["bom-ref"];
      if (typeof ref === "string") {
        if (byRef.has(ref)) continue;
        byRef.set(ref, c);
      }
      all.push(c);
      walk(c.components);
    }
  };
  const subject =
    isObj(doc.metadata) && isObj(doc.metadata.component) ? doc.metadata.component : undefined;
  if (subject) walk([subject]);
  walk(doc.components);
  const models = all.filter((c) => c.type === "machine-learning-model");
  if (models.length === 0) return err("the BOM has no machine-learning-model component");
  const served = list(doc.services).length > 0;
  const docs = models.map((c, i): ModelDoc => {
    const w: string[] = i === 0 ? warnings : [];
    const spec = modelOf(c, byRef, w, 0);
    // Services in an ML-BOM are how its subject is offered: an API deployment.
    if (served && c === (subject ?? models[0])) spec.deployment = ["api"];
    applyModelProperties(spec, propertiesOf(c), w);
    return { format: "cyclonedx", kind: "model", spec, warnings: w };
  });
  return ok(docs);
}
