/**
 * Reads GGUF files (versions 2 and 3): metadata of every value type, tensor
 * infos, alignment, and F32/F16/BF16 tensor data. Works over any random-access
 * byte source, so a multi-gigabyte model is read without loading its weights.
 * Every way a file can be cut short or damaged is an InputError that names the
 * byte offset and what was being read.
 */
import { InputError } from "../../errors.ts";
import {
  fixedSize,
  GGML_MAX_DIMS,
  GGML_TYPES,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GgufType,
} from "./constants.ts";
import type { GgufArray, GgufItem, GgufValue } from "./values.ts";
import { typeName } from "./values.ts";
import { tensorByteSize } from "./writer.ts";

/** Random access to the bytes of a file (or of an in-memory buffer). */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset`; fewer only at the end of the source. */
  read(offset: number, length: number): Uint8Array;
}

export interface GgufTensorInfo {
  name: string;
  /** ggml order: contiguous dimension first. */
  dims: number[];
  type: number;
  /** "F32", "Q4_K", ... or "unknown(N)" for a type this reader does not know. */
  typeName: string;
  elements: number;
  /** Offset from the start of the data section. */
  offset: number;
  /** Offset from the start of the file. */
  fileOffset: number;
  /** Undefined for an unknown tensor type. */
  byteSize: number | undefined;
}

export interface GgufFile {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
  /** File offset where tensor data begins. */
  dataOffset: number;
  /** Size of the source in bytes. */
  size: number;
}

export interface ReadOptions {
  /** Name used in messages (usually the path). */
  name?: string;
  /** Refuse arrays longer than this (a corrupt count would otherwise ask for gigabytes). */
  maxArrayLength?: number;
}

/** A ByteSource over bytes already in memory. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

const decoder = new TextDecoder("utf-8", { fatal: true });
// Some converters write vocabulary pieces that are not valid UTF-8 (partial characters);
// llama.cpp accepts them, so values are decoded leniently and only keys must be UTF-8.
const lenient = new TextDecoder("utf-8");
const CHUNK = 1 << 16;

class Cursor {
  pos = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  constructor(
    private readonly src: ByteSource,
    private readonly name: string,
  ) {}

  fail(what: string, message: string): never {
    throw new InputError(
      `${this.name}: not a valid GGUF file: ${message} (at byte ${this.pos}, reading ${what})`,
      "The file is damaged or was cut short: download or convert the model again.",
    );
  }

  /** `n` bytes at the cursor, advancing it. */
  take(n: number, what: string): Uint8Array {
    if (this.pos + n > this.src.size)
      this.fail(
        what,
        `the file ends after ${this.src.size} bytes, ${this.pos + n - this.src.size} too soon`,
      );
    const rel = this.pos - this.bufStart;
    if (rel < 0 || rel + n > this.buf.length) {
      if (n > CHUNK) {
        const out = this.src.read(this.pos, n);
        if (out.length < n) this.fail(what, "the file could not be read to its end");
        this.pos += n;
        return out;
      }
      this.buf = this.src.read(this.pos, Math.max(CHUNK, n));
      this.bufStart = this.pos;
      if (this.buf.length < n) this.fail(what, "the file could not be read to its end");
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }
  view(n: number, what: string): DataView {
    const b = this.take(n, what);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  u32(what: string) {
    return this.view(4, what).getUint32(0, true);
  }
  /** A u64 that must fit a JS number (counts, lengths, offsets). */
  count(what: string): number {
    const v = this.view(8, what).getBigUint64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(what, `${v} is not a plausible size`);
    return Number(v);
  }
  string(what: string, strict = true): string {
    const start = this.pos;
    const len = this.count(`the length of ${what}`);
    if (start + 8 + len > this.src.size)
      this.fail(
        what,
        `a string of ${len} bytes runs past the end of the file (${this.src.size} bytes)`,
      );
    const bytes = this.take(len, what);
    if (!strict) return lenient.decode(bytes);
    try {
      return decoder.decode(bytes);
    } catch {
      this.pos = start;
      return this.fail(what, "a string that is not UTF-8");
    }
  }
}

function readScalar(c: Cursor, type: GgufType, what: string): GgufItem {
  switch (type) {
    case GgufType.UINT8:
      return c.view(1, what).getUint8(0);
    case GgufType.INT8:
      return c.view(1, what).getInt8(0);
    case GgufType.UINT16:
      return c.view(2, what).getUint16(0, true);
    case GgufType.INT16:
      return c.view(2, what).getInt16(0, true);
    case GgufType.UINT32:
      return c.view(4, what).getUint32(0, true);
    case GgufType.INT32:
      return c.view(4, what).getInt32(0, true);
    case GgufType.FLOAT32:
      return c.view(4, what).getFloat32(0, true);
    case GgufType.FLOAT64:
      return c.view(8, what).getFloat64(0, true);
    case GgufType.UINT64:
      return c.view(8, what).getBigUint64(0, true);
    case GgufType.INT64:
      return c.view(8, what).getBigInt64(0, true);
    case GgufType.BOOL: {
      const b = c.view(1, what).getUint8(0);
      if (b > 1) c.fail(what, `a bool of value ${b}`);
      return b === 1;
    }
    case GgufType.STRING:
      return c.string(what, false);
    default:
      return c.fail(what, `unknown value type ${type}`);
  }
}

function readArray(
  c: Cursor,
  what: string,
  size: number,
  maxLen: number,
  depth: number,
): GgufArray {
  if (depth > 8) c.fail(what, "arrays nested more than 8 deep");
  const itemType = c.u32(`the item type of ${what}`) as GgufType;
  if (itemType > GgufType.FLOAT64) c.fail(what, `unknown array item type ${itemType}`);
  const n = c.count(`the length of ${what}`);
  const min = fixedSize(itemType) ?? (itemType === GgufType.STRING ? 8 : 12);
  if (n > maxLen || c.pos + n * min > size)
    c.fail(what, `an array of ${n} ${typeName(itemType)} items that cannot fit in the file`);
  const value: GgufItem[] = new Array(n);
  for (let i = 0; i < n; i++) {
    value[i] =
      itemType === GgufType.ARRAY
        ? readArray(c, `${what}[${i}]`, size, maxLen, depth + 1)
        : readScalar(c, itemType, `${what}[${i}]`);
  }
  return { type: GgufType.ARRAY, itemType, value };
}

/**
 * Metadata and tensor infos of a GGUF file, checked against the file's size.
 * @throws InputError for a file that is not GGUF, is truncated or is corrupt.
 */
export function readGguf(src: ByteSource, options: ReadOptions = {}): GgufFile {
  const name = options.name ?? "GGUF data";
  const maxLen = options.maxArrayLength ?? 50_000_000;
  const c: Cursor = new Cursor(src, name);
  if (src.size < 4 || c.u32("the magic number") !== GGUF_MAGIC) {
    c.pos = 0;
    c.fail("the magic number", "it does not start with 'GGUF'");
  }
  const version = c.u32("the version");
  if (version === 1)
    c.fail(
      "the version",
      "GGUF version 1 (from 2023) is not supported; convert the model with a current llama.cpp",
    );
  if (version !== 2 && version !== 3)
    c.fail("the version", `unknown GGUF version ${version} (this reader knows 2 and 3)`);
  const tensorCount = c.count("the tensor count");
  const kvCount = c.count("the metadata count");
  // The smallest tensor info is 8+1+4+8+4+8 bytes and the smallest key-value 8+1+4+1.
  if (tensorCount * 33 + kvCount * 14 > src.size)
    c.fail(
      "the header",
      `${tensorCount} tensors and ${kvCount} metadata entries cannot fit in ${src.size} bytes`,
    );

  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = c.string(`metadata key #${i}`);
    const what = `metadata '${key}'`;
    const type = c.u32(`the type of ${what}`) as GgufType;
    if (type > GgufType.FLOAT64) c.fail(what, `unknown value type ${type}`);
    if (metadata.has(key)) c.fail(what, "a key that appears twice");
    const value =
      type === GgufType.ARRAY
        ? readArray(c, what, src.size, maxLen, 0)
        : ({ type, value: readScalar(c, type, what) } as GgufValue);
    metadata.set(key, value);
  }

  let alignment = GGUF_DEFAULT_ALIGNMENT;
  const a = metadata.get("general.alignment");
  if (a) {
    if (a.type !== GgufType.UINT32 || a.value === 0 || a.value % 8 !== 0)
      c.fail("metadata 'general.alignment'", "an alignment that is not a uint32 multiple of 8");
    alignment = a.value;
  }

  const tensors: GgufTensorInfo[] = [];
  const names = new Set<string>();
  for (let i = 0; i < tensorCount; i++) {
    const tname = c.string(`the name of tensor #${i}`);
    const what = `tensor '${tname}'`;
    if (names.has(tname)) c.fail(what, "a tensor name that appears twice");
    names.add(tname);
    const nDims = c.u32(`the dimension count of ${what}`);
    if (nDims < 1 || nDims > GGML_MAX_DIMS)
      c.fail(what, `${nDims} dimensions (ggml allows 1 to 4)`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) {
      const n = c.count(`dimension ${d} of ${what}`);
      if (n === 0) c.fail(what, `dimension ${d} is 0`);
      dims.push(n);
    }
    const type = c.u32(`the type of ${what}`);
    const offset = c.count(`the data offset of ${what}`);
    if (offset % alignment !== 0)
      c.fail(what, `data offset ${offset} is not a multiple of the alignment ${alignment}`);
    const known = GGML_TYPES[type];
    const byteSize = tensorByteSize(type, dims);
    if (known && byteSize === undefined)
      c.fail(
        what,
        `dims ${JSON.stringify(dims)} do not make whole ${known.name} blocks of ${known.blockSize}`,
      );
    tensors.push({
      name: tname,
      dims,
      type,
      typeName: known?.name ?? `unknown(${type})`,
      elements: dims.reduce((n, d) => n * d, 1),
      offset,
      fileOffset: 0,
      byteSize,
    });
  }
  const dataOffset = c.pos + ((alignment - (c.pos % alignment)) % alignment);
  for (const t of tensors) {
    t.fileOffset = dataOffset + t.offset;
    if (t.byteSize !== undefined && t.fileOffset + t.byteSize > src.size) {
      c.pos = t.fileOffset;
      c.fail(
        `the data of tensor '${t.name}'`,
        `its ${t.byteSize} bytes end at byte ${t.fileOffset + t.byteSize}, past the end of the file (${src.size} bytes)`,
      );
    }
  }
  const byOffset = tensors
    .filter((t) => t.byteSize !== undefined)
    .sort((x, y) => x.offset - y.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    const cur = byOffset[i]!;
    if (prev.offset + prev.byteSize! > cur.offset) {
      c.pos = cur.fileOffset;
      c.fail(`the data of tensor '${cur.name}'`, `it overlaps the data of tensor '${prev.name}'`);
    }
  }
  return { version, metadata, tensors, alignment, dataOffset, size: src.size };
}

