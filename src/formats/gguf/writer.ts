/**
 * Writes GGUF version 3 files: header, typed metadata, tensor infos, then the
 * tensor data, each tensor aligned (32 bytes unless `general.alignment` says
 * otherwise). Pure: returns the bytes.
 */
import {
  GGML_MAX_DIMS,
  GGUF_TYPE_NAMES,
  GGML_TYPES,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VERSION,
  GgufType,
} from "./constants.ts";
import type { GgufItem, GgufValue } from "./values.ts";

export interface GgufTensorInput {
  name: string;
  /** ggml order: the contiguous dimension first (a matrix of R rows of C columns is [C, R]). */
  dims: number[];
  /** ggml type id (GgmlType.F32, ...). */
  type: number;
  /** Raw bytes in the tensor's type, or F32 values for an F32 tensor. */
  data: Uint8Array | Float32Array;
}

export interface GgufInput {
  /** Metadata in file order. */
  metadata: Iterable<readonly [string, GgufValue]>;
  tensors: GgufTensorInput[];
}

const encoder = new TextEncoder();

class ByteWriter {
  private chunks: Uint8Array[] = [];
  private current = new Uint8Array(1 << 16);
  private view = new DataView(this.current.buffer);
  private pos = 0;
  length = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.current.length) return;
    this.chunks.push(this.current.subarray(0, this.pos));
    this.current = new Uint8Array(Math.max(1 << 16, n));
    this.view = new DataView(this.current.buffer);
    this.pos = 0;
  }
  private advance(n: number): void {
    this.pos += n;
    this.length += n;
  }
  u8(v: number) {
    this.ensure(1);
    this.view.setUint8(this.pos, v);
    this.advance(1);
  }
  i8(v: number) {
    this.ensure(1);
    this.view.setInt8(this.pos, v);
    this.advance(1);
  }
  u16(v: number) {
    this.ensure(2);
    this.view.setUint16(this.pos, v, true);
    this.advance(2);
  }
  i16(v: number) {
    this.ensure(2);
    this.view.setInt16(this.pos, v, true);
    this.advance(2);
  }
  u32(v: number) {
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.advance(4);
  }
  i32(v: number) {
    this.ensure(4);
    this.view.setInt32(this.pos, v, true);
    this.advance(4);
  }
  f32(v: number) {
    this.ensure(4);
    this.view.setFloat32(this.pos, v, true);
    this.advance(4);
  }
  f64(v: number) {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.advance(8);
  }
  u64(v: bigint) {
    this.ensure(8);
    this.view.setBigUint64(this.pos, v, true);
    this.advance(8);
  }
  i64(v: bigint) {
    this.ensure(8);
    this.view.setBigInt64(this.pos, v, true);
    this.advance(8);
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.current.set(b, this.pos);
    this.advance(b.length);
  }
  string(s: string) {
    const b = encoder.encode(s);
    this.u64(BigInt(b.length));
    this.bytes(b);
  }
  pad(alignment: number) {
    const n = (alignment - (this.length % alignment)) % alignment;
    this.ensure(n);
    this.current.fill(0, this.pos, this.pos + n);
    this.advance(n);
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of [...this.chunks, this.current.subarray(0, this.pos)]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const INT_RANGES: Partial<Record<GgufType, [number, number]>> = {
  [GgufType.UINT8]: [0, 0xff],
  [GgufType.INT8]: [-0x80, 0x7f],
  [GgufType.UINT16]: [0, 0xffff],
  [GgufType.INT16]: [-0x8000, 0x7fff],
  [GgufType.UINT32]: [0, 0xffffffff],
  [GgufType.INT32]: [-0x80000000, 0x7fffffff],
};

function writeItem(w: ByteWriter, type: GgufType, v: GgufItem, key: string): void {
  const range = INT_RANGES[type];
  if (range) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < range[0] || v > range[1])
      throw new RangeError(
        `GGUF metadata ${key}: ${String(v)} is not a valid ${GGUF_TYPE_NAMES[type]} value`,
      );
  }
  switch (type) {
    case GgufType.UINT8:
      w.u8(v as number);
      return;
    case GgufType.INT8:
      w.i8(v as number);
      return;
    case GgufType.UINT16:
      w.u16(v as number);
      return;
    case GgufType.INT16:
      w.i16(v as number);
      return;
    case GgufType.UINT32:
      w.u32(v as number);
      return;
    case GgufType.INT32:
      w.i32(v as number);
      return;
    case GgufType.FLOAT32:
    case GgufType.FLOAT64:
      if (typeof v !== "number") throw new TypeError(`GGUF metadata ${key}: expected a number`);
      type === GgufType.FLOAT32 ? w.f32(v) : w.f64(v);
      return;
    case GgufType.UINT64:
    case GgufType.INT64: {
      const b = typeof v === "number" ? BigInt(v) : v;
      if (typeof b !== "bigint") throw new TypeError(`GGUF metadata ${key}: expected an integer`);
      type === GgufType.UINT64 ? w.u64(BigInt.asUintN(64, b)) : w.i64(b);
      return;
    }
    case GgufType.BOOL:
      if (typeof v !== "boolean") throw new TypeError(`GGUF metadata ${key}: expected a boolean`);
      w.u8(v ? 1 : 0);
      return;
    case GgufType.STRING:
      if (typeof v !== "string") throw new TypeError(`GGUF metadata ${key}: expected a string`);
      w.string(v);
      return;
    case GgufType.ARRAY: {
      if (typeof v !== "object" || v.type !== GgufType.ARRAY)
        throw new TypeError(`GGUF metadata ${key}: expected a nested array`);
      w.u32(v.itemType);
      w.u64(BigInt(v.value.length));
      for (const item of v.value) writeItem(w, v.itemType, item, key);
      return;
    }
    default:
      throw new TypeError(`GGUF metadata ${key}: unknown value type ${String(type)}`);
  }
}

