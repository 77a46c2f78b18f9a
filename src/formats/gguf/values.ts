/**
 * Typed GGUF metadata values. A JS number does not say whether it is a u32 or
 * a float32, so every value carries its GGUF type: what the reader returns can
 * be written back unchanged, byte for byte.
 */
import { GGUF_TYPE_NAMES, GgufType } from "./constants.ts";

type NumberType =
  | typeof GgufType.UINT8
  | typeof GgufType.INT8
  | typeof GgufType.UINT16
  | typeof GgufType.INT16
  | typeof GgufType.UINT32
  | typeof GgufType.INT32
  | typeof GgufType.FLOAT32
  | typeof GgufType.FLOAT64;

/** An array's items, untagged: its `itemType` says what they are. Nested arrays keep their own tag. */
export type GgufItem = number | bigint | boolean | string | GgufArray;

export interface GgufArray {
  type: typeof GgufType.ARRAY;
  itemType: GgufType;
  value: GgufItem[];
}

export type GgufValue =
  | { type: NumberType; value: number }
  | { type: typeof GgufType.UINT64 | typeof GgufType.INT64; value: bigint }
  | { type: typeof GgufType.BOOL; value: boolean }
  | { type: typeof GgufType.STRING; value: string }
  | GgufArray;

export const u8 = (value: number): GgufValue => ({ type: GgufType.UINT8, value });
export const i8 = (value: number): GgufValue => ({ type: GgufType.INT8, value });
export const u16 = (value: number): GgufValue => ({ type: GgufType.UINT16, value });
export const i16 = (value: number): GgufValue => ({ type: GgufType.INT16, value });
export const u32 = (value: number): GgufValue => ({ type: GgufType.UINT32, value });
export const i32 = (value: number): GgufValue => ({ type: GgufType.INT32, value });
export const f32 = (value: number): GgufValue => ({ type: GgufType.FLOAT32, value });
export const f64 = (value: number): GgufValue => ({ type: GgufType.FLOAT64, value });
export const u64 = (value: bigint | number): GgufValue => ({
  type: GgufType.UINT64,
  value: BigInt(value),
});
export const i64 = (value: bigint | number): GgufValue => ({
  type: GgufType.INT64,
  value: BigInt(value),
});
export const bool = (value: boolean): GgufValue => ({ type: GgufType.BOOL, value });
export const str = (value: string): GgufValue => ({ type: GgufType.STRING, value });
export const arr = (itemType: GgufType, value: GgufItem[]): GgufArray => ({
  type: GgufType.ARRAY,
  itemType,
  value,
});

/** The value without its tag: numbers, bigints, booleans, strings, nested plain arrays. */
export function plain(v: GgufValue | GgufItem): unknown {
  if (typeof v !== "object") return v;
  if (v.type === GgufType.ARRAY) return v.value.map(plain);
  return v.value;
}

/** A JSON-safe view: 64-bit integers become decimal strings, non-finite floats strings. */
export function toJson(v: GgufValue | GgufItem): unknown {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (typeof v !== "object") return v;
  if (v.type === GgufType.ARRAY) return v.value.map(toJson);
  return toJson(v.value);
}

export const typeName = (t: number): string => GGUF_TYPE_NAMES[t as GgufType] ?? `type ${t}`;
