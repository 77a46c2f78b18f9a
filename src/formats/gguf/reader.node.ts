/** GGUF files on disk: a ByteSource over a file descriptor, so weights stay on disk. */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../../errors.ts";
import { type ByteSource, type GgufFile, type ReadOptions, readGguf } from "./reader.ts";

export interface OpenGguf {
  file: GgufFile;
  source: ByteSource;
  close(): void;
}

/** A ByteSource reading from an open file descriptor. */
export function fileSource(fd: number): ByteSource {
  const size = fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      let done = 0;
      while (done < n) {
        const r = readSync(fd, buf, done, n - done, offset + done);
        if (r === 0) break;
        done += r;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
  };
}

/**
 * Opens a GGUF file and reads its metadata and tensor infos; `close()` when done.
 * @throws InputError when the file cannot be opened or is not valid GGUF.
 */
export function openGguf(path: string, options: ReadOptions = {}): OpenGguf {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `${path}: cannot open the model file (${code ?? (e as Error).message})`,
      code === "ENOENT" ? "Check the path after 'gguf:'." : undefined,
    );
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputError(`${path}: not a regular file`);
    const source = fileSource(fd);
    const file = readGguf(source, { name: path, ...options });
    return { file, source, close: () => closeSync(fd) };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * Metadata and tensor infos of a GGUF file, the file closed again.
 * @throws InputError when the file cannot be opened or is not valid GGUF.
 */
export function readGgufFile(path: string, options: ReadOptions = {}): GgufFile {
  const g = openGguf(path, options);
  g.close();
  return g.file;
}
