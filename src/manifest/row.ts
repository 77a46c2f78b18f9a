/** Building a manifest row from a source's record and what a worker learned. Pure. */
import { join, normalizeExpression } from "../detect/expression.ts";
import type { SkipReason } from "../detect/types.ts";
import type { SourceFile } from "../sources/types.ts";
import type { Role } from "./classify.ts";
import type { ContentHashes } from "./hash.ts";
import type { ManifestRow } from "./record.ts";

/** What a worker learned about one file. */
export interface FileFacts {
  hashes: ContentHashes | null;
  language: string | null;
  role: Role | null;
  binary: boolean;
  generated: boolean;
  vendored: boolean;
  ownLicence: string | null;
  /** JSON of `{matches, warnings?}`, null when detection saw nothing. */
  evidence: string | null;
  skipped: SkipReason | null;
  error: { code: string; message: string } | null;
}

/**
 * Dataset columns that carry a repository's licence as SPDX ids (The Stack v2
 * `detected_licenses`, v1 `max_stars_repo_licenses`, a plain `license`).
 * `license_type` ("permissive", "no_license") is a class, not a licence: it
 * stays in `meta` and is never turned into an expression.
 */
const DATASET_LICENCE_KEYS = [
  "detected_licenses",
  "max_stars_repo_licenses",
  "licenses",
  "license",
];

/** A dataset repeats a few licence lists across millions of rows: each is parsed once. */
const seenLists = new Map<string, string | null>();

function licenceOfList(ids: unknown[]): string | null {
  const key = JSON.stringify(ids);
  const known = seenLists.get(key);
  if (known !== undefined) return known;
  const exprs = ids
    .filter((v): v is string => typeof v === "string" && v.trim() !== "")
    .map(normalizeExpression)
    .filter((e): e is string => e !== null);
  const joined = join(exprs, "and");
  if (seenLists.size > 10_000) seenLists.clear();
  seenLists.set(key, joined);
  return joined;
}

export function datasetLicenceOf(meta: Record<string, unknown> | undefined): string | null {
  if (!meta) return null;
  for (const key of DATASET_LICENCE_KEYS) {
    const value = meta[key];
    const ids = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    const joined = ids.length > 0 ? licenceOfList(ids) : null;
    if (joined) return joined;
  }
  return null;
}

const plain = (v: unknown): boolean =>
  v === null ||
  typeof v === "string" ||
  typeof v === "number" ||
  typeof v === "boolean" ||
  (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number"));

/** JSON that survives what Parquet readers hand back (bigint, binary columns). */
function metaJson(meta: Record<string, unknown> | undefined): string | null {
  if (!meta) return null;
  const values = Object.values(meta);
  if (values.length === 0) return null;
  // A replacer makes JSON.stringify several times slower: use it only for the values that need it.
  if (values.every(plain)) return JSON.stringify(meta);
  return JSON.stringify(meta, (_, v) =>
    typeof v === "bigint"
      ? v.toString()
      : v instanceof Uint8Array
        ? Buffer.from(v).toString("base64")
        : v,
  );
}

/**
 * The row for one file. `facts` is null when the source already failed on the
 * file (`file.error`): such a row has no hashes and counts as an error.
 */
export function rowOf(input: number, file: SourceFile, facts: FileFacts): ManifestRow {
  const error = file.error ?? facts.error;
  const datasetLicence = datasetLicenceOf(file.meta);
  const own = error ? null : facts.ownLicence;
  const licence = own ?? (error ? null : datasetLicence);
  return {
    input,
    ordinal: file.ordinal,
    path: file.path,
    project: file.project,
    origin_kind: file.origin.kind,
    origin_input: file.origin.input,
    repository: file.origin.repository ?? null,
    revision: file.origin.revision ?? null,
    member: file.origin.member ?? null,
    row: file.origin.row ?? null,
    sha256: error ? null : (facts.hashes?.sha256 ?? null),
    blob_id: error ? (file.blobId ?? null) : (facts.hashes?.blobId ?? null),
    swhid: error ? null : (facts.hashes?.swhid ?? null),
    size: facts.hashes?.size ?? file.size ?? null,
    language: facts.language,
    role: facts.role,
    binary: facts.binary,
    generated: facts.generated,
    vendored: facts.vendored,
    own_licence: own,
    evidence: error ? null : facts.evidence,
    licence,
    licence_source: own ? "own" : licence ? "dataset" : "none",
    licence_from: own ? file.path : licence ? "dataset row" : null,
    dataset_licence: datasetLicence,
    meta: metaJson(file.meta),
    skipped: error ? null : facts.skipped,
    error_code: error?.code ?? null,
    error_message: error?.message ?? null,
  };
}
