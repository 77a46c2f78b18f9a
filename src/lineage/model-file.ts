/**
 * The tgpl model file (docs/model-file.md, schemas/model.schema.json): a YAML
 * or JSON document that says what a model is, what it was trained on, what it
 * was made from, how it is used and what was published. `validateModelFile`
 * checks a parsed document and returns errors that start with the field's
 * dot-path; `parseModelFile` parses the text first. Pure.
 */
import { parse as parseYaml } from "yaml";
import { type Result, err, ok } from "../errors.ts";
import {
  type BaseSpec,
  DEPLOYMENTS,
  type Deployment,
  type ModelSpec,
  PUBLISHED_DOCUMENTS,
  type Published,
  RELATIONS,
  type Relation,
  type SourceSpec,
  type TermsSignals,
} from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";
import { licenceFromText } from "./hf-licences.ts";
import { isObj, type Obj } from "./json-object.ts";

const MODEL_KEYS = new Set([
  "format",
  "model",
  "license",
  "use",
  "deployment",
  "published",
  "training-data",
  "base-models",
]);
const BASE_KEYS = new Set([...MODEL_KEYS, "relation"]);
const SOURCE_KEYS = new Set(["name", "license", "terms", "files", "manifest"]);
const TERMS_KEYS = new Set(["tdm-reservation", "offer", "content-usage", "noai", "noimageai"]);

class Errors {
  list: string[] = [];
  add(path: string, message: string) {
    this.list.push(`${path}: ${message}`);
  }
}

function unknownKeys(o: Obj, allowed: Set<string>, path: string, e: Errors) {
  for (const k of Object.keys(o))
    if (!allowed.has(k))
      e.add(`${path}${k}`, `unknown field (expected one of ${[...allowed].join(", ")})`);
}

function str(o: Obj, key: string, path: string, e: Errors): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || v.trim() === "") {
    e.add(`${path}${key}`, "must be a non-empty string");
    return undefined;
  }
  return v.trim();
}

function licence(o: Obj, path: string, e: Errors): string | null | undefined {
  if (!("license" in o)) return undefined;
  if (o.license === null) return null;
  const v = str(o, "license", path, e);
  return v === undefined ? undefined : licenceFromText(v);
}

function deployment(v: unknown, path: string, e: Errors): Deployment[] | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const out: Deployment[] = [];
  for (const d of list) {
    if (typeof d === "string" && (DEPLOYMENTS as readonly string[]).includes(d))
      out.push(d as Deployment);
    else e.add(`${path}deployment`, `${JSON.stringify(d)} is not one of ${DEPLOYMENTS.join(", ")}`);
  }
  return out;
}

function published(v: unknown, path: string, e: Errors): Published | undefined {
  if (v === undefined) return undefined;
  const out: Published = {};
  if (Array.isArray(v)) {
    // A list is a complete statement: what it names was released, the rest was not.
    for (const k of PUBLISHED_DOCUMENTS) out[k] = false;
    for (const item of v) {
      if (typeof item === "string" && (PUBLISHED_DOCUMENTS as readonly string[]).includes(item))
        out[item as keyof Published] = true;
      else
        e.add(
          `${path}published`,
          `${JSON.stringify(item)} is not one of ${PUBLISHED_DOCUMENTS.join(", ")}`,
        );
    }
    return out;
  }
  if (isObj(v)) {
    for (const [k, val] of Object.entries(v)) {
      if (!(PUBLISHED_DOCUMENTS as readonly string[]).includes(k))
        e.add(
          `${path}published.${k}`,
          `unknown document (expected one of ${PUBLISHED_DOCUMENTS.join(", ")})`,
        );
      else if (typeof val !== "boolean") e.add(`${path}published.${k}`, "must be true or false");
      else out[k as keyof Published] = val;
    }
    return out;
  }
  e.add(`${path}published`, "must be a list of documents or a map of document: true|false");
  return undefined;
}

function terms(v: unknown, path: string, e: Errors): TermsSignals | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) {
    e.add(path, "must be a map (tdm-reservation, offer, content-usage, noai, noimageai)");
    return undefined;
  }
  unknownKeys(v, TERMS_KEYS, `${path}.`, e);
  const out: TermsSignals = {};
  const bool = (k: string) => {
    const b = v[k];
    if (b === undefined) return undefined;
    if (typeof b !== "boolean") e.add(`${path}.${k}`, "must be true or false");
    return b === true;
  };
  if (bool("tdm-reservation")) out.tdmReservation = true;
  if (bool("noai")) out.noai = true;
  if (bool("noimageai")) out.noimageai = true;
  const offer = str(v, "offer", `${path}.`, e);
  if (offer) out.offer = licenceFromText(offer);
  const cu = str(v, "content-usage", `${path}.`, e);
  if (cu) out.contentUsage = cu;
  return out;
}

