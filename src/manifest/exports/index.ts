/**
 * Export formats of a finished manifest, by name. `tgpl export --format NAME`
 * looks the name up here, so a new format (SPDX 3, CycloneDX, Croissant, a
 * model card section) is one entry and one module, not a change to the command.
 */
import type { ManifestReader } from "../reader.node.ts";
import type { DocUrls } from "./doc.ts";

export interface ExportResult {
  /** Rows written (files, for row-per-file formats; the file list's rows for documents). */
  rows: number;
  /** Files written beside the output (a document's per-file list). */
  files?: string[];
  /** What the export saw but could not use. */
  warnings?: string[];
}

/** What the document formats read besides the manifest; the table formats read none of it. */
export interface ExportOptions {
  /** A model document (tgpl model file, card, ML-BOM, SPDX 3) describing the model trained on the corpus. */
  model?: string;
  /** Which model of a document describing several. */
  modelId?: string;
  /** The corpus's name in documents. */
  name?: string;
  /** Creation time of the documents, ISO 8601 UTC to the second. */
  created?: string;
  /** SPDX element id prefix. */
  namespace?: string;
  /** Licence of the documents themselves. */
  docsLicence?: string;
  /** CycloneDX version. */
  spec?: string;
  urls?: DocUrls;
}

export interface ExportFormat {
  /** File name extension of the output, with the dot. */
  extension: string;
  /** One line for `tgpl export --help`. */
  description: string;
  /** The command-line options (without --) this format reads beyond --out. */
  options?: readonly string[];
  write(manifest: ManifestReader, out: string, options?: ExportOptions): Promise<ExportResult>;
}

export const EXPORT_FORMATS: Record<string, () => Promise<ExportFormat>> = {
  parquet: async () => (await import("./table.node.ts")).parquet,
  csv: async () => (await import("./table.node.ts")).csv,
  spdx3: async () => (await import("./documents.node.ts")).spdx3,
  cyclonedx: async () => (await import("./documents.node.ts")).cyclonedx,
  croissant: async () => (await import("./documents.node.ts")).croissant,
  "hf-card": async () => (await import("./documents.node.ts")).hfCardFormat,
  mof: async () => (await import("./documents.node.ts")).mof,
};
