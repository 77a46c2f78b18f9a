/**
 * A list of file paths, one a line, on stdin (`-`): what `git ls-files`,
 * `find -type f` or a dataset tool prints. Records come in the list's order;
 * a missing or non-regular file becomes an error record.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { addAbortSignal, type Readable } from "node:stream";
import { InputError } from "../errors.ts";
import { Code } from "./codes.ts";
import { splitLines } from "./lines.ts";
import type { FilesOptions } from "./options.ts";
import { checkAbort, Sequence } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

const MAX_PATH_BYTES = 64 * 1024;
export const STDIN = "-";

export function listSource(stdin: Readable = process.stdin): Source {
  let read = false;
  return {
    description: "paths listed on stdin",
    files: (opts) => {
      // A pipe can be read once; resuming is a new process with the list piped again.
      if (read)
        throw new InputError(
          "the list of paths on stdin was already read",
          "save the list to a file and pipe it in again to read it twice",
        );
      read = true;
      return readList(stdin, opts);
    },
  };
}

async function* readList(
  stdin: Readable,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  if (signal) addAbortSignal(signal, stdin);
  const seq = new Sequence(skip);
  const lines = splitLines(stdin, MAX_PATH_BYTES);
  try {
    for await (const line of lines) {
      checkAbort(signal);
      const text = line.bytes?.toString("utf8").replace(/\r$/, "");
      if (text === "") continue;
      const { ordinal, wanted } = seq.take();
      if (!wanted) continue;
      const base = {
        ordinal,
        path: (text ?? "").replace(/^(?:\.?\/)+/, ""),
        project: STDIN,
        origin: { kind: "list" as const, input: STDIN },
      };
      if (text === undefined) {
        yield {
          ...base,
          error: {
            code: Code.notFound,
            message: `line ${line.number} is ${line.length} bytes long; not a path`,
          },
        };
        continue;
      }
      yield await fileRecord(base, text);
    }
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw e;
  } finally {
    await lines.return(undefined);
  }
}

async function fileRecord(base: SourceFile, path: string): Promise<SourceFile> {
  try {
    const s = await stat(path);
    if (s.isFile()) return { ...base, size: s.size, fsPath: resolve(path) };
    return {
      ...base,
      error: {
        code: Code.notAFile,
        message: s.isDirectory()
          ? `${path} is a directory; list files, or pass the directory itself as an input`
          : `${path} is a device, socket or FIFO; nothing to read`,
      },
    };
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    return {
      ...base,
      error:
        error.code === "ENOENT"
          ? { code: Code.notFound, message: `${path} does not exist; check the list` }
          : { code: Code.unreadable, message: `cannot read ${path}: ${error.message}` },
    };
  }
}
