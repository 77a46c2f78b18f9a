/** GGUF files on disk: a ByteSource over a file descriptor, so weights stay on disk. */
import { closeSync } from "node:fs";
import { InputError } from "../../errors.ts";
import { openFile, readFull } from "../file.node.ts";
import { type ByteSource, type GgufFile, type ReadOptions, readGguf } from "./reader.ts";

export interface OpenGguf {
  file: GgufFile;
  source: ByteSource;
  close(): void;
}

/** A ByteSource reading from an open file descriptor. */
function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(offset, length) {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      const done = readFull(fd, buf, offset);
      return done === buf.length ? buf : buf.subarray(0, done);
    },
  };
}

/**
 * Opens a GGUF file and reads its metadata and tensor infos; `close()` when done.
 * @throws InputError when the file cannot be opened or is not valid GGUF.
 */
export function openGguf(path: string, options: ReadOptions = {}): OpenGguf {
  const refusals = {
    cannotOpen: (reason: string) =>
      new InputError(
        `${path}: cannot open the model file (${reason})`,
        reason === "ENOENT" ? "Check the path after 'gguf:'." : undefined,
      ),
    notAFile: () => new InputError(`${path}: not a regular file`),
  };
  return openFile(path, refusals, (fd, size) => {
    const source = fileSource(fd, size);
    const file = readGguf(source, { name: path, ...options });
    return { file, source, close: () => closeSync(fd) };
  });
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
