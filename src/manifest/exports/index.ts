/**
 * Export formats of a finished manifest, by name. `tgpl export --format NAME`
 * looks the name up here, so a new format (SPDX 3, CycloneDX, Croissant, a
 * model card section) is one entry and one module, not a change to the command.
 */
import type { ManifestReader } from "../reader.node.ts";

export interface ExportResult {
  /** Rows written (files, for row-per-file formats). */
  rows: number;
}

export interface ExportFormat {
  /** File name extension of the output, with the dot. */
  extension: string;
  /** One line for `tgpl export --help`. */
  description: string;
  write(manifest: ManifestReader, out: string): Promise<ExportResult>;
}

export const EXPORT_FORMATS: Record<string, () => Promise<ExportFormat>> = {
  parquet: async () => (await import("./table.node.ts")).parquet,
  csv: async () => (await import("./table.node.ts")).csv,
};
