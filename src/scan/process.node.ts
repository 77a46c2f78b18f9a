/**
 * What a worker does with one file: read it (or take the bytes it was sent),
 * hash all of it, detect on its head, mark it. Failures are values: a file
 * that cannot be read comes back with `error`, and the batch goes on.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { detectBytes } from "../detect/detect.ts";
import { classify, headCharsFor } from "../manifest/classify.ts";
import { ContentHasher, type ContentHashes, hashBytes, sizeChanged } from "../manifest/hash.ts";
import { languageOf } from "../manifest/language.ts";
import type { FileFacts } from "../manifest/row.ts";

/** One file as sent to a worker: a path on disk to read, or the bytes themselves. */
export interface WorkItem {
  path: string;
  fsPath?: string;
  bytes?: Uint8Array;
}

export interface ProcessOptions {
  /** Bytes from the start of each file that detection looks at; all bytes are hashed. */
  maxBytes: number;
}

/** Read size for the part of a file past its head: hashed, then dropped. */
const STREAM_CHUNK = 1 << 20;

export function factsOf(
  path: string,
  head: Uint8Array,
  size: number,
  hashes: ContentHashes,
): FileFacts {
  const detection = detectBytes(path, head, size);
  const binary = detection.skipped === "binary";
  // The head decoded as Latin-1 for the marks: generator banners are ASCII,
  // and the minified test only counts line lengths.
  const text = binary
    ? ""
    : Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, headCharsFor(path))).toString(
        "latin1",
      );
  const marks = classify(path, text);
  const seen = detection.matches.length > 0 || (detection.warnings?.length ?? 0) > 0;
  return {
    hashes,
    language: languageOf(path),
    role: marks.role,
    binary,
    generated: marks.generated,
    vendored: marks.vendored,
    ownLicence: detection.expression,
    evidence: seen
      ? JSON.stringify({
          matches: detection.matches,
          ...(detection.warnings ? { warnings: detection.warnings } : {}),
        })
      : null,
    skipped: detection.skipped ?? null,
    error: null,
  };
}

export function errorFacts(path: string, code: string, message: string): FileFacts {
  const marks = classify(path, "");
  return {
    hashes: null,
    language: languageOf(path),
    role: marks.role,
    binary: false,
    generated: marks.generated,
    vendored: marks.vendored,
    ownLicence: null,
    evidence: null,
    skipped: null,
    error: { code, message },
  };
}

/**
 * Hash a whole file from disk, keeping its first `maxBytes` for detection.
 * Synchronous on purpose: it runs in a worker thread (or in a scan with one
 * worker, where nothing else waits), and a promise round trip per open, stat,
 * read and close costs more than reading a small source file.
 */
export function readAndHash(
  fsPath: string,
  maxBytes: number,
):
  | { ok: true; head: Uint8Array; hashes: ContentHashes }
  | { ok: false; code: string; message: string } {
  let fd: number | undefined;
  try {
    fd = openSync(fsPath, "r");
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return {
        ok: false,
        code: "not-a-file",
        message: `${fsPath} is not a regular file; it is not part of the manifest's contents`,
      };
    const head = Buffer.allocUnsafe(Math.min(stat.size, maxBytes));
    let filled = 0;
    while (filled < head.length) {
      const bytesRead = readSync(fd, head, filled, head.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (stat.size <= head.length) {
      // The whole file is in memory: hash it at once (cheaper on small files).
      if (filled !== stat.size) return changed(fsPath, sizeChanged(stat.size, filled));
      return { ok: true, head, hashes: hashBytes(head) };
    }
    const hasher = new ContentHasher(stat.size);
    hasher.update(head.subarray(0, filled));
    if (filled === head.length) {
      const chunk = Buffer.allocUnsafe(STREAM_CHUNK);
      for (let at = filled; ; ) {
        const bytesRead = readSync(fd, chunk, 0, chunk.length, at);
        if (bytesRead === 0) break;
        hasher.update(chunk.subarray(0, bytesRead));
        at += bytesRead;
      }
    }
    try {
      return { ok: true, head: head.subarray(0, filled), hashes: hasher.digest() };
    } catch (e) {
      return changed(fsPath, (e as Error).message);
    }
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    const code = error.code === "ENOENT" ? "not-found" : "unreadable";
    return {
      ok: false,
      code,
      message: `cannot read ${fsPath}: ${error.message.replace(/^\w+: /, "")}; check that it exists and is readable`,
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const changed = (fsPath: string, what: string) => ({
  ok: false as const,
  code: "changed",
  message: `${fsPath}: ${what}; scan again when it is no longer being written`,
});

export async function processItem(item: WorkItem, options: ProcessOptions): Promise<FileFacts> {
  if (item.bytes) {
    const bytes = item.bytes;
    return factsOf(item.path, bytes.subarray(0, options.maxBytes), bytes.length, hashBytes(bytes));
  }
  if (item.fsPath === undefined)
    return errorFacts(
      item.path,
      "no-content",
      `the source gave neither bytes nor a path for ${item.path}`,
    );
  const read = readAndHash(item.fsPath, options.maxBytes);
  if (!read.ok) return errorFacts(item.path, read.code, read.message);
  return factsOf(item.path, read.head, read.hashes.size, read.hashes);
}

export async function processBatch(
  items: WorkItem[],
  options: ProcessOptions,
): Promise<FileFacts[]> {
  const out: FileFacts[] = [];
  for (const item of items) out.push(await processItem(item, options));
  return out;
}
