/**
 * Reading what the documents say about a corpus from a finished manifest:
 * totals, licence groups, inputs, languages, the licence files (for a
 * NOTICE) and the Merkle root of the TGPL works alone; and writing the
 * per-file list that travels beside a document. A corpus of a million files
 * gives a few dozen numbers here; its files go into the list, never into a
 * JSON document.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { leafOfSha256, RootAccumulator } from "../merkle.ts";
import type { ManifestReader } from "../reader.node.ts";
import type { Corpus, CorpusInput, FileListRef, LicenceGroup } from "./doc.ts";

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Licence files listed in a NOTICE; past this they are counted, not listed. */
const MAX_LICENCE_FILES = 2000;
/** Repository names shown per input. */
const MAX_REPOSITORIES = 5;
const TGPL_SQL = "licence ILIKE '%LicenseRef-TGPL-1.0%'";

/** The input's name as documents show it: its base name, never the absolute path. */
export const inputName = (input: string): string => basename(input.replace(/[/\\]+$/, "")) || input;

/**
 * The file list's columns: the manifest's rows less what only makes sense on
 * the machine that scanned (absolute paths, raw evidence, dataset extras),
 * with each input named by its base name.
 */
function fileListSql(inputs: readonly string[]): string {
  const names = inputs.map((p, i) => `WHEN ${i} THEN ${quote(inputName(p))}`).join(" ");
  const inputCase = inputs.length > 0 ? `CASE input ${names} END` : "NULL";
  return `SELECT input, ${inputCase} AS input_name, ordinal, path,
      CASE WHEN project = origin_input THEN ${inputCase}
           WHEN starts_with(project, origin_input || '/') THEN ${inputCase} || substr(project, length(origin_input) + 1)
           ELSE project END AS project,
      origin_kind, repository, revision, member, "row", sha256, blob_id, swhid, size, language, role,
      "binary", generated, vendored, own_licence, licence, licence_source, licence_from,
      dataset_licence, skipped, error_code
    FROM files ORDER BY input, ordinal`;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Write the per-file list as zstd Parquet, with the Merkle root in its
 * metadata, and return how a document references it.
 */
export async function writeFileList(manifest: ManifestReader, out: string): Promise<FileListRef> {
  const { meta } = manifest;
  const kv = `{tgpl_merkle_root: ${quote(meta.merkleRoot)}, tgpl_tree_size: ${quote(String(meta.treeSize))}}`;
  const result = await manifest.store.db.run(
    `COPY (${fileListSql(meta.inputs)}) TO ${quote(out)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA ${kv})`,
  );
  return {
    name: basename(out),
    sha256: await sha256File(out),
    bytes: (await stat(out)).size,
    rows: Number(result.rowsChanged),
  };
}

/** The root of a Merkle tree over the distinct contents of the TGPL works, as the corpus root is built. */
async function tgplTree(manifest: ManifestReader) {
  const acc = new RootAccumulator();
  const result = await manifest.store.db.stream(
    `SELECT DISTINCT sha256 FROM files WHERE ${TGPL_SQL} AND sha256 IS NOT NULL AND error_code IS NULL ORDER BY sha256`,
  );
  for await (const rows of result.yieldRows())
    for (const [sha] of rows) acc.push(leafOfSha256(String(sha)));
  return { contents: acc.size, root: acc.root().toString("hex") };
}

/**
 * What the documents say about the corpus of a finished manifest.
 * @param name the corpus's name in documents
 * @param fileList the file list written beside the documents
 */
export async function readCorpus(
  manifest: ManifestReader,
  name: string,
  fileList: FileListRef,
): Promise<Corpus> {
  const { store, meta } = manifest;
  const [t] = await store.all<Record<string, number | null>>(
    `SELECT count(*) FILTER (WHERE error_code IS NULL) AS files,
       coalesce(sum(size) FILTER (WHERE error_code IS NULL), 0) AS bytes,
       count(*) FILTER (WHERE licence IS NULL AND error_code IS NULL) AS unknown,
       count(*) FILTER (WHERE error_code IS NOT NULL) AS errors,
       count(*) FILTER (WHERE "binary") AS "binary",
       count(*) FILTER (WHERE generated) AS generated,
       count(*) FILTER (WHERE vendored) AS vendored,
       count(*) FILTER (WHERE ${TGPL_SQL} AND error_code IS NULL) AS tgpl
     FROM files`,
  );
  const groups = await store.all<LicenceGroup>(
    `SELECT licence, count(*) AS files, coalesce(sum(size), 0) AS bytes FROM files
     WHERE error_code IS NULL GROUP BY licence ORDER BY files DESC, licence NULLS LAST`,
  );
  const inputRows = await store.all<{ input: number; kind: string; files: number; repos: number }>(
    `SELECT input, min(origin_kind) AS kind, count(*) AS files, count(DISTINCT repository) AS repos
     FROM files GROUP BY input ORDER BY input`,
  );
  // A few names per input, picked without collecting a dataset's million repositories first.
  const samples = await store.all<{ input: number; repository: string }>(
    `SELECT input, repository FROM (SELECT DISTINCT input, repository FROM files WHERE repository IS NOT NULL)
     QUALIFY row_number() OVER (PARTITION BY input ORDER BY repository) <= ${MAX_REPOSITORIES}
     ORDER BY input, repository`,
  );
  const inputs: CorpusInput[] = meta.inputs.map((path, i) => {
    const r = inputRows.find((x) => Number(x.input) === i);
    const sample = samples.filter((x) => Number(x.input) === i).map((x) => x.repository);
    return {
      name: inputName(path),
      kind: r?.kind ?? "directory",
      files: r?.files ?? 0,
      repositories: sample,
      moreRepositories: Math.max(0, (r?.repos ?? 0) - sample.length),
    };
  });
  const languages = await store.all<{ language: string; files: number }>(
    `SELECT language, count(*) AS files FROM files WHERE language IS NOT NULL AND error_code IS NULL
     GROUP BY language ORDER BY files DESC, language LIMIT 25`,
  );
  const licenceFiles = await store.all<{ path: string; licence: string | null; sha256: string }>(
    `SELECT path, own_licence AS licence, sha256 FROM files
     WHERE role = 'licence-file' AND error_code IS NULL AND sha256 IS NOT NULL
     ORDER BY path, sha256 LIMIT ${MAX_LICENCE_FILES + 1}`,
  );
  const [lf] = await store.all<{ n: number }>(
    "SELECT count(*) AS n FROM files WHERE role = 'licence-file' AND error_code IS NULL AND sha256 IS NOT NULL",
  );
  const tgpl = await tgplTree(manifest);
  const totals = t!;
  return {
    name,
    root: meta.merkleRoot,
    contents: meta.treeSize,
    files: totals.files ?? 0,
    bytes: totals.bytes ?? 0,
    groups: groups.map((g) => ({ licence: g.licence, files: g.files, bytes: g.bytes })),
    inputs,
    languages,
    unknown: totals.unknown ?? 0,
    errors: totals.errors ?? 0,
    marks: {
      binary: totals.binary ?? 0,
      generated: totals.generated ?? 0,
      vendored: totals.vendored ?? 0,
    },
    scannedAt: meta.finishedAt,
    toolVersion: meta.toolVersion,
    tgpl: { files: totals.tgpl ?? 0, ...tgpl },
    licenceFiles: licenceFiles.slice(0, MAX_LICENCE_FILES),
    moreLicenceFiles: Math.max(0, (lf?.n ?? 0) - MAX_LICENCE_FILES),
    fileList,
  };
}