/** The raw bytes of one tensor. */
export function tensorBytes(src: ByteSource, tensor: GgufTensorInfo): Uint8Array {
  if (tensor.byteSize === undefined)
    throw new InputError(
      `tensor '${tensor.name}' has type ${tensor.typeName}, whose size this reader does not know`,
    );
  const b = src.read(tensor.fileOffset, tensor.byteSize);
  if (b.length !== tensor.byteSize)
    throw new InputError(
      `tensor '${tensor.name}': the file ends inside its data`,
      "The file was cut short.",
    );
  return b;
}

/** IEEE half to single precision. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * A tensor's values as F32, from F32, F16 or BF16 data (quantized types are not decoded here).
 * @throws InputError for another type.
 */
export function tensorFloat32(src: ByteSource, tensor: GgufTensorInfo): Float32Array {
  const b = tensorBytes(src, tensor);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float32Array(tensor.elements);
  switch (tensor.typeName) {
    case "F32":
      for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    case "F16":
      for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    case "BF16": {
      const u = new Uint32Array(out.buffer);
      for (let i = 0; i < out.length; i++) u[i] = view.getUint16(i * 2, true) << 16;
      return out;
    }
    default:
      throw new InputError(
        `tensor '${tensor.name}' is ${tensor.typeName}; only F32, F16 and BF16 data can be read as numbers`,
      );
  }
}

/** A metadata value without its tag, or undefined. */
export function metaValue(file: GgufFile, key: string): GgufItem | undefined {
  const v = file.metadata.get(key);
  if (!v) return undefined;
  return v.type === GgufType.ARRAY ? v : v.value;
}
