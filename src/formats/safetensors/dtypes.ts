/**
 * Safetensors dtypes (https://github.com/huggingface/safetensors, `Dtype`):
 * their byte sizes, which ones decode to numbers here, and the IEEE half /
 * bfloat16 conversions both ways. Pure.
 */

export const DTYPES = {
  BOOL: { size: 1, kind: "bool" },
  U8: { size: 1, kind: "int" },
  I8: { size: 1, kind: "int" },
  U16: { size: 2, kind: "int" },
  I16: { size: 2, kind: "int" },
  U32: { size: 4, kind: "int" },
  I32: { size: 4, kind: "int" },
  U64: { size: 8, kind: "int" },
  I64: { size: 8, kind: "int" },
  F8_E4M3: { size: 1, kind: "float" },
  F8_E5M2: { size: 1, kind: "float" },
  F8_E8M0: { size: 1, kind: "float" },
  F16: { size: 2, kind: "float" },
  BF16: { size: 2, kind: "float" },
  F32: { size: 4, kind: "float" },
  F64: { size: 8, kind: "float" },
} as const;

export type Dtype = keyof typeof DTYPES;

export const isDtype = (s: string): s is Dtype => Object.hasOwn(DTYPES, s);

/** Floating types read as numbers; integer and bool tensors (packed GPTQ weights, masks) are only reported. */
export const NUMERIC_DTYPES: ReadonlySet<Dtype> = new Set(["F16", "BF16", "F32", "F64"]);

// One table of all 65536 halves: decoding a tensor is then one lookup per value.
let halfTable: Float32Array | undefined;
function halves(): Float32Array {
  if (halfTable) return halfTable;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    t[h] =
      exp === 0
        ? sign * frac * 2 ** -24
        : exp === 31
          ? frac
            ? Number.NaN
            : sign * Number.POSITIVE_INFINITY
          : sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  halfTable = t;
  return t;
}

export const halfBitsToFloat = (h: number): number => halves()[h & 0xffff]!;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The nearest half (round to nearest even), as its bit pattern; overflow gives infinity. */
export function floatToHalfBits(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal half: shift the mantissa with its hidden bit in, rounding to nearest even.
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let h = mant >>> shift;
    if (rest > half || (rest === half && h & 1)) h++;
    return sign | h;
  }
  const rest = mant & 0x1fff;
  let h = (e << 10) | (mant >>> 13);
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  // A carry out of the mantissa moves to the next exponent (up to infinity), as rounding should.
  return sign | h;
}

/** The nearest bfloat16 (round to nearest even), as its bit pattern. */
export function floatToBf16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  if ((bits & 0x7f800000) === 0x7f800000 && bits & 0x7fffff) return ((bits >>> 16) | 0x40) & 0xffff;
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

export const bf16BitsToFloat = (b: number): number => {
  u32[0] = (b & 0xffff) << 16;
  return f32[0]!;
};

/** Rounds every value to half precision and back, as a half-precision copy of a model holds it. */
export const roundToHalf = (x: number): number => halfBitsToFloat(floatToHalfBits(x));
export const roundToBf16 = (x: number): number => bf16BitsToFloat(floatToBf16Bits(x));

function fp8(b: number, expBits: number, bias: number, hasInf: boolean): number {
  const mantBits = 7 - expBits;
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> mantBits) & ((1 << expBits) - 1);
  const mant = b & ((1 << mantBits) - 1);
  const maxExp = (1 << expBits) - 1;
  if (hasInf && exp === maxExp) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  // E4M3 (the "fn" variant) has no infinities; only S.1111.111 is NaN.
  if (!hasInf && exp === maxExp && mant === (1 << mantBits) - 1) return Number.NaN;
  if (exp === 0) return sign * mant * 2 ** (1 - bias - mantBits);
  return sign * (1 + mant / (1 << mantBits)) * 2 ** (exp - bias);
}

/**
 * Values of a float tensor as F32 (F64 is narrowed; F8 decoded), from little-endian bytes.
 * `out` receives them; its length says how many.
 */
export function decodeFloats(dtype: Dtype, bytes: Uint8Array, out: Float32Array): void {
  const n = out.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (dtype) {
    case "F32":
      if (bytes.byteOffset % 4 === 0) out.set(new Float32Array(bytes.buffer, bytes.byteOffset, n));
      else for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      return;
    case "F16": {
      const t = halves();
      for (let i = 0; i < n; i++) out[i] = t[bytes[2 * i]! | (bytes[2 * i + 1]! << 8)]!;
      return;
    }
    case "BF16": {
      const o = new Uint32Array(out.buffer, out.byteOffset, n);
      for (let i = 0; i < n; i++) o[i] = (bytes[2 * i]! | (bytes[2 * i + 1]! << 8)) << 16;
      return;
    }
    case "F64":
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
      return;
    case "F8_E4M3":
      for (let i = 0; i < n; i++) out[i] = fp8(bytes[i]!, 4, 7, false);
      return;
    case "F8_E5M2":
      for (let i = 0; i < n; i++) out[i] = fp8(bytes[i]!, 5, 15, true);
      return;
    case "F8_E8M0":
      for (let i = 0; i < n; i++) out[i] = bytes[i] === 0xff ? Number.NaN : 2 ** (bytes[i]! - 127);
      return;
    default:
      throw new TypeError(`${dtype} tensors do not decode to floating-point values`);
  }
}

/** F32 values encoded in a float dtype, little-endian (for writing models). */
export function encodeFloats(dtype: "F32" | "F16" | "BF16", values: Float32Array): Uint8Array {
  if (dtype === "F32") {
    const copy = Float32Array.from(values);
    return new Uint8Array(copy.buffer);
  }
  const out = new Uint8Array(values.length * 2);
  const enc = dtype === "F16" ? floatToHalfBits : floatToBf16Bits;
  for (let i = 0; i < values.length; i++) {
    const h = enc(values[i]!);
    out[2 * i] = h & 0xff;
    out[2 * i + 1] = h >>> 8;
  }
  return out;
}
