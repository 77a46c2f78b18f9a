/**
 * One manifest row: what a file is, where it came from, under which licence
 * and why. The same field names are the DuckDB columns, the Parquet/CSV
 * columns and the JSON keys, so a row reads the same wherever it is read.
 */
import type { SkipReason } from "../detect/types.ts";
import type { Origin } from "../sources/types.ts";
import type { Role } from "./classify.ts";

/**
 * Why a row has the licence it has:
 * - own: the file's own detection (a tag, a manifest field, a licence text);
 * - inherited: from the nearest licence file or package manifest above it in
 *   the same project (`licence_from` names it);
 * - dataset: from the dataset row's own licence columns (`detected_licenses`),
 *   when nothing in the corpus says more;
 * - none: no licence known.
 */
export type LicenceSource = "own" | "inherited" | "dataset" | "none";

export interface ManifestRow {
  /** Index of the input (the INPUT arguments of `tgpl scan`, from 0). */
  input: number;
  /** Position in that input's deterministic order, from 0. */
  ordinal: number;
  path: string;
  project: string;
  origin_kind: Origin["kind"];
  origin_input: string;
  repository: string | null;
  revision: string | null;
  member: string | null;
  row: number | null;
  /** Null for a file that could not be read (then `error_code` is set). */
  sha256: string | null;
  blob_id: string | null;
  swhid: string | null;
  size: number | null;
  language: string | null;
  role: Role | null;
  binary: boolean;
  generated: boolean;
  vendored: boolean;
  /** The file's own detection, an SPDX expression. */
  own_licence: string | null;
  /** JSON: `{matches, warnings?}` from detection, null when nothing was seen. */
  evidence: string | null;
  /** The licence that applies (own, inherited or dataset). */
  licence: string | null;
  licence_source: LicenceSource;
  licence_from: string | null;
  /** What a dataset row's licence columns say, as an SPDX expression. */
  dataset_licence: string | null;
  /** JSON of the extra columns a dataset row carries. */
  meta: string | null;
  skipped: SkipReason | null;
  error_code: string | null;
  error_message: string | null;
}

export type ColumnType = "INTEGER" | "BIGINT" | "VARCHAR" | "BOOLEAN";

/** Columns in table order, with their SQL types: the one place the schema is written. */
export const COLUMNS: readonly (readonly [keyof ManifestRow, ColumnType])[] = [
  ["input", "INTEGER"],
  ["ordinal", "BIGINT"],
  ["path", "VARCHAR"],
  ["project", "VARCHAR"],
  ["origin_kind", "VARCHAR"],
  ["origin_input", "VARCHAR"],
  ["repository", "VARCHAR"],
  ["revision", "VARCHAR"],
  ["member", "VARCHAR"],
  ["row", "BIGINT"],
  ["sha256", "VARCHAR"],
  ["blob_id", "VARCHAR"],
  ["swhid", "VARCHAR"],
  ["size", "BIGINT"],
  ["language", "VARCHAR"],
  ["role", "VARCHAR"],
  ["binary", "BOOLEAN"],
  ["generated", "BOOLEAN"],
  ["vendored", "BOOLEAN"],
  ["own_licence", "VARCHAR"],
  ["evidence", "VARCHAR"],
  ["licence", "VARCHAR"],
  ["licence_source", "VARCHAR"],
  ["licence_from", "VARCHAR"],
  ["dataset_licence", "VARCHAR"],
  ["meta", "VARCHAR"],
  ["skipped", "VARCHAR"],
  ["error_code", "VARCHAR"],
  ["error_message", "VARCHAR"],
];
