/**
 * Reading a file for detection: never more than `maxBytes` (licences live at
 * the top of files and in small files), and a failure is a value, not a throw.
 * Reads are synchronous: detection runs in a batch per worker thread, where a
 * synchronous read of a small file costs a fraction of an async round trip.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export interface ReadLimits {
  /** Bytes read from the start of a file; the rest is not looked at. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 1 << 20 };

export type ReadOutcome =
  | { ok: true; bytes: Uint8Array; size: number }
  | { ok: false; code: string; message: string };

export function readHead(path: string, limits: ReadLimits = DEFAULT_LIMITS): ReadOutcome {
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO or a device does not hang the open; it is refused below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      return {
        ok: false,
        code: "EISDIR",
        message: `${path} is a directory; pass files, or use tgpl scan for a tree`,
      };
    }
    if (!stat.isFile()) {
      return {
        ok: false,
        code: "ENOTFILE",
        message: `${path} is not a regular file (a pipe, socket or device); pass regular files`,
      };
    }
    const want = Math.min(stat.size, limits.maxBytes);
    const buffer = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      const n = readSync(fd, buffer, filled, want - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return { ok: true, bytes: buffer.subarray(0, filled), size: stat.size };
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    const code = error.code ?? "EIO";
    const hint =
      code === "ENOENT"
        ? "check the path"
        : code === "EACCES"
          ? "check the file's permissions"
          : "check that it is a readable file";
    return {
      ok: false,
      code,
      message: `cannot read ${path}: ${error.message.replace(/^\w+: /, "")}; ${hint}`,
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
