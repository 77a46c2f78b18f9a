/**
 * Writes safetensors: the header (padded with spaces so the data starts on an
 * 8-byte boundary, as the reference writer does) and the tensors in order.
 * Pure; `safetensorsHeader` alone serves writers that stream the data.
 */
import { DTYPES, type Dtype } from "./dtypes.ts";

export interface TensorLayout {
  name: string;
  dtype: Dtype;
  shape: number[];
}

export interface TensorInput extends TensorLayout {
  /** Little-endian bytes in the tensor's dtype. */
  data: Uint8Array;
}

const encoder = new TextEncoder();

/**
 * The 8-byte length and the JSON header for tensors laid out one after the other, in this order.
 * @throws RangeError for a name given twice or `__metadata__` used as a tensor name.
 */
export function safetensorsHeader(
  tensors: readonly TensorLayout[],
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === "__metadata__" || Object.hasOwn(header, t.name))
      throw new RangeError(
        `safetensors: tensor name ${JSON.stringify(t.name)} cannot be used twice`,
      );
    const size = t.shape.reduce((a, b) => a * b, 1) * DTYPES[t.dtype].size;
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = encoder.encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

/**
 * A whole safetensors file.
 * @throws RangeError when a tensor's bytes do not match its dtype and shape.
 */
export function writeSafetensors(
  tensors: readonly TensorInput[],
  metadata: Record<string, string> = {},
): Uint8Array {
  for (const t of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1) * DTYPES[t.dtype].size;
    if (t.data.length !== size)
      throw new RangeError(
        `safetensors: tensor ${t.name} has ${t.data.length} bytes; ${t.dtype} ${JSON.stringify(t.shape)} needs ${size}`,
      );
  }
  const head = safetensorsHeader(tensors, metadata);
  const out = new Uint8Array(head.length + tensors.reduce((n, t) => n + t.data.length, 0));
  out.set(head);
  let at = head.length;
  for (const t of tensors) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}
