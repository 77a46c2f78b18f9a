/**
 * The manifest as one table file (Parquet, CSV): every row, in scan order,
 * with the same columns as the `files` table. Parquet carries the Merkle root
 * and the tool version in its key-value metadata, so the file alone says which
 * root its rows belong to.
 */
import type { ManifestReader } from "../reader.node.ts";
import type { ExportFormat } from "./index.ts";

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const ROWS = "SELECT * FROM files ORDER BY input, ordinal";

async function copy(
  manifest: ManifestReader,
  out: string,
  options: string,
): Promise<{ rows: number }> {
  const result = await manifest.store.db.run(`COPY (${ROWS}) TO ${quote(out)} (${options})`);
  return { rows: Number(result.rowsChanged) };
}

export const parquet: ExportFormat = {
  extension: ".parquet",
  description: "Apache Parquet (zstd), one row per file; the Merkle root in the file's metadata",
  write: (manifest, out) => {
    const { meta } = manifest;
    const kv = `{tgpl_merkle_root: ${quote(meta.merkleRoot)}, tgpl_tree_size: ${quote(String(meta.treeSize))}, tgpl_version: ${quote(meta.toolVersion)}}`;
    return copy(manifest, out, `FORMAT parquet, COMPRESSION zstd, KV_METADATA ${kv}`);
  },
};

export const csv: ExportFormat = {
  extension: ".csv",
  description: "CSV with a header line, one row per file",
  write: (manifest, out) => copy(manifest, out, "FORMAT csv, HEADER true"),
};
