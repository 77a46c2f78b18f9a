/**
 * The training-data documents as export formats: read the corpus from the
 * manifest, write its per-file list beside the document, read the model
 * document when one is given, and write the document. The I/O edge of
 * doc.ts and render.ts.
 */
import { writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { InputError, UsageError } from "../../errors.ts";
import { indexDocs, joinModel, keyOf } from "../../lineage/join.ts";
import { readModelDocs } from "../../lineage/read.node.ts";
import type { ModelSpec } from "../../policy/types.ts";
import { version } from "../../version.ts";
import type { ManifestReader } from "../reader.node.ts";
import { readCorpus, writeFileList } from "./corpus.node.ts";
import { CYCLONEDX_SPECS, type CycloneDxSpec } from "./cyclonedx.ts";
import {
  type Corpus,
  type DocContext,
  type DocUrls,
  isoSeconds,
  makeContext,
  parseCreated,
} from "./doc.ts";
import type { ExportFormat, ExportOptions, ExportResult } from "./index.ts";
import { tgplText } from "./licence-texts.node.ts";
import { type DocumentFormat, render } from "./render.ts";

export interface ModelInput {
  spec: ModelSpec;
  /** Manifests the model document names, resolved against its directory. */
  manifests: string[];
  warnings: string[];
}

/**
 * The model a document describes, its parents joined from the same file.
 * @throws InputError when the file is not a model document tgpl reads, or describes no model
 */
export function readModel(path: string, id?: string): ModelInput {
  const docs = readModelDocs(path);
  const target = id
    ? docs.find((d) => keyOf(d.spec.id) === keyOf(id))
    : docs.find((d) => d.kind === "model");
  if (!target)
    throw new InputError(
      id
        ? `${path} describes no model ${JSON.stringify(id)}; it describes: ${docs.map((d) => d.spec.id).join(", ")}`
        : `${path} describes a dataset, not a model`,
      "Pass the model's own file (docs/model-file.md), card or BOM.",
    );
  return {
    spec: joinModel(target.spec, indexDocs(docs)),
    manifests: (target.manifests ?? []).map((m) => resolve(dirname(path), m)),
    warnings: target.warnings,
  };
}

/** Where the per-file list goes for a document written to `out`: beside it, named after it. */
export function fileListPath(out: string): string {
  const name = basename(out);
  const stem = name.includes(".") ? name.slice(0, name.indexOf(".")) : name;
  return join(dirname(out), `${stem || "training-data"}.files.parquet`);
}

/** The manifest's name in documents: its file name without the extension. */
export const corpusNameOf = (manifestPath: string) =>
  basename(manifestPath, extname(manifestPath)) || "corpus";

export interface ContextOptions {
  model?: ModelSpec | null;
  name?: string;
  created?: string;
  docsLicence?: string;
  urls?: DocUrls;
}

/** Read the corpus (writing its file list) and make the documents' context. */
export async function corpusContext(
  manifest: ManifestReader,
  fileList: string,
  options: ContextOptions,
): Promise<{ ctx: DocContext; corpus: Corpus }> {
  const list = await writeFileList(manifest, fileList);
  const corpus = await readCorpus(
    manifest,
    options.name ?? corpusNameOf(manifest.store.path),
    list,
  );
  const created =
    options.created ??
    (corpus.scannedAt ? parseCreated(corpus.scannedAt) : null) ??
    isoSeconds(new Date());
  const ctx = makeContext({
    corpus,
    spec: options.model ?? null,
    created,
    docsLicence: options.docsLicence ?? "CC0-1.0",
    urls: options.urls ?? {},
    toolVersion: version,
    tgplText: tgplText(),
  });
  return { ctx, corpus };
}

function documentFormat(
  format: DocumentFormat,
  extension: string,
  description: string,
): ExportFormat {
  return {
    extension,
    description,
    options: [
      "model",
      "model-id",
      "name",
      "created",
      "docs-license",
      "model-source",
      "training-data-url",
      ...(format === "spdx3" ? ["namespace"] : []),
      ...(format === "cyclonedx" ? ["spec"] : []),
    ],
    async write(
      manifest: ManifestReader,
      out: string,
      options: ExportOptions = {},
    ): Promise<ExportResult> {
      const warnings: string[] = [];
      let model: ModelSpec | null = null;
      if (options.model) {
        const m = readModel(options.model, options.modelId);
        warnings.push(...m.warnings);
        const here = resolve(manifest.store.path);
        if (m.manifests.length > 0 && !m.manifests.includes(here))
          warnings.push(
            `${options.model} names the manifests ${m.manifests.join(", ")}; the documents describe ${manifest.store.path} instead`,
          );
        model = m.spec;
      }
      let spec: CycloneDxSpec | undefined;
      if (options.spec !== undefined) {
        if (!(CYCLONEDX_SPECS as readonly string[]).includes(options.spec))
          throw new UsageError(
            `--spec takes ${CYCLONEDX_SPECS.join(" or ")}, not ${JSON.stringify(options.spec)}`,
          );
        spec = options.spec as CycloneDxSpec;
      }
      const list = fileListPath(out);
      const { ctx, corpus } = await corpusContext(manifest, list, {
        model,
        ...(options.name ? { name: options.name } : {}),
        ...(options.created ? { created: options.created } : {}),
        ...(options.docsLicence ? { docsLicence: options.docsLicence } : {}),
        ...(options.urls ? { urls: options.urls } : {}),
      });
      const text = render(format, ctx, {
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(spec ? { spec } : {}),
      });
      await writeFile(out, text);
      return { rows: corpus.fileList.rows, files: [list], warnings };
    },
  };
}

export const spdx3 = documentFormat(
  "spdx3",
  ".spdx3.json",
  "SPDX 3.0.1 JSON-LD, AI and Dataset profiles (with --model: the model, its parents, trainedOn/descendantOf)",
);
export const cyclonedx = documentFormat(
  "cyclonedx",
  ".cdx.json",
  "CycloneDX 1.6 ML-BOM (--spec 1.7 for 1.7): model card, data components, pedigree, services",
);
export const croissant = documentFormat(
  "croissant",
  ".croissant.json",
  "Croissant 1.0 with the RAI 1.0 fields: the corpus, its licences and its per-file list",
);
export const hfCardFormat = documentFormat(
  "hf-card",
  ".card.md",
  "Hugging Face model card front matter and a 'Training data' section",
);
export const mof = documentFormat(
  "mof",
  ".mof.yml",
  "Model Openness Framework 1.0 YAML: the 17 components with location and licence",
);
