/** What a finished manifest holds, in numbers: the scan's summary, read back from the store. */
import type { ManifestStore, ScanMeta } from "./store.node.ts";

export interface ManifestSummary {
  manifest: string;
  inputs: string[];
  files: number;
  bytes: number;
  /** Distinct contents: the Merkle tree's size. */
  contents: number;
  /** Files per effective licence expression, most common first; files with none are in `unknown`. */
  licences: { licence: string; files: number }[];
  /** Readable files with no licence at all (not own, not inherited, not from a dataset). */
  unknown: number;
  /** Where the licences came from: own, inherited, dataset, none. */
  licenceSources: Record<string, number>;
  errors: { code: string; files: number }[];
  errorCount: number;
  /** Files not examined as text: binary, empty. */
  skipped: Record<string, number>;
  marks: { binary: number; generated: number; vendored: number };
  merkleRoot: string | null;
  state: ScanMeta["state"];
  startedAt: string;
  finishedAt: string | null;
}

export async function summarize(store: ManifestStore, meta: ScanMeta): Promise<ManifestSummary> {
  const [totals] = await store.all<Record<string, number | null>>(
    `SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes,
       count(*) FILTER (WHERE licence IS NULL AND error_code IS NULL) AS unknown,
       count(*) FILTER (WHERE error_code IS NOT NULL) AS errors,
       count(*) FILTER (WHERE "binary") AS "binary",
       count(*) FILTER (WHERE generated) AS generated,
       count(*) FILTER (WHERE vendored) AS vendored,
       count(DISTINCT sha256) AS contents
     FROM files`,
  );
  const licences = await store.all<{ licence: string; files: number }>(
    `SELECT licence, count(*) AS files FROM files WHERE licence IS NOT NULL
     GROUP BY licence ORDER BY files DESC, licence`,
  );
  const sources = await store.all<{ source: string; files: number }>(
    `SELECT licence_source AS source, count(*) AS files FROM files
     WHERE error_code IS NULL GROUP BY 1 ORDER BY 1`,
  );
  const errors = await store.all<{ code: string; files: number }>(
    "SELECT error_code AS code, count(*) AS files FROM files WHERE error_code IS NOT NULL GROUP BY 1 ORDER BY files DESC, code",
  );
  const skipped = await store.all<{ reason: string; files: number }>(
    "SELECT skipped AS reason, count(*) AS files FROM files WHERE skipped IS NOT NULL GROUP BY 1 ORDER BY 1",
  );
  const t = totals!;
  return {
    manifest: store.path,
    inputs: meta.inputs,
    files: t.files ?? 0,
    bytes: t.bytes ?? 0,
    contents: meta.treeSize ?? t.contents ?? 0,
    licences,
    unknown: t.unknown ?? 0,
    licenceSources: Object.fromEntries(sources.map((s) => [s.source, s.files])),
    errors,
    errorCount: t.errors ?? 0,
    skipped: Object.fromEntries(skipped.map((s) => [s.reason, s.files])),
    marks: { binary: t.binary ?? 0, generated: t.generated ?? 0, vendored: t.vendored ?? 0 },
    merkleRoot: meta.merkleRoot,
    state: meta.state,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
  };
}
