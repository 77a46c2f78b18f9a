/**
 * Where a corpus comes from: one `Source` per INPUT, picked from what the
 * input is.
 *
 * - `-`: a list of file paths on stdin, one a line.
 * - a directory: walked as files on disk. With `git: true`, a `rev`, or the
 *   input written as `git:DIR`, it is read as a git repository instead: the
 *   files tracked at HEAD (or `rev`), never the working tree. A directory that
 *   merely contains `.git` is still walked as a directory (its `.git` skipped),
 *   because scanning what is on disk is the least surprising default.
 * - a file: by magic bytes, then name: tar, tar.gz/.tgz, zip, Parquet,
 *   JSONL/NDJSON (optionally .gz).
 *
 * @example
 * const source = await openSource("corpus.tar.gz", { maxRatio: 50 });
 * for await (const file of source.files({ skip: 0 })) console.log(file.ordinal, file.path);
 */
import { stat } from "node:fs/promises";
import { constants, gunzipSync } from "node:zlib";
import { InputError } from "../errors.ts";
import { directorySource } from "./directory.node.ts";
import { openGit } from "./git.node.ts";
import { head, isGzip } from "./input-stream.node.ts";
import { jsonlSource } from "./jsonl.node.ts";
import { fileKind } from "./kind.ts";
import { listSource, STDIN } from "./list.node.ts";
import type { SourceOptions } from "./options.ts";
import { parquetSource } from "./parquet.node.ts";
import { tarSource } from "./tar.node.ts";
import type { Source } from "./types.ts";
import { zipSource } from "./zip.node.ts";

export { Code, type ErrorCode } from "./codes.ts";
export { DEFAULT_COLUMNS } from "./dataset-row.ts";
export { directorySource } from "./directory.node.ts";
export { openGit } from "./git.node.ts";
export { jsonlSource } from "./jsonl.node.ts";
export { listSource } from "./list.node.ts";
export { type DatasetColumns, DEFAULT_LIMITS, type SourceOptions } from "./options.ts";
export { parquetSource } from "./parquet.node.ts";
export { tarSource } from "./tar.node.ts";
export type { Origin, Source, SourceFile } from "./types.ts";
export { zipSource } from "./zip.node.ts";

const GIT_PREFIX = "git:";
const SUPPORTED =
  "tgpl scan reads directories, git repositories (git:DIR or --git), tar, tar.gz/.tgz and zip archives, " +
  "JSONL/NDJSON datasets (.jsonl, .ndjson, optionally .gz), Parquet datasets, and '-' for a list of paths on stdin";

/**
 * Opens one INPUT as a source of files.
 * @throws InputError when the input does not exist, cannot be read, or is of no kind tgpl reads.
 */
export async function openSource(input: string, options: SourceOptions = {}): Promise<Source> {
  if (input === STDIN) return listSource(options.stdin);
  const asGit = input.startsWith(GIT_PREFIX);
  const path = asGit ? input.slice(GIT_PREFIX.length) : input;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? `${path} does not exist` : `cannot read ${path}: ${(e as Error).message}`,
      code === "ENOENT" ? "check the path" : "check its permissions",
    );
  }
  if (info.isDirectory()) {
    if (asGit || options.git || options.rev !== undefined) return openGit(path, options, input);
    return directorySource(path, options);
  }
  if (asGit || options.rev !== undefined)
    throw new InputError(
      `${path} is not a directory, so it cannot be read as a git repository`,
      "pass the repository's top directory",
    );
  if (!info.isFile()) throw new InputError(`${path} is not a regular file or directory`, SUPPORTED);

  let first: Buffer;
  try {
    first = await head(path, 4096);
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as Error).message}`, "check its permissions");
  }
  // Enough of the gzip stream to see the tar header inside; a partial stream is fine with a sync flush.
  const inner = isGzip(first) ? gunzipHead(first) : null;
  switch (fileKind(path, first, inner)) {
    case "tar":
      return inner
        ? relabel(tarSource(path, options), `tar.gz archive ${path}`)
        : tarSource(path, options);
    case "zip":
      return zipSource(path, options);
    case "jsonl":
      return inner
        ? relabel(jsonlSource(path, options), `gzipped JSONL dataset ${path}`)
        : jsonlSource(path, options);
    case "parquet":
      return parquetSource(path, options);
    case null:
      throw new InputError(
        `cannot tell what kind of input ${path} is`,
        `${SUPPORTED}. A file of one JSON object a line needs a .jsonl or .ndjson name; xz, bzip2 and zstd archives need decompressing first`,
      );
  }
}

function relabel(source: Source, description: string): Source {
  return { description, files: (opts) => source.files(opts) };
}

function gunzipHead(bytes: Buffer): Buffer | null {
  try {
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return null; // damaged gzip: the reader reports it as a record
  }
}
