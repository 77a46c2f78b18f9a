/**
 * Reading a file for detection: never more than `maxBytes` (licences live at
 * the top of files and in small files), and a failure is a value, not a throw.
 */
import { open } from "node:fs/promises";

export interface ReadLimits {
  /** Bytes read from the start of a file; the rest is not looked at. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 1 << 20 };

export type ReadOutcome =
  | { ok: true; bytes: Uint8Array; size: number }
  | { ok: false; code: string; message: string };

export async function readHead(
  path: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<ReadOutcome> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      return {
        ok: false,
        code: "EISDIR",
        message: `${path} is a directory; pass files, or use tgpl scan for a tree`,
      };
    }
    const want = Math.min(stat.isFile() ? stat.size : limits.maxBytes, limits.maxBytes);
    const buffer = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await handle.read(buffer, filled, want - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return {
      ok: true,
      bytes: buffer.subarray(0, filled),
      size: stat.isFile() ? stat.size : filled,
    };
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
    await handle?.close();
  }
}
