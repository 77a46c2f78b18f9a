/**
 * One dataset row (The Stack layout and its relatives) as a file record. Pure,
 * shared by the JSONL and Parquet readers. Columns left unnamed are looked up
 * among the names The Stack v1/v2 and StarCoder data use.
 */
import { Code, entryTooLarge } from "./codes.ts";
import { type DatasetColumns, limitsOf, type SourceOptions } from "./options.ts";
import type { SourceFile } from "./types.ts";

export const DEFAULT_COLUMNS: Record<keyof DatasetColumns, readonly string[]> = {
  content: ["content"],
  path: ["path", "max_stars_repo_path"],
  repo: ["repo_name", "max_stars_repo_name"],
  blobId: ["blob_id", "hexsha"],
};

export interface RowContext {
  input: string;
  columns: Partial<DatasetColumns>;
  maxEntryBytes: number;
}

/** The row context of dataset `input` read with `options`. */
export function rowContext(input: string, options: SourceOptions): RowContext {
  return { input, columns: options.columns ?? {}, maxEntryBytes: limitsOf(options).maxEntryBytes };
}

/** The record of row `row` before its columns are read: what an unreadable row is listed as. */
export function rowRecord(input: string, row: number): SourceFile {
  return {
    ordinal: row,
    path: `row-${row}`,
    project: input,
    origin: { kind: "dataset", input, row },
  };
}

const encoder = new TextEncoder();
const GIT_OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function pick(
  row: Record<string, unknown>,
  key: keyof DatasetColumns,
  ctx: RowContext,
): string | undefined {
  const names = ctx.columns[key] !== undefined ? [ctx.columns[key]] : DEFAULT_COLUMNS[key];
  return names.find((n) => row[n] !== undefined && row[n] !== null);
}

/** `row` is the row's 0-based number in the file; for datasets it is also the ordinal. */
export function rowToFile(
  row: Record<string, unknown>,
  index: number,
  ctx: RowContext,
): SourceFile {
  const used = new Set<string>();
  const take = (key: keyof DatasetColumns): unknown => {
    const name = pick(row, key, ctx);
    if (name === undefined) return undefined;
    used.add(name);
    return row[name];
  };
  const content = take("content");
  const rawPath = take("path");
  const repo = take("repo");
  const blobColumn = pick(row, "blobId", ctx);
  const blob = blobColumn === undefined ? undefined : String(row[blobColumn]).toLowerCase();
  // A blob id that is not a git object id (e.g. another hash) stays in meta as given.
  const blobId = blob !== undefined && GIT_OID.test(blob) ? blob : undefined;
  if (blobId && blobColumn) used.add(blobColumn);

  const repository = typeof repo === "string" && repo !== "" ? repo : undefined;
  const path =
    typeof rawPath === "string" && rawPath !== ""
      ? rawPath.replace(/^(?:\.?\/)+/, "")
      : `row-${index}`;
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!used.has(k)) meta[k] = v;

  const record: SourceFile = {
    ordinal: index,
    path,
    project: repository ?? ctx.input,
    origin: {
      kind: "dataset",
      input: ctx.input,
      row: index,
      ...(repository ? { repository } : {}),
    },
    ...(blobId ? { blobId } : {}),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  };
  const bytes =
    typeof content === "string"
      ? encoder.encode(content)
      : content instanceof Uint8Array
        ? content
        : undefined;
  if (bytes === undefined) {
    const wanted = ctx.columns.content ?? DEFAULT_COLUMNS.content.join(" or ");
    return {
      ...record,
      error: {
        code: Code.missingContent,
        message: `row ${index} has no text in column ${wanted}; if the dataset keeps its text elsewhere, name that column (columns.content)`,
      },
    };
  }
  if (bytes.length > ctx.maxEntryBytes)
    return {
      ...record,
      size: bytes.length,
      error: entryTooLarge(bytes.length, ctx.maxEntryBytes).toRecordError(),
    };
  return { ...record, size: bytes.length, bytes };
}
