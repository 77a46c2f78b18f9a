/**
 * What every source yields: one record per file, with its bytes (or where to
 * read them) and where it came from. Sources stream: a corpus never has to fit
 * in memory, and the order of records is deterministic for a given input, so an
 * interrupted scan can resume by position.
 */

/** Where a file came from. */
export interface Origin {
  kind: "directory" | "git" | "archive" | "dataset" | "list";
  /** The INPUT argument as the user gave it (a path). */
  input: string;
  /** Repository the file belongs to: a git remote/URL, a dataset's `repo_name`, or absent. */
  repository?: string;
  /** Git revision (commit id) the file was read at. */
  revision?: string;
  /** Member name inside an archive (tar/zip), as written in the archive. */
  member?: string;
  /** Row number (0-based) in a dataset file. */
  row?: number;
}

/** One file as a source yields it. */
export interface SourceFile {
  /** Position in the source's deterministic order, from 0. */
  ordinal: number;
  /** Path of the file inside its project, '/'-separated, no leading './' or '/'. */
  path: string;
  /**
   * Key of the project the file belongs to (the input root, a repository name,
   * an archive): licence inheritance looks for licence files only inside the same project.
   */
  project: string;
  origin: Origin;
  /** Size in bytes, when known without reading the content. */
  size?: number;
  /** The content, for sources that must read it to move on (archives, datasets, git). */
  bytes?: Uint8Array;
  /** A path on local disk to read the content from, for sources that can defer reading (directories). */
  fsPath?: string;
  /** Git blob id (sha1) when the source knows it (git, datasets with `blob_id`). */
  blobId?: string;
  /** Extra columns a dataset row carries (e.g. detected_licenses, license_type), kept as given. */
  meta?: Record<string, unknown>;
  /**
   * Set when the file could not be read or was refused (path traversal,
   * decompression bomb, symlink out of the root or in a loop...). Errors are records too.
   */
  error?: { code: string; message: string };
}

/** A streaming source of files. */
export interface Source {
  /** Human description, e.g. "directory ./src" or "tar.gz archive corpus.tgz". */
  readonly description: string;
  /**
   * Yields files in a deterministic order. `skip` files are passed over without
   * reading their content (for resuming), but their ordinals are still counted.
   */
  files(options?: { skip?: number; signal?: AbortSignal }): AsyncIterable<SourceFile>;
}
