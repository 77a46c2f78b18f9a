/**
 * What a GGUF file says about its own lineage (llama.cpp's general.* keys):
 * `general.base_model.{i}.name|organization|repo_url` for the models it was
 * fine-tuned or merged from, `general.source.repo_url|huggingface.repository`
 * for the model it was converted (and usually quantized) from, and
 * `general.license` in the Hub's vocabulary. Pure.
 */
import type { GgufFile } from "../../formats/gguf/reader.ts";
import { metaValue } from "../../formats/gguf/reader.ts";
import { hfLicence } from "../hf-licences.ts";
import type { Declared, DeclaredBase } from "./source.ts";

const text = (f: GgufFile, key: string): string | undefined => {
  const v = metaValue(f, key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/** "org/name" from a Hub URL, or the URL itself. */
function repoOf(url: string): string {
  const m = /^https?:\/\/(?:www\.)?huggingface\.co\/([^/\s]+\/[^/\s?#]+)/i.exec(url);
  return m ? m[1]! : url;
}

function refAt(f: GgufFile, prefix: string): string | undefined {
  const url = text(f, `${prefix}.repo_url`);
  if (url) return repoOf(url);
  const repo = text(f, `${prefix}.huggingface.repository`);
  if (repo) return repo;
  const name = text(f, `${prefix}.name`);
  if (!name) return undefined;
  const org = text(f, `${prefix}.organization`);
  return org ? `${org}/${name}` : name;
}

export function ggufDeclared(f: GgufFile): Declared {
  const bases: DeclaredBase[] = [];
  const count = metaValue(f, "general.base_model.count");
  const n = typeof count === "number" ? count : typeof count === "bigint" ? Number(count) : 0;
  for (let i = 0; i < Math.min(n, 64); i++) {
    const ref = refAt(f, `general.base_model.${i}`);
    if (ref)
      bases.push({
        ref,
        ...(n > 1 ? { relation: "merge" as const } : {}),
        from: `general.base_model.${i}`,
      });
  }
  const source = refAt(f, "general.source");
  if (source) bases.push({ ref: source, relation: "quantized", from: "general.source" });
  const out: Declared = { bases };
  const name = text(f, "general.name");
  if (name) out.name = name;
  const lic = text(f, "general.license");
  if (lic) out.licence = hfLicence(lic, text(f, "general.license.name")).expression;
  return out;
}
