/**
 * SPDX 3.0.1 documents with the AI and Dataset profiles (JSON-LD):
 * `ai_AIPackage` elements, `trainedOn` relationships to datasets or files,
 * `descendantOf` / `ancestorOf` between models, and licences through
 * `hasConcludedLicense` (preferred: an analyst's conclusion) or
 * `hasDeclaredLicense`. A `trainedOn` from a file that a package contains
 * (the official example's model.bin) counts for that package. Pure.
 */
import { type Result, err, ok } from "../errors.ts";
import type { BaseSpec, ModelSpec, SourceSpec } from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const ids = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");

const LISTED = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+?)(\.html|\.json)?$/;

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
    if (pkg) training.set(pkg, [...(training.get(pkg) ?? []), ...tos]);
  }
  // The name alone, not name@version: cards and BOMs elsewhere name a parent without its version.
  const modelName = nameOf;
  const warnings: string[] = [];
  const specs = new Map<string, ModelSpec>();
  for (const p of packages) {
    const id = idOf(p);
    const spec: ModelSpec = { id: modelName(id), licence: licenceOf(id) };
    const data = training.get(id);
    if (data) {
      spec.sources = [...new Set(data)].map(
        (d): SourceSpec => ({ name: nameOf(d), licence: licenceOf(d) }),
      );
    }
    specs.set(id, spec);
  }
  for (const p of packages) {
    const parents = descendantOf.get(idOf(p));
    if (!parents?.length) continue;
    warnings.push(
      `${modelName(idOf(p))}: descendantOf does not say how it was derived; read as a fine-tune`,
    );
    specs.get(idOf(p))!.bases = parents.map((ref): BaseSpec => {
      const parent = specs.get(ref);
      return parent
        ? { ref: parent.id, relation: "finetune", model: parent }
        : { ref: nameOf(ref), relation: "finetune" };
    });
  }
  // The document's root elements come first: they are what it describes.
  const roots = new Set(graph.flatMap((e) => ids(e.rootElement)));
  const ordered = [...packages].sort(
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
