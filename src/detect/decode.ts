/**
 * Bytes to text for detection: binary files are recognised and skipped,
 * invalid UTF-8 falls back to Latin-1 (old licence files often are), and a
 * UTF-8 or UTF-16 byte order mark is honoured.
 */
export type Decoded =
  | { kind: "text"; text: string; encoding: string }
  | { kind: "binary" }
  | { kind: "empty" };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder("latin1");

/** How many leading bytes are inspected to tell text from binary. */
const SNIFF = 8192;

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { kind: "empty" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { kind: "text", text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { kind: "text", text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  }
  if (looksBinary(bytes.subarray(0, SNIFF))) return { kind: "binary" };
  try {
    return { kind: "text", text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // A read capped mid-character is still UTF-8: retry without the cut sequence.
    const trimmed = trimPartialUtf8(bytes);
    if (trimmed.length !== bytes.length) {
      try {
        return { kind: "text", text: utf8.decode(trimmed), encoding: "utf-8" };
      } catch {}
    }
    return { kind: "text", text: latin1.decode(bytes), encoding: "latin1" };
  }
}

/** NUL bytes, or many control characters, mean binary (as git and grep decide). */
export function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  let back = 0;
  while (end > 0 && back < 3 && (bytes[end - 1]! & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && bytes[end - 1]! >= 0xc0) end--;
  return bytes.subarray(0, end);
}
