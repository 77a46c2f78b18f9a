/**
 * SPDX 3.0.1 documents with the AI and Dataset profiles (JSON-LD):
 * `ai_AIPackage` elements, `trainedOn` relationships to datasets or files,
 * `descendantOf` / `ancestorOf` between models, and licences through
 * `hasConcludedLicense` (preferred: an analyst's conclusion) or
 * `hasDeclaredLicense`. A `trainedOn` from a file that a package contains
 * (the official example's model.bin) counts for that package. Pure.
 */
import { type Result, err, ok } from "../errors.ts";
import type { BaseSpec, ModelSpec, Relation, SourceSpec } from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";
import { isObj, type Obj } from "./json-object.ts";
import {
  applyModelProperties,
  PROP,
  type Property,
  readRelation,
  readTerms,
} from "./tgpl-properties.ts";

const ids = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");

const LISTED = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+?)(\.html|\.json)?$/;

/** Name/value pairs of an element's `extension_CdxPropertiesExtension` entries. */
export function extensionProperties(e: Obj | undefined): Property[] {
  const out: Property[] = [];
  for (const x of Array.isArray(e?.extension) ? e.extension.filter(isObj) : []) {
    for (const p of Array.isArray(x.extension_cdxProperty)
      ? x.extension_cdxProperty.filter(isObj)
      : [])
      if (typeof p.extension_cdxPropName === "string")
        out.push([p.extension_cdxPropName, String(p.extension_cdxPropValue ?? "")]);
  }
  return out;
}

const typeOf = (e: Obj) =>
  typeof e.type === "string" ? e.type : typeof e["@type"] === "string" ? e["@type"] : "";
const idOf = (e: Obj) =>
  typeof e.spdxId === "string" ? e.spdxId : typeof e["@id"] === "string" ? e["@id"] : "";

