/**
 * Reading model documents from disk: which format a file is (by content, not
 * by name), and the repository id of a Hugging Face card (from where it lies:
 * `ORG/NAME/README.md`, or `ORG__NAME.md` as the Hub's cache names repos).
 */
import { readFileSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { InputError } from "../errors.ts";
import { readCycloneDx } from "./cyclonedx.ts";
import type { ModelDoc } from "./doc.ts";
import { frontMatter, readHfCard } from "./hf-card.ts";
import { parseModelFile } from "./model-file.ts";
import { readSpdx3 } from "./spdx3.ts";

const MAX_BYTES = 64 << 20;

/** The repository id a card at `path` stands for. */
export function idFromPath(path: string): string {
  const file = basename(path);
  if (/^readme(\.md)?$/i.test(file)) {
    const name = basename(dirname(path));
    const org = basename(dirname(dirname(path)));
    return org && org !== "." && org !== "/" && name ? `${org}/${name}` : name || file;
  }
  return file.replace(/\.(md|markdown|ya?ml|json)$/i, "").replace(/__/g, "/");
}

/** Read the text of a document, with errors that say what to do. */
function readText(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile())
      throw new InputError(
        `${path} is not a file`,
        "Pass a model file, a model card (README.md), a CycloneDX ML-BOM or an SPDX 3 document.",
      );
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      "Check the path.",
    );
  }
  if (size > MAX_BYTES)
    throw new InputError(
      `${path} is larger than 64 MiB`,
      "A model document is small; pass the card or BOM, not the weights.",
    );
  return readFileSync(path, "utf8");
}

/**
 * Every model (or dataset) a file describes, first the one it is about.
 * @throws InputError when the file cannot be read or is none of the formats
 */
export function readModelDocs(path: string): ModelDoc[] {
  const text = readText(path);
  const fail = (what: string, detail: string) =>
    new InputError(
      `${path}: ${detail}`,
      `tgpl reads ${what}; see docs/model-file.md for the tgpl model file.`,
    );
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw fail("JSON documents", `not valid JSON: ${(e as Error).message}`);
    }
    const o = json as Record<string, unknown>;
    if (o.bomFormat === "CycloneDX") {
      const r = readCycloneDx(json);
      if (!r.ok) throw fail("CycloneDX 1.6 ML-BOMs", r.error);
      return r.value;
    }
    if ("@graph" in o || "@context" in o) {
      const r = readSpdx3(json);
      if (!r.ok) throw fail("SPDX 3.0.1 documents with the AI profile", r.error);
      return r.value;
    }
  }
  if (frontMatter(text) !== null) {
    const r = readHfCard(text, idFromPath(path));
    if (!r.ok) throw fail("Hugging Face cards", r.error);
    return [r.value];
  }
  const r = parseModelFile(text);
  if (!r.ok) {
    throw new InputError(
      `${path} is not a model document tgpl can read:\n  ${r.error.join("\n  ")}`,
      "Pass a tgpl model file (docs/model-file.md), a Hugging Face card (README.md with YAML front matter), a CycloneDX 1.6 ML-BOM or an SPDX 3.0.1 AI document.",
    );
  }
  return [r.value];
}
