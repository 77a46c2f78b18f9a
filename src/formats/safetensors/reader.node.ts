/**
 * Safetensors on disk, single-file or sharded (`model.safetensors.index.json`
 * beside its shards). Only the headers are read when a model is opened; tensor
 * data is read on request, a slice of one tensor at a time, so a model many
 * times larger than memory can be compared.
 */
import { closeSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../errors.ts";
import { openFile, readFull } from "../file.node.ts";
import { DTYPES, decodeFloats, NUMERIC_DTYPES } from "./dtypes.ts";
import { headerLength, parseHeader, parseShardIndex, type SafetensorsTensor } from "./header.ts";

export interface StoredTensor extends SafetensorsTensor {
  /** The file that holds it. */
  file: string;
}

export interface SafetensorsModel {
  /** The path given: a .safetensors file or an index. */
  path: string;
  files: string[];
  metadata: Record<string, string>;
  /** Sorted by name. */
  tensors: StoredTensor[];
  warnings: string[];
  /** Elements [first, first + out.length) of a float tensor, as F32, into `out`. */
  readFloats(tensor: StoredTensor, first: number, out: Float32Array): Float32Array;
  /** Raw bytes of elements [first, first + count). */
  readBytes(tensor: StoredTensor, first: number, count: number): Uint8Array;
  close(): void;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HINT =
  "The file is damaged, was cut short while downloading, or is not safetensors: fetch it again.";

function readExactly(fd: number, at: number, length: number, into?: Uint8Array): Uint8Array {
  const buf = into ?? new Uint8Array(length);
  const done = readFull(fd, buf, at);
  if (done < length) throw new InputError(`the file ended ${length - done} bytes early`, HINT);
  return buf;
}

function openOne(path: string): {
  fd: number;
  tensors: SafetensorsTensor[];
  metadata: Record<string, string>;
  warnings: string[];
} {
  const refusals = {
    cannotOpen: (reason: string) =>
      new InputError(`${path}: cannot open (${reason})`, "Check the path."),
    notAFile: () => new InputError(`${path}: not a regular file`, "Give a .safetensors file."),
  };
  return openFile(path, refusals, (fd, size) => {
    const fail = (message: string) =>
      new InputError(`${path}: not a valid safetensors file: ${message}`, HINT);
    const first = readExactly(fd, 0, Math.min(8, size));
    const len = headerLength(first, size);
    if (!len.ok) throw fail(len.error);
    const header = parseHeader(readExactly(fd, 8, len.value), size);
    if (!header.ok) throw fail(header.error);
    return {
      fd,
      tensors: header.value.tensors,
      metadata: header.value.metadata,
      warnings: header.value.warnings.map((w) => `${basename(path)}: ${w}`),
    };
  });
}

/**
 * Opens a .safetensors file, or the shards named by a `*.safetensors.index.json`.
 * @throws InputError for a missing, truncated or malformed file, or an index whose shards disagree with it.
 */
export function openSafetensors(path: string): SafetensorsModel {
  const fds = new Map<string, number>();
  const closeAll = () => {
    for (const fd of fds.values()) closeSync(fd);
    fds.clear();
  };
  const tensors: StoredTensor[] = [];
  const warnings: string[] = [];
  let metadata: Record<string, string> = {};
  try {
    if (path.endsWith(".json")) {
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (e) {
        throw new InputError(
          `${path}: cannot read (${(e as NodeJS.ErrnoException).code})`,
          "Check the path.",
        );
      }
      const index = parseShardIndex(text);
      if (!index.ok)
        throw new InputError(
          `${path}: not a safetensors index: ${index.error}`,
          "Give model.safetensors.index.json as the Hub publishes it.",
        );
      const dir = dirname(path);
      const byFile = new Map<string, string[]>();
      for (const [name, file] of index.value.weightMap)
        byFile.set(file, [...(byFile.get(file) ?? []), name]);
      for (const [file, names] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const shardPath = join(dir, file);
        const shard = openOne(shardPath);
        fds.set(shardPath, shard.fd);
        warnings.push(...shard.warnings);
        if (Object.keys(metadata).length === 0) metadata = shard.metadata;
        const held = new Map(shard.tensors.map((t) => [t.name, t]));
        for (const name of names) {
          const t = held.get(name);
          if (!t)
            throw new InputError(
              `${path}: the index puts tensor ${JSON.stringify(name)} in ${file}, which does not hold it`,
              "The shards and the index come from different versions of the model: download them together.",
            );
          tensors.push({ ...t, file: shardPath });
          held.delete(name);
        }
        if (held.size > 0)
          warnings.push(
            `${file} holds ${held.size} tensors the index does not name (ignored): ${[...held.keys()].slice(0, 5).join(", ")}`,
          );
      }
    } else {
      const one = openOne(path);
      fds.set(path, one.fd);
      metadata = one.metadata;
      warnings.push(...one.warnings);
      for (const t of one.tensors) tensors.push({ ...t, file: path });
    }
  } catch (e) {
    closeAll();
    throw e;
  }
  tensors.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const fdOf = (t: StoredTensor) => {
    const fd = fds.get(t.file);
    if (fd === undefined) throw new InputError(`${t.file}: already closed`);
    return fd;
  };
  const readBytes = (t: StoredTensor, first: number, count: number) => {
    const size = DTYPES[t.dtype].size;
    if (first < 0 || first + count > t.elements)
      throw new RangeError(
        `tensor ${t.name}: elements ${first}..${first + count} out of ${t.elements}`,
      );
    return readExactly(fdOf(t), t.start + first * size, count * size);
  };
  return {
    path,
    files: [...fds.keys()],
    metadata,
    tensors,
    warnings,
    readBytes,
    readFloats(t, first, out) {
      if (!NUMERIC_DTYPES.has(t.dtype))
        throw new InputError(`tensor ${t.name} is ${t.dtype}, not a floating-point type`);
      if (t.dtype === "F32" && LITTLE_ENDIAN && first + out.length <= t.elements) {
        // Little-endian F32 straight into the caller's array: no copy for the common case.
        readExactly(
          fdOf(t),
          t.start + first * 4,
          out.length * 4,
          new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
        );
        return out;
      }
      decodeFloats(t.dtype, readBytes(t, first, out.length), out);
      return out;
    },
    close: closeAll,
  };
}