/** Bytes a tensor of this type and shape takes, or undefined for an unknown type or a partial block. */
export function tensorByteSize(type: number, dims: readonly number[]): number | undefined {
  const t = GGML_TYPES[type];
  if (!t) return undefined;
  const [first = 1, ...rest] = dims;
  if (first % t.blockSize !== 0) return undefined;
  return rest.reduce((n, d) => n * d, first / t.blockSize) * t.typeSize;
}

/**
 * The GGUF file for this metadata and these tensors.
 * @throws RangeError or TypeError when a value does not fit its type or a tensor's data does not fit its shape.
 * @example
 *   const bytes = writeGguf({ metadata: [["general.architecture", str("llama")]], tensors: [] });
 */
export function writeGguf(input: GgufInput): Uint8Array {
  const metadata = [...input.metadata];
  const alignmentEntry = metadata.find(([k]) => k === "general.alignment")?.[1];
  let alignment = GGUF_DEFAULT_ALIGNMENT;
  if (alignmentEntry) {
    if (
      alignmentEntry.type !== GgufType.UINT32 ||
      alignmentEntry.value % 8 !== 0 ||
      alignmentEntry.value === 0
    )
      throw new RangeError("GGUF metadata general.alignment must be a uint32 multiple of 8");
    alignment = alignmentEntry.value;
  }
  const keys = new Set<string>();
  for (const [k] of metadata) {
    if (keys.has(k)) throw new RangeError(`GGUF metadata key ${k} appears twice`);
    keys.add(k);
  }
  const names = new Set<string>();
  const layout: { bytes: Uint8Array; offset: number }[] = [];
  let dataSize = 0;
  for (const t of input.tensors) {
    if (names.has(t.name)) throw new RangeError(`GGUF tensor ${t.name} appears twice`);
    names.add(t.name);
    if (encoder.encode(t.name).length > 64)
      throw new RangeError(`GGUF tensor name ${t.name} is longer than 64 bytes`);
    if (
      t.dims.length < 1 ||
      t.dims.length > GGML_MAX_DIMS ||
      t.dims.some((d) => !Number.isInteger(d) || d < 1)
    )
      throw new RangeError(
        `GGUF tensor ${t.name}: dims ${JSON.stringify(t.dims)} must be 1 to 4 positive integers`,
      );
    const size = tensorByteSize(t.type, t.dims);
    if (size === undefined)
      throw new RangeError(
        `GGUF tensor ${t.name}: type ${t.type} and dims ${JSON.stringify(t.dims)} do not make whole blocks`,
      );
    const bytes =
      t.data instanceof Float32Array
        ? new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)
        : t.data;
    if (t.data instanceof Float32Array && t.type !== 0)
      throw new TypeError(`GGUF tensor ${t.name}: Float32Array data needs type F32`);
    if (bytes.length !== size)
      throw new RangeError(
        `GGUF tensor ${t.name}: ${bytes.length} bytes of data, its shape needs ${size}`,
      );
    dataSize += (alignment - (dataSize % alignment)) % alignment;
    layout.push({ bytes, offset: dataSize });
    dataSize += size;
  }

  const w = new ByteWriter();
  w.u32(GGUF_MAGIC);
  w.u32(GGUF_VERSION);
  w.u64(BigInt(input.tensors.length));
  w.u64(BigInt(metadata.length));
  for (const [key, value] of metadata) {
    w.string(key);
    w.u32(value.type);
    writeItem(w, value.type, value.type === GgufType.ARRAY ? value : value.value, key);
  }
  input.tensors.forEach((t, i) => {
    w.string(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(BigInt(d));
    w.u32(t.type);
    w.u64(BigInt(layout[i]!.offset));
  });
  w.pad(alignment);
  const dataStart = w.length;
  for (const { bytes, offset } of layout) {
    while (w.length < dataStart + offset) w.u8(0);
    w.bytes(bytes);
  }
  return w.finish();
}
