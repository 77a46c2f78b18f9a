/**
 * GGUF tensor data as F32, whole rows at a time: F32, F16, BF16 and the
 * legacy block quantizations (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0: a half-precision
 * scale, and a minimum for the _1 types, per block of 32). The k-quants and
 * i-quants pack scales in superblocks whose layouts change between llama.cpp
 * versions; they are compared by their metadata only, and the result says so.
 * The reference quantizers for Q8_0 and Q4_0 (ggml's quantize_row_*_ref) are
 * here too, to write quantized copies of models made in tests.
 *
 * Candidates to move into src/formats/gguf once it wants row-wise reads.
 */
import { floatToHalfBits, halfBitsToFloat } from "../../formats/safetensors/dtypes.ts";

/** ggml type ids this file decodes. */
export const DECODABLE_GGML: Readonly<Record<number, string>> = {
  0: "F32",
  1: "F16",
  30: "BF16",
  2: "Q4_0",
  3: "Q4_1",
  6: "Q5_0",
  7: "Q5_1",
  8: "Q8_0",
};

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const half = (b: Uint8Array, at: number) => halfBitsToFloat(u16(b, at));

/**
 * Decodes `out.length` values (a whole number of blocks) from `bytes` of ggml type `type`.
 * @throws TypeError for a type not in DECODABLE_GGML.
 */
export function dequantize(type: number, bytes: Uint8Array, out: Float32Array): void {
  const n = out.length;
  switch (type) {
    case 0: {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      return;
    }
    case 1:
      for (let i = 0; i < n; i++) out[i] = half(bytes, 2 * i);
      return;
    case 30: {
      const o = new Uint32Array(out.buffer, out.byteOffset, n);
      for (let i = 0; i < n; i++) o[i] = u16(bytes, 2 * i) << 16;
      return;
    }
    case 8:
      for (let b = 0, at = 0; b < n; b += 32, at += 34) {
        const d = half(bytes, at);
        for (let j = 0; j < 32; j++) out[b + j] = d * ((bytes[at + 2 + j]! << 24) >> 24);
      }
      return;
    case 2:
      for (let b = 0, at = 0; b < n; b += 32, at += 18) {
        const d = half(bytes, at);
        for (let j = 0; j < 16; j++) {
          const q = bytes[at + 2 + j]!;
          out[b + j] = ((q & 0x0f) - 8) * d;
          out[b + j + 16] = ((q >> 4) - 8) * d;
        }
      }
      return;
    case 3:
      for (let b = 0, at = 0; b < n; b += 32, at += 20) {
        const d = half(bytes, at);
        const m = half(bytes, at + 2);
        for (let j = 0; j < 16; j++) {
          const q = bytes[at + 4 + j]!;
          out[b + j] = (q & 0x0f) * d + m;
          out[b + j + 16] = (q >> 4) * d + m;
        }
      }
      return;
    case 6:
    case 7: {
      const withMin = type === 7;
      const size = withMin ? 24 : 22;
      for (let b = 0, at = 0; b < n; b += 32, at += size) {
        const d = half(bytes, at);
        const m = withMin ? half(bytes, at + 2) : 0;
        const h = withMin ? at + 4 : at + 2;
        const qh =
          (bytes[h]! | (bytes[h + 1]! << 8) | (bytes[h + 2]! << 16) | (bytes[h + 3]! << 24)) >>> 0;
        const qs = h + 4;
        for (let j = 0; j < 16; j++) {
          const hi0 = ((qh >>> j) << 4) & 0x10;
          const hi1 = (qh >>> (j + 12)) & 0x10;
          const q = bytes[qs + j]!;
          const x0 = (q & 0x0f) | hi0;
          const x1 = (q >> 4) | hi1;
          out[b + j] = withMin ? x0 * d + m : (x0 - 16) * d;
          out[b + j + 16] = withMin ? x1 * d + m : (x1 - 16) * d;
        }
      }
      return;
    }
    default:
      throw new TypeError(`ggml type ${type} is not decoded here`);
  }
}

// C's roundf: halves away from zero (Math.round rounds them up).
const roundf = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));

/** ggml's reference Q8_0 quantizer: per block of 32, scale amax/127, values rounded. */
export function quantizeQ8_0(x: Float32Array): Uint8Array {
  if (x.length % 32 !== 0) throw new RangeError("Q8_0 needs a multiple of 32 values");
  const out = new Uint8Array((x.length / 32) * 34);
  for (let b = 0, at = 0; b < x.length; b += 32, at += 34) {
    let amax = 0;
    for (let j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[b + j]!));
    const d = Math.fround(amax / 127);
    const id = d ? Math.fround(1 / d) : 0;
    const h = floatToHalfBits(d);
    out[at] = h & 0xff;
    out[at + 1] = h >> 8;
    for (let j = 0; j < 32; j++) out[at + 2 + j] = roundf(Math.fround(x[b + j]! * id)) & 0xff;
  }
  return out;
}

