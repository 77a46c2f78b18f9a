/**
 * Settings every source takes. Caps have defaults that let real corpora through
 * and stop archives built to exhaust memory or disk; they are passed in, never global.
 */
import type { Readable } from "node:stream";

/** Dataset column names; each left out is looked up among the usual names of The Stack. */
export interface DatasetColumns {
  content: string;
  path: string;
  repo: string;
  blobId: string;
}

export interface SourceOptions {
  /** Read a directory that holds `.git` as a git repository (tracked files only). */
  git?: boolean;
  /** Git revision to read (implies `git`); default HEAD. */
  rev?: string;
  /** Leave out what `.gitignore` files (nested ones too) exclude, in directory walks. */
  respectGitignore?: boolean;
  /** Largest single file a source hands out as bytes; bigger ones become error records. */
  maxEntryBytes?: number;
  /** Most bytes an archive may expand to, all members together. */
  maxTotalBytes?: number;
  /** Largest expansion ratio (uncompressed / compressed) tolerated past `RATIO_FLOOR` bytes. */
  maxRatio?: number;
  /** Dataset column names (JSONL, Parquet). */
  columns?: Partial<DatasetColumns>;
  /** Where `-` reads its list of paths from; default process.stdin. */
  stdin?: Readable;
}

export interface Limits {
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const DEFAULT_LIMITS: Limits = {
  // Source files in code corpora are small; The Stack drops files over 1 MB.
  // 64 MiB leaves room for generated files while one entry stays cheap to hold.
  maxEntryBytes: 64 * 1024 ** 2,
  maxTotalBytes: 256 * 1024 ** 3,
  // Source code deflates 3-10x; only crafted or degenerate data passes 100x.
  maxRatio: 100,
};

/**
 * Below this many bytes a high ratio is not refused: small runs of repeated
 * bytes (empty files, tar padding) compress very well and are harmless.
 */
export const RATIO_FLOOR = 1024 ** 2;

export function limitsOf(options: SourceOptions): Limits {
  return {
    maxEntryBytes: options.maxEntryBytes ?? DEFAULT_LIMITS.maxEntryBytes,
    maxTotalBytes: options.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes,
    maxRatio: options.maxRatio ?? DEFAULT_LIMITS.maxRatio,
  };
}

/** What each source's `files()` receives. */
export interface FilesOptions {
  skip?: number;
  signal?: AbortSignal;
}
