/**
 * What reader a file needs, from its first bytes and its name. Magic bytes win
 * over names (a `.zip` that is really a tar is read as a tar); names decide
 * only where the format has no magic (JSONL). Pure.
 */
import { BLOCK, parseHeader } from "./tar-header.ts";

export type FileKind = "tar" | "zip" | "jsonl" | "parquet";

const startsWith = (bytes: Uint8Array, magic: string, at = 0): boolean =>
  bytes.length >= at + magic.length &&
  [...magic].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/**
 * `head` is the file's first bytes; `inner` the first bytes after gunzip when
 * the file is gzipped (null otherwise).
 */
export function fileKind(
  name: string,
  head: Uint8Array,
  inner: Uint8Array | null,
): FileKind | null {
  const lower = name.toLowerCase();
  if (startsWith(head, "PK\x03\x04") || startsWith(head, "PK\x05\x06")) return "zip";
  if (startsWith(head, "PAR1")) return "parquet";
  const body = inner ?? head;
  if (startsWith(body, "ustar", 257)) return "tar";
  if (/\.(?:jsonl|ndjson)(?:\.gz)?$/.test(lower)) return "jsonl";
  // Pre-POSIX (v7) tars have no magic; trust the name if the first header checks out.
  if (
    /\.(?:tar|tar\.gz|tgz)$/.test(lower) &&
    body.length >= BLOCK &&
    parseHeader(body.subarray(0, BLOCK)).kind === "header"
  )
    return "tar";
  return null;
}
