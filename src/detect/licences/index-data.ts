/**
 * The compiled licence index as one binary blob: a JSON header (vocabulary,
 * entries) followed by typed arrays, so loading is a read and a few views
 * rather than re-tokenising 700 licence texts (the index must be ready in
 * well under 300 ms).
 */

export interface EntryMeta {
  /** Reported id: the preferred one of `ids`. */
  id: string;
  /** Every id whose template has exactly this text (GPL-2.0-only and GPL-2.0-or-later). */
  ids: string[];
  name: string;
  kind: "license" | "exception";
  /** Offset and length of the entry's words in `tokens`. */
  start: number;
  length: number;
  /** Number of required words. */
  required: number;
}

export interface IndexData {
  /** Provenance written by the builder (SPDX list commit, date). */
  source: Record<string, string>;
  vocab: string[];
  entries: EntryMeta[];
  /** Word ids of all entries, back to back. */
  tokens: Uint16Array;
  /** REQUIRED / OPTIONAL / VARIABLE per word. */
  flags: Uint8Array;
  /** Absorbable words per placeholder word, 0 elsewhere. */
  caps: Uint8Array;
  /** Sorted distinct informative trigram hashes over all entries. */
  gramHashes: Uint32Array;
  /** postings of gramHashes[i] are gramEntries[gramOffsets[i] .. gramOffsets[i+1]). */
  gramOffsets: Uint32Array;
  gramEntries: Uint16Array;
  /** Informative trigrams per entry: the denominator of containment. */
  gramCounts: Uint32Array;
  /** gramHashes by hash: open addressing, 1 + the index in gramHashes (0: empty); see gramTableOf. */
  gramTable: Int32Array;
}

/**
 * The lookup table from a trigram hash to its index in `hashes`: a power of
 * two at least twice their number, linear probing from `hash & (size - 1)`.
 * Built with the index and shipped in it: building it took a twentieth of
 * tgpl's start-up.
 */
export function gramTableOf(hashes: Uint32Array): Int32Array {
  let size = 1;
  while (size < hashes.length * 2) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size);
  for (let i = 0; i < hashes.length; i++) {
    let slot = hashes[i]! & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = i + 1;
  }
  return table;
}

const MAGIC = 0x7467706c; // "tgpl"
const VERSION = 2;
const ARRAYS = [
  "tokens",
  "flags",
  "caps",
  "gramHashes",
  "gramOffsets",
  "gramEntries",
  "gramCounts",
  "gramTable",
] as const;
type ArrayName = (typeof ARRAYS)[number];
const CTORS = {
  tokens: Uint16Array,
  flags: Uint8Array,
  caps: Uint8Array,
  gramHashes: Uint32Array,
  gramOffsets: Uint32Array,
  gramEntries: Uint16Array,
  gramCounts: Uint32Array,
  gramTable: Int32Array,
} as const;

export function serialize(data: IndexData): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      source: data.source,
      vocab: data.vocab,
      entries: data.entries,
      lengths: Object.fromEntries(ARRAYS.map((k) => [k, data[k].length])),
    }),
  );
  const align = (n: number) => (n + 7) & ~7;
  let size = align(12 + header.length);
  for (const k of ARRAYS) size += align(data[k].byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  let at = align(12 + header.length);
  for (const k of ARRAYS) {
    out.set(new Uint8Array(data[k].buffer, data[k].byteOffset, data[k].byteLength), at);
    at += align(data[k].byteLength);
  }
  return out;
}

/** @throws Error when the blob is not a tgpl licence index of this version. */
export function deserialize(bytes: Uint8Array): IndexData {
  // Typed-array views need aligned offsets: copy once into a fresh buffer if needed.
  const buf = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== VERSION) {
    throw new Error(
      "licence index is missing or from another tgpl version: run `npm run build:data`",
    );
  }
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + headerLength))) as {
    source: Record<string, string>;
    vocab: string[];
    entries: EntryMeta[];
    lengths: Record<ArrayName, number>;
  };
  const align = (n: number) => (n + 7) & ~7;
  let at = align(12 + headerLength);
  const arrays = {} as Record<ArrayName, Uint8Array | Uint16Array | Uint32Array | Int32Array>;
  for (const k of ARRAYS) {
    const Ctor = CTORS[k];
    const length = header.lengths[k];
    arrays[k] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + at, length);
    at += align(length * Ctor.BYTES_PER_ELEMENT);
  }
  return {
    source: header.source,
    vocab: header.vocab,
    entries: header.entries,
    ...arrays,
  } as IndexData;
}