export function readSpdx3(doc: unknown): Result<ModelDoc[], string> {
  const graph = isObj(doc) && Array.isArray(doc["@graph"]) ? doc["@graph"].filter(isObj) : null;
  if (!graph) return err("not an SPDX 3 JSON-LD document (no @graph)");
  const byId = new Map<string, Obj>();
  for (const e of graph) if (idOf(e)) byId.set(idOf(e), e);
  const rels = graph.filter(
    (e) => /Relationship$/.test(typeOf(e)) && typeof e.relationshipType === "string",
  );
  const out = (type: string) => {
    const m = new Map<string, string[]>();
    for (const r of rels) {
      if (r.relationshipType !== type || typeof r.from !== "string") continue;
      m.set(r.from, [...(m.get(r.from) ?? []), ...ids(r.to)]);
    }
    return m;
  };
  /** How each child was derived from each parent, where a descendantOf relationship says so. */
  const relationOf = new Map<string, Relation>();
  for (const r of rels) {
    if (r.relationshipType !== "descendantOf" || typeof r.from !== "string") continue;
    for (const [name, value] of extensionProperties(r)) {
      const relation = name === PROP.relation ? readRelation(value) : null;
      if (relation) for (const to of ids(r.to)) relationOf.set(`${r.from}\u0000${to}`, relation);
    }
  }
  const concluded = out("hasConcludedLicense");
  const declared = out("hasDeclaredLicense");
  const contains = out("contains");
  const trainedOn = out("trainedOn");
  const descendantOf = out("descendantOf");
  for (const [from, tos] of out("ancestorOf"))
    for (const to of tos) descendantOf.set(to, [...(descendantOf.get(to) ?? []), from]);
  const containedBy = new Map<string, string>();
  for (const [from, tos] of contains)
    for (const to of tos) if (!containedBy.has(to)) containedBy.set(to, from);

  const licenceText = (ref: string): string | null => {
    const e = byId.get(ref);
    if (e && typeof e.simplelicensing_licenseExpression === "string")
      return e.simplelicensing_licenseExpression;
    if (e && typeof e.name === "string" && /ListedLicense$/.test(typeOf(e))) return e.name;
    if (/NoneLicense$/.test(ref)) return "NONE";
    if (/NoAssertionLicense$/.test(ref)) return "NOASSERTION";
    const m = LISTED.exec(ref);
    return m ? m[1]! : null;
  };
  /** An element's licence: its own, else that of what contains it (a file in a dataset). */
  const licenceOf = (id: string, seen = new Set<string>()): string | null => {
    const refs = concluded.get(id) ?? declared.get(id);
    if (refs?.length) {
      const texts = refs.map(licenceText).filter((t): t is string => t !== null);
      if (texts.length > 0)
        return texts.length === 1 ? texts[0]! : texts.map((t) => `(${t})`).join(" AND ");
    }
    const parent = containedBy.get(id);
    if (parent && !seen.has(parent)) return licenceOf(parent, seen.add(id));
    return null;
  };
  const nameOf = (id: string) => {
    const e = byId.get(id);
    return e && typeof e.name === "string" ? e.name : id;
  };

  const packages = graph.filter((e) => typeOf(e) === "ai_AIPackage");
  if (packages.length === 0)
    return err("the document has no ai_AIPackage element (SPDX 3 AI profile)");
  const packageIds = new Set(packages.map(idOf));
  /** The AI package an element belongs to: itself, or the package that contains it. */
  const owner = (id: string): string | undefined => {
    let cur: string | undefined = id;
    for (let i = 0; cur && i < 64; i++) {
      if (packageIds.has(cur)) return cur;
      cur = containedBy.get(cur);
    }
    return undefined;
  };
  const training = new Map<string, string[]>();
  for (const [from, tos] of trainedOn) {
    const pkg = owner(from);
    // NoneElement declares that there was no training data; NoAssertionElement says nothing.
    const data = tos.filter((t) => t !== "NoneElement" && t !== "NoAssertionElement");
    if (!pkg || (data.length === 0 && !tos.includes("NoneElement"))) continue;
    training.set(pkg, [...(training.get(pkg) ?? []), ...data]);
  }
  /** A package of which the document gives nothing but the name is named, not described. */
  const described = (id: string) =>
    concluded.has(id) ||
    declared.has(id) ||
    training.has(id) ||
    descendantOf.has(id) ||
    extensionProperties(byId.get(id)).length > 0;
  // The name alone, not name@version: cards and BOMs elsewhere name a parent without its version.
  const modelName = nameOf;
  const warnings: string[] = [];
  const specs = new Map<string, ModelSpec>();
  for (const p of packages) {
    const id = idOf(p);
    const spec: ModelSpec = { id: modelName(id), licence: licenceOf(id) };
    const data = training.get(id);
    if (data) {
      spec.sources = [...new Set(data)].map((d): SourceSpec => {
        const source: SourceSpec = { name: nameOf(d), licence: licenceOf(d) };
        for (const [name, value] of extensionProperties(byId.get(d)))
          if (name === PROP.terms) {
            const terms = readTerms(value, warnings, source.name);
            if (terms) source.terms = terms;
          }
        return source;
      });
    }
    applyModelProperties(spec, extensionProperties(p), warnings);
    specs.set(id, spec);
  }
  for (const p of packages) {
    const parents = descendantOf.get(idOf(p));
    if (!parents?.length) continue;
    const said = parents.map((ref) => relationOf.get(`${idOf(p)}\u0000${ref}`));
    if (said.some((r) => r === undefined))
      warnings.push(
        `${modelName(idOf(p))}: descendantOf does not say how it was derived; read as a fine-tune`,
      );
    specs.get(idOf(p))!.bases = parents.map((ref, i): BaseSpec => {
      const parent = specs.get(ref);
      const relation = said[i] ?? "finetune";
      return parent && described(ref)
        ? { ref: parent.id, relation, model: parent }
        : { ref: parent?.id ?? nameOf(ref), relation };
    });
  }
  // The document's root elements come first: they are what it describes.
  const roots = new Set(graph.flatMap((e) => ids(e.rootElement)));
  // A package named only as a parent is not a description of it: joined by id, it would pass for one.
  const describedPackages = packages.filter((p) => roots.has(idOf(p)) || described(idOf(p)));
  const ordered = [...(describedPackages.length > 0 ? describedPackages : packages)].sort(
    (a, b) => Number(roots.has(idOf(b))) - Number(roots.has(idOf(a))),
  );
  return ok(
    ordered.map((p, i) => ({
      format: "spdx3",
      kind: "model",
      spec: specs.get(idOf(p))!,
      warnings: i === 0 ? warnings : [],
    })),
  );
}
