/**
 * Model files read through a descriptor, shared by the GGUF and safetensors
 * readers: only what is asked for is read, so weights stay on disk.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { InputError } from "../errors.ts";

/** How a reader words the two ways a path can fail to open, each in its own terms. */
export interface OpenRefusals {
  /** `reason`: the errno code, or the error's message when it has none. */
  cannotOpen(reason: string): InputError;
  notAFile(): InputError;
}

/**
 * Opens the regular file at `path` and hands its descriptor and size to
 * `read`. The file is closed again when `read` throws; when it returns, the
 * descriptor is the caller's to close.
 * @throws InputError from `refusals` when the file cannot be opened or is not a regular file; whatever `read` throws.
 */
export function openFile<T>(
  path: string,
  refusals: OpenRefusals,
  read: (fd: number, size: number) => T,
): T {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw refusals.cannotOpen((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw refusals.notAFile();
    return read(fd, st.size);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Fills `buf` from byte `at` of the file, as far as the file goes; the number of bytes read. */
export function readFull(fd: number, buf: Uint8Array, at: number): number {
  let done = 0;
  while (done < buf.length) {
    const r = readSync(fd, buf, done, buf.length - done, at + done);
    if (r === 0) break;
    done += r;
  }
  return done;
}
