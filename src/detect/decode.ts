/**
 * Bytes to text for detection: binary files are recognised and skipped,
 * invalid UTF-8 falls back to Latin-1 (old licence files often are), and a
 * UTF-8 or UTF-16 byte order mark is honoured.
 */
export type Decoded =
  | { kind: "text"; text: string; encoding: string }
  | { kind: "binary" }
  | { kind: "empty" };

import { isAscii } from "node:buffer";

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
  // Most source files are plain ASCII: a SIMD check and a Latin-1 copy cost a
  // fraction of a validating UTF-8 decode, and give the same string.
  if (isAscii(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
    return { kind: "text", text, encoding: "utf-8" };
  }
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

/** Bytes whose share of control characters is measured (enough to tell, cheap to count). */
const CONTROL_SNIFF = 2048;

/** NUL bytes, or many control characters, mean binary (as git and grep decide). */
export function looksBinary(head: Uint8Array): boolean {
  if (head.indexOf(0) !== -1) return true; // native search, the common decider
  const n = Math.min(head.length, CONTROL_SNIFF);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
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
