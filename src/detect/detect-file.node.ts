import { detectBytes } from "./detect.ts";
import { DEFAULT_LIMITS, type ReadLimits, readHead } from "./read.node.ts";
import type { Detection } from "./types.ts";

/** Detect the licence of a file on disk; unreadable files give a Detection with `error`. */
export function detectFile(path: string, limits: ReadLimits = DEFAULT_LIMITS): Detection {
  const read = readHead(path, limits);
  if (!read.ok)
    return {
      path,
      expression: null,
      matches: [],
      error: { code: read.code, message: read.message },
    };
  return detectBytes(path, read.bytes, read.size);
}
