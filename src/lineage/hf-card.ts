/**
 * Hugging Face model and dataset cards: the YAML front matter of README.md
 * (https://huggingface.co/docs/hub/model-cards): `license`, `license_name`,
 * `license_link`, `base_model` (a string or a list), `base_model_relation`
 * (adapter, merge, quantized, finetune) and `datasets`. Pure.
 */
import { parse as parseYaml } from "yaml";
import { type Result, err, ok } from "../errors.ts";
import {
  type BaseSpec,
  type ModelSpec,
  RELATIONS,
  type Relation,
  type SourceSpec,
} from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";
import { hfLicence } from "./hf-licences.ts";
import type { Obj } from "./json-object.ts";

/** The front matter of a card, or null when the text has none. */
export function frontMatter(text: string): string | null {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return m ? m[1]! : null;
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
    .filter((x): x is string => typeof x === "string" && x.trim() !== "")
    .map((x) => x.trim());

const DATASET_KEYS = [
  "dataset_info",
  "configs",
  "task_categories",
  "size_categories",
  "source_datasets",
  "annotations_creators",
];
const MODEL_KEYS = [
  "base_model",
  "pipeline_tag",
  "library_name",
  "model-index",
  "base_model_relation",
];

/**
 * The relation the Hub would infer when the card does not say: a merge for
 * several parents or a `merge` tag, an adapter for PEFT, a quantization for
 * GGUF/GPTQ/AWQ or `quantized_by`, else a fine-tune.
 */
function inferRelation(fm: Obj, parents: number): Relation {
  const tags = strings(fm.tags).map((t) => t.toLowerCase());
  if (parents > 1 || tags.includes("merge") || tags.includes("mergekit")) return "merge";
  if (fm.library_name === "peft" || tags.includes("lora") || tags.includes("peft"))
    return "adapter";
  if (
    fm.quantized_by !== undefined ||
    tags.some((t) => ["gguf", "gptq", "awq", "exl2", "quantized"].includes(t))
  )
    return "quantized";
  return "finetune";
}

/**
 * Read a card. `id` is the repository id (org/name), which a card does not
 * carry: the caller takes it from where the card was found.
 */
export function readHfCard(text: string, id: string): Result<ModelDoc, string> {
  const yaml = frontMatter(text);
  if (yaml === null)
    return err(
      "no YAML front matter (a block between '---' lines at the top): not a Hugging Face card",
    );
  let fm: unknown;
  try {
    fm = parseYaml(yaml);
  } catch (e) {
    return err(`the front matter is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (fm === null || fm === undefined) fm = {};
  if (typeof fm !== "object" || Array.isArray(fm))
    return err("the front matter is not a map of fields");
  const o = fm as Obj;
  const warnings: string[] = [];
  const lic = hfLicence(o.license, o.license_name);
  if (lic.unmapped)
    warnings.push(
      `licence not recognised: ${lic.unmapped}${typeof o.license_link === "string" ? ` (${o.license_link})` : ""}`,
    );
  const isDataset = DATASET_KEYS.some((k) => k in o) && !MODEL_KEYS.some((k) => k in o);
  const spec: ModelSpec = { id, licence: lic.expression, published: { weights: !isDataset } };
  if (isDataset) return ok({ format: "hf-card", kind: "dataset", spec, warnings });

  const datasets = strings(o.datasets);
  // A card that lists datasets declares its training data; one that lists none says nothing about it.
  if (datasets.length > 0) spec.sources = datasets.map((name): SourceSpec => ({ name }));
  const parents = strings(o.base_model);
  if (parents.length > 0) {
    let relation: Relation;
    const declared =
      typeof o.base_model_relation === "string"
        ? o.base_model_relation.trim().toLowerCase()
        : undefined;
    if (declared && (RELATIONS as readonly string[]).includes(declared))
      relation = declared as Relation;
    else {
      if (declared)
        warnings.push(
          `base_model_relation ${JSON.stringify(declared)} is not one of ${RELATIONS.join(", ")}`,
        );
      relation = inferRelation(o, new Set(parents).size);
    }
    // A merge may list one parent several times (a passthrough self-merge); one edge each is enough.
    spec.bases = [...new Set(parents)].map((ref): BaseSpec => ({ ref, relation }));
  }
  return ok({ format: "hf-card", kind: "model", spec, warnings });
}
