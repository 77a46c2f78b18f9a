/**
 * The safetensors header: 8 bytes of little-endian length N, then N bytes of
 * JSON naming each tensor's `dtype`, `shape` and `data_offsets` (relative to
 * the byte after the header), plus an optional `__metadata__` map of strings.
 * Everything is checked against the file's size before a byte of weights is
 * read: a header over 100 MB, offsets that overlap, run past the end or do not
 * match the shape, and malformed JSON are errors that say what is wrong. Pure.
 */
import { type Result, err, ok } from "../../errors.ts";
import { DTYPES, type Dtype, isDtype } from "./dtypes.ts";

/** The limit the reference implementation sets, so a corrupt length cannot ask for gigabytes. */
export const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsTensor {
  name: string;
  dtype: Dtype;
  /** Row-major: the last dimension is contiguous. */
  shape: number[];
  elements: number;
  /** Byte offsets from the start of the file. */
  start: number;
  end: number;
}

export interface SafetensorsHeader {
  /** N, the JSON's length in bytes. */
  headerBytes: number;
  /** File offset of the data buffer (8 + N). */
  dataOffset: number;
  metadata: Record<string, string>;
  /** In file order. */
  tensors: SafetensorsTensor[];
  /** What the file does that the format does not allow but can still be read around. */
  warnings: string[];
}

/** The header length from the first 8 bytes, checked against the limit and the file size. */
export function headerLength(first: Uint8Array, fileSize: number): Result<number> {
  if (fileSize < 8 || first.length < 8)
    return err(
      `the file has ${fileSize} bytes, fewer than the 8 that hold the header length: it is empty or was cut short`,
    );
  const n = new DataView(first.buffer, first.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES))
    return err(
      `the header claims ${n} bytes, over the 100 MB that safetensors allows: the file is corrupt or not safetensors`,
    );
  const len = Number(n);
  if (len < 2) return err(`a header of ${len} bytes cannot hold a JSON object`);
  if (8 + len > fileSize)
    return err(
      `the header claims ${len} bytes but the file ends after ${fileSize - 8}: it was cut short`,
    );
  return ok(len);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The header's JSON (the N bytes after the length), validated against the file size.
 * Errors name the tensor and the field.
 */
export function parseHeader(json: Uint8Array, fileSize: number): Result<SafetensorsHeader> {
  const headerBytes = json.length;
  const dataOffset = 8 + headerBytes;
  let text: string;
  try {
    text = decoder.decode(json);
  } catch {
    return err("the header is not UTF-8 text");
  }
  if (!text.startsWith("{"))
    return err(
      `the header does not start with '{' (it starts ${JSON.stringify(text.slice(0, 16))})`,
    );
  let parsed: unknown;
  try {
    // Writers may pad the JSON with spaces to align the data.
    parsed = JSON.parse(text);
  } catch (e) {
    return err(`the header is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(parsed)) return err("the header is not a JSON object");

  const warnings: string[] = [];
  const metadata: Record<string, string> = {};
  const meta = parsed.__metadata__;
  if (meta !== undefined && meta !== null) {
    if (!isObj(meta)) return err("__metadata__ is not an object of strings");
    for (const [k, v] of Object.entries(meta)) {
      if (typeof v !== "string")
        return err(
          `__metadata__.${k} is ${JSON.stringify(v)}, but metadata values must be strings`,
        );
      metadata[k] = v;
    }
  }

  const dataSize = fileSize - dataOffset;
  const tensors: SafetensorsTensor[] = [];
  for (const [name, info] of Object.entries(parsed)) {
    if (name === "__metadata__") continue;
    const where = `tensor ${JSON.stringify(name)}`;
    if (!isObj(info)) return err(`${where} is not an object with dtype, shape and data_offsets`);
    const { dtype, shape, data_offsets: offsets } = info;
    if (typeof dtype !== "string" || !isDtype(dtype))
      return err(
        `${where} has dtype ${JSON.stringify(dtype)}, not one of ${Object.keys(DTYPES).join(", ")}`,
      );
    if (!Array.isArray(shape) || !shape.every(isCount))
      return err(`${where} has shape ${JSON.stringify(shape)}, not a list of whole numbers`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
      return err(
        `${where} has data_offsets ${JSON.stringify(offsets)}, not a pair of whole numbers`,
      );
    const [begin, end] = offsets as [number, number];
    if (end < begin)
      return err(`${where} has data_offsets [${begin}, ${end}] that end before they begin`);
    const elements = (shape as number[]).reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(elements * DTYPES[dtype].size))
      return err(`${where} has a shape ${JSON.stringify(shape)} too large to be real`);
    if (end - begin !== elements * DTYPES[dtype].size)
      return err(
        `${where} (${dtype} ${JSON.stringify(shape)}) needs ${elements * DTYPES[dtype].size} bytes, but its data_offsets [${begin}, ${end}] hold ${end - begin}`,
      );
    if (end > dataSize)
      return err(
        `${where} needs bytes up to ${dataOffset + end} but the file ends at byte ${fileSize}: it was cut short, or the offsets are out of range`,
      );
    tensors.push({
      name,
      dtype,
      shape: shape as number[],
      elements,
      start: dataOffset + begin,
      end: dataOffset + end,
    });
  }

  const byStart = [...tensors].sort((a, b) => a.start - b.start || a.end - b.end);
  let covered = dataOffset;
  let coveredBy = "";
  for (const t of byStart) {
    if (t.end === t.start) continue;
    if (t.start < covered)
      return err(
        `tensors ${JSON.stringify(coveredBy)} and ${JSON.stringify(t.name)} overlap (bytes ${t.start - dataOffset} to ${Math.min(covered, t.end) - dataOffset} of the data)`,
      );
    if (t.start > covered)
      warnings.push(
        `bytes ${covered - dataOffset} to ${t.start - dataOffset} of the data belong to no tensor`,
      );
    covered = t.end;
    coveredBy = t.name;
  }
  if (covered < fileSize)
    warnings.push(`${fileSize - covered} bytes after the last tensor belong to no tensor`);
  return ok({ headerBytes, dataOffset, metadata, tensors, warnings });
}

/**
 * The sharded layout's index (`model.safetensors.index.json`): which shard
 * file holds each tensor.
 */
export function parseShardIndex(
  text: string,
): Result<{ weightMap: Map<string, string>; metadata: Obj }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return err(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(parsed) || !isObj(parsed.weight_map))
    return err("no weight_map object (tensor name → shard file)");
  const weightMap = new Map<string, string>();
  for (const [name, file] of Object.entries(parsed.weight_map)) {
    if (typeof file !== "string" || file === "" || file.includes("/") || file.includes("\\"))
      return err(
        `weight_map.${name} is ${JSON.stringify(file)}, not a shard file name beside the index`,
      );
    weightMap.set(name, file);
  }
  return ok({ weightMap, metadata: isObj(parsed.metadata) ? parsed.metadata : {} });
}