/** ggml's reference Q4_0 quantizer: scale = (the value of largest magnitude) / -8. */
export function quantizeQ4_0(x: Float32Array): Uint8Array {
  if (x.length % 32 !== 0) throw new RangeError("Q4_0 needs a multiple of 32 values");
  const out = new Uint8Array((x.length / 32) * 18);
  for (let b = 0, at = 0; b < x.length; b += 32, at += 18) {
    let amax = 0;
    let max = 0;
    for (let j = 0; j < 32; j++) {
      const v = x[b + j]!;
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = Math.fround(max / -8);
    const id = d ? Math.fround(1 / d) : 0;
    const h = floatToHalfBits(d);
    out[at] = h & 0xff;
    out[at + 1] = h >> 8;
    for (let j = 0; j < 16; j++) {
      // (int8_t) truncates toward zero; the values are at least 0.5 here.
      const q0 = Math.min(15, Math.trunc(Math.fround(x[b + j]! * id) + 8.5));
      const q1 = Math.min(15, Math.trunc(Math.fround(x[b + 16 + j]! * id) + 8.5));
      out[at + 2 + j] = q0 | (q1 << 4);
    }
  }
  return out;
}

/** Precisions whose rounding error is known: the float types and the legacy block quantizations. */
export type Precision = "F64" | "F32" | "F16" | "BF16" | "Q8_0" | "Q5_1" | "Q5_0" | "Q4_1" | "Q4_0";

/** Lower is coarser: the side of a pair whose precision is lower is the copy. */
export const PRECISION_RANK: Readonly<Record<Precision, number>> = {
  F64: 9,
  F32: 8,
  F16: 7,
  BF16: 6,
  Q8_0: 5,
  Q5_1: 4,
  Q5_0: 3,
  Q4_1: 2,
  Q4_0: 1,
};

/**
 * How far a stored value lies from its original, relative to its size: the
 * unit roundoff of the float types, a typical figure for the block
 * quantizations. Squared and times a tensor's energy, it is what rounding
 * alone can add to a difference (compare and tree both weigh noise by it).
 */
export const RELATIVE_ERROR: Readonly<Record<Precision, number>> = {
  F64: 2 ** -53,
  F32: 2 ** -24,
  F16: 2 ** -11,
  BF16: 2 ** -8,
  Q8_0: 0.01,
  Q5_1: 0.03,
  Q5_0: 0.04,
  Q4_1: 0.06,
  Q4_0: 0.08,
};

const MANTISSA: Partial<Record<Precision, number>> = { F64: 53, F32: 24, F16: 11, BF16: 8 };

/** Steps of 32-value blocks: (max-min)/levels for the _1 types, amax/levels for the others. */
const BLOCK_LEVELS: Partial<Record<Precision, { levels: number; withMin: boolean }>> = {
  Q8_0: { levels: 127, withMin: false },
  Q5_1: { levels: 31, withMin: true },
  Q5_0: { levels: 16, withMin: false },
  Q4_1: { levels: 15, withMin: true },
  Q4_0: { levels: 8, withMin: false },
};

/**
 * Per value of `values` (stored in `type`), how far the original it was
 * rounded from may lie, into `out`: one quantization step of its block of 32
 * (twice the rounding error, so that quantizers other than the reference one
 * pass too), or one unit in the last place for the float types.
 */
export function roundingBounds(type: Precision, values: Float32Array, out: Float32Array): void {
  const m = MANTISSA[type];
  if (m !== undefined) {
    for (let i = 0; i < values.length; i++) {
      const a = Math.abs(values[i]!);
      // One ulp at the value's binade (and at the subnormal floor of halves).
      const floor = type === "F16" ? 2 ** -24 : type === "BF16" ? 2 ** -133 : 0;
      out[i] = a === 0 ? floor : Math.max(floor, 2 ** (Math.floor(Math.log2(a)) - (m - 1)));
    }
    return;
  }
  const spec = BLOCK_LEVELS[type]!;
  for (let b = 0; b < values.length; b += 32) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let amax = 0;
    const end = Math.min(values.length, b + 32);
    for (let j = b; j < end; j++) {
      const v = values[j]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      amax = Math.max(amax, Math.abs(v));
    }
    // The stored values' own range understates the original's by at most half a step.
    const step = (spec.withMin ? hi - lo : amax) / spec.levels;
    const bound = step * 1.05 + amax * 2 ** -10;
    for (let j = b; j < end; j++) out[j] = bound;
  }
}

/** The types whose rounding bounds are known. */
export const isPrecision = (s: string): s is Precision => Object.hasOwn(PRECISION_RANK, s);