function sources(
  v: unknown,
  path: string,
  e: Errors,
  manifests: string[],
): SourceSpec[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    e.add(path, "must be a list of sources");
    return undefined;
  }
  const out: SourceSpec[] = [];
  v.forEach((item, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(item)) {
      e.add(p, "must be a map with name and license (or manifest)");
      return;
    }
    unknownKeys(item, SOURCE_KEYS, `${p}.`, e);
    const manifest = str(item, "manifest", `${p}.`, e);
    if (manifest) {
      manifests.push(manifest);
      return;
    }
    const name = str(item, "name", `${p}.`, e);
    if (!name) {
      if (!("name" in item)) e.add(`${p}.name`, "is required (or give manifest: PATH)");
      return;
    }
    const s: SourceSpec = { name };
    const l = licence(item, `${p}.`, e);
    if (l !== undefined) s.licence = l;
    const t = terms(item.terms, `${p}.terms`, e);
    if (t) s.terms = t;
    if (item.files !== undefined) {
      if (typeof item.files === "number" && Number.isInteger(item.files) && item.files >= 0)
        s.files = item.files;
      else e.add(`${p}.files`, "must be a whole number");
    }
    out.push(s);
  });
  return out;
}

function model(
  o: Obj,
  path: string,
  e: Errors,
  manifests: string[],
  depth: number,
): ModelSpec | undefined {
  const id = str(o, "model", path, e);
  if (!id && !("model" in o)) e.add(`${path}model`, "is required: the model's name, e.g. org/name");
  const spec: ModelSpec = { id: id ?? "(unnamed)" };
  const l = licence(o, path, e);
  if (l !== undefined) spec.licence = l;
  if (o.use !== undefined) {
    if (o.use === "commercial" || o.use === "non-commercial") spec.use = o.use;
    else e.add(`${path}use`, "must be commercial or non-commercial");
  }
  const d = deployment(o.deployment, path, e);
  if (d) spec.deployment = d;
  const p = published(o.published, path, e);
  if (p) spec.published = p;
  // Manifests of parents are not read: a parent's training data is described, not scanned, here.
  const s = sources(o["training-data"], `${path}training-data`, e, depth === 0 ? manifests : []);
  if (s) spec.sources = s;
  if (o["base-models"] !== undefined) {
    const list = o["base-models"];
    if (!Array.isArray(list)) e.add(`${path}base-models`, "must be a list");
    else if (depth > 32) e.add(`${path}base-models`, "nests deeper than 32 generations");
    else {
      spec.bases = [];
      list.forEach((b, i) => {
        const bp = `${path}base-models[${i}].`;
        if (!isObj(b)) {
          e.add(bp.slice(0, -1), "must be a map with model and relation");
          return;
        }
        unknownKeys(b, BASE_KEYS, bp, e);
        const relation = b.relation;
        if (typeof relation !== "string" || !(RELATIONS as readonly string[]).includes(relation)) {
          e.add(`${bp}relation`, `must be one of ${RELATIONS.join(", ")}`);
          return;
        }
        const parent = model(b, bp, e, manifests, depth + 1);
        if (!parent) return;
        // A parent with nothing but a name is named, not known.
        const known = Object.keys(b).some((k) => k !== "model" && k !== "relation");
        const base: BaseSpec = { ref: parent.id, relation: relation as Relation };
        if (known) base.model = parent;
        spec.bases!.push(base);
      });
    }
  }
  return spec;
}

/** Check a parsed model file. Errors start with the field's dot-path. */
export function validateModelFile(doc: unknown): Result<ModelDoc, string[]> {
  if (!isObj(doc)) return err(["(top): a model file is a map with at least 'model:'"]);
  const e = new Errors();
  unknownKeys(doc, MODEL_KEYS, "", e);
  if (doc.format !== undefined && doc.format !== "tgpl-model/1")
    e.add("format", `${JSON.stringify(doc.format)} is not a format this tgpl reads (tgpl-model/1)`);
  const manifests: string[] = [];
  const spec = model(doc, "", e, manifests, 0);
  if (e.list.length > 0 || !spec) return err(e.list);
  return ok({
    format: "tgpl",
    kind: "model",
    spec,
    ...(manifests.length ? { manifests } : {}),
    warnings: [],
  });
}

/** Parse a model file's text (YAML, of which JSON is a subset). */
export function parseModelFile(text: string): Result<ModelDoc, string[]> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return err([`(top): not valid YAML: ${(e as Error).message.split("\n")[0]}`]);
  }
  return validateModelFile(doc);
}
