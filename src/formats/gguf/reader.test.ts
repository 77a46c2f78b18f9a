import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InputError } from "../../errors.ts";
import { GgmlType, GgufType } from "./constants.ts";
import { openGguf, readGgufFile } from "./reader.node.ts";
import { halfToFloat, memorySource, readGguf, tensorFloat32 } from "./reader.ts";
import {
  arr,
  bool,
  f32,
  f64,
  type GgufValue,
  i8,
  i16,
  i32,
  i64,
  str,
  u8,
  u16,
  u32,
  u64,
} from "./values.ts";
import { writeGguf } from "./writer.ts";

const metadata: [string, GgufValue][] = [
  ["general.architecture", str("llama")],
  ["general.name", str("ünïcode ✓ name")],
  ["t.u8", u8(255)],
  ["t.i8", i8(-128)],
  ["t.u16", u16(65535)],
  ["t.i16", i16(-32768)],
  ["t.u32", u32(4294967295)],
  ["t.i32", i32(-2147483648)],
  ["t.f32", f32(0.1)],
  ["t.f64", f64(Math.PI)],
  ["t.u64", u64(18446744073709551615n)],
  ["t.i64", i64(-9223372036854775808n)],
  ["t.bool", bool(true)],
  ["t.empty", str("")],
  ["t.strings", arr(GgufType.STRING, ["a", "", "<0x0A>", "\u2581the"])],
  ["t.floats", arr(GgufType.FLOAT32, [0, -1.5, 3.25])],
  ["t.nested", arr(GgufType.ARRAY, [arr(GgufType.INT32, [1, 2]), arr(GgufType.STRING, ["x"])])],
  ["t.empty_array", arr(GgufType.UINT8, [])],
];

// F16 bit patterns: 1, -2, 65504 (largest), 2^-24 (smallest subnormal), +inf.
const f16 = new Uint8Array(
  new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x3555]).buffer,
);
const bf16 = new Uint8Array(new Uint16Array([0x3f80, 0xc040, 0x0000, 0x4049]).buffer);
const f32data = Float32Array.from({ length: 12 }, (_, i) => i / 3);
const q8 = new Uint8Array(34 * 2).map((_, i) => (i * 7) & 0xff);

function sample(alignment?: number): Uint8Array {
  return writeGguf({
    metadata: alignment ? [...metadata, ["general.alignment", u32(alignment)]] : metadata,
    tensors: [
      { name: "a.f32", dims: [4, 3], type: GgmlType.F32, data: f32data },
      { name: "b.f16", dims: [6], type: GgmlType.F16, data: f16 },
      { name: "c.bf16", dims: [2, 2], type: GgmlType.BF16, data: bf16 },
      { name: "d.q8_0", dims: [64], type: 8, data: q8 },
    ],
  });
}

describe("GGUF reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-gguf-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads back every metadata type, tensor infos and F32/F16/BF16 data", () => {
    const bytes = sample();
    const file = readGguf(memorySource(bytes));
    assert.equal(file.version, 3);
    assert.equal(file.alignment, 32);
    assert.deepEqual(
      [...file.metadata.entries()],
      metadata.map(([k, v]) => [k, k === "t.f32" || k === "t.floats" ? file.metadata.get(k) : v]),
    );
    // float32 metadata comes back as the float32 nearest the value written
    assert.equal((file.metadata.get("t.f32") as { value: number }).value, Math.fround(0.1));
    assert.deepEqual(
      file.tensors.map((t) => [t.name, t.typeName, t.dims, t.elements, t.byteSize]),
      [
        ["a.f32", "F32", [4, 3], 12, 48],
        ["b.f16", "F16", [6], 6, 12],
        ["c.bf16", "BF16", [2, 2], 4, 8],
        ["d.q8_0", "Q8_0", [64], 64, 68],
      ],
    );
    for (const t of file.tensors) assert.equal(t.fileOffset % 32, 0, t.name);
    const src = memorySource(bytes);
    assert.deepEqual(tensorFloat32(src, file.tensors[0]!), f32data);
    assert.deepEqual(
      [...tensorFloat32(src, file.tensors[1]!)],
      [1, -2, 65504, 2 ** -24, Number.POSITIVE_INFINITY, Math.fround(halfToFloat(0x3555))],
    );
    assert.deepEqual([...tensorFloat32(src, file.tensors[2]!)], [1, -3, 0, 3.140625]);
    assert.throws(() => tensorFloat32(src, file.tensors[3]!), /Q8_0; only F32, F16 and BF16/);
  });

  it("honours general.alignment", () => {
    const file = readGguf(memorySource(sample(64)));
    assert.equal(file.alignment, 64);
    assert.equal(file.dataOffset % 64, 0);
    for (const t of file.tensors) assert.equal(t.offset % 64, 0, t.name);
  });

  it("agrees with node-llama-cpp's own GGUF parser on a file we wrote", async () => {
    const { readGgufFileInfo } = await import("node-llama-cpp");
    const path = join(dir, "sample.gguf");
    writeFileSync(path, sample());
    const theirs = await readGgufFileInfo(path, { logWarnings: false });
    const ours = readGgufFile(path);
    assert.equal(theirs.version, ours.version);
    assert.equal(theirs.metadata.general.name, "ünïcode ✓ name");
    const t = (theirs.metadata as unknown as { t: Record<string, unknown> }).t;
    assert.equal(t.u32, 4294967295);
    assert.equal(t.i64, -9223372036854775808n);
    assert.deepEqual(t.strings, ["a", "", "<0x0A>", "\u2581the"]);
    assert.deepEqual(t.nested, [[1, 2], ["x"]]);
    assert.deepEqual(
      theirs.fullTensorInfo!.map((x) => [x.name, x.dimensions.map(Number), x.offset]),
      ours.tensors.map((x) => [x.name, x.dims, x.offset]),
    );
  });

  it("refuses every truncation of the file with an InputError that says it was cut short", () => {
    const bytes = sample();
    for (let cut = 0; cut < bytes.length; cut += cut < 600 ? 1 : 7) {
      assert.throws(
        () => readGguf(memorySource(bytes.subarray(0, cut)), { name: "m.gguf" }),
        (e: unknown) =>
          e instanceof InputError && /^m\.gguf: not a valid GGUF file: /.test(e.message),
        `cut at ${cut}`,
      );
    }
  });

  it("never crashes on corrupted bytes: either a valid file or an InputError", () => {
    const bytes = sample();
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    let refused = 0;
    for (let trial = 0; trial < 400; trial++) {
      const copy = bytes.slice();
      for (let k = 0; k < 3; k++) copy[rand() % 700] = rand() & 0xff;
      try {
        readGguf(memorySource(copy));
      } catch (e) {
        assert.ok(e instanceof InputError, `trial ${trial}: ${(e as Error).stack}`);
        refused++;
      }
    }
    assert.ok(refused > 100, `only ${refused} of 400 corruptions were noticed`);
  });

  it("explains what is wrong with specific damage", () => {
    const bytes = sample();
    const patched = (at: number, value: number, size = 4) => {
      const copy = bytes.slice();
      const v = new DataView(copy.buffer);
      if (size === 4) v.setUint32(at, value, true);
      else v.setBigUint64(at, BigInt(value), true);
      return memorySource(copy);
    };
    assert.throws(
      () => readGguf(memorySource(new TextEncoder().encode("PK\x03\x04 not gguf"))),
      /does not start with 'GGUF'/,
    );
    assert.throws(() => readGguf(patched(4, 1)), /version 1 .* not supported/);
    assert.throws(() => readGguf(patched(4, 9)), /unknown GGUF version 9/);
    assert.throws(() => readGguf(patched(8, 1e12, 8)), /cannot fit in/);
    // the first key's type field follows the key string (8 + 20 bytes)
    const firstType = 24 + 8 + "general.architecture".length;
    assert.throws(() => readGguf(patched(firstType, 77)), /unknown value type 77/);
  });

  it("reads vocabulary strings that are not UTF-8 (as llama.cpp does) but refuses such keys", () => {
    const bytes = writeGguf({ metadata: [["k", str("ab")]], tensors: [] });
    const value = bytes.slice();
    value.set([0xff, 0xfe], 24 + 9 + 4 + 8);
    assert.equal(
      (readGguf(memorySource(value)).metadata.get("k") as { value: string }).value,
      "\uFFFD\uFFFD",
    );
    const key = bytes.slice();
    key[24 + 8] = 0xff;
    assert.throws(
      () => readGguf(memorySource(key)),
      /a string that is not UTF-8 .*reading metadata key #0/,
    );
  });

  it("opens files on disk and reports missing files clearly", () => {
    const path = join(dir, "disk.gguf");
    writeFileSync(path, sample());
    const g = openGguf(path);
    assert.equal(g.file.tensors.length, 4);
    assert.deepEqual(tensorFloat32(g.source, g.file.tensors[0]!), f32data);
    g.close();
    assert.throws(
      () => readGgufFile(join(dir, "nope.gguf")),
      /cannot open the model file \(ENOENT\)/,
    );
    writeFileSync(join(dir, "cut.gguf"), sample().subarray(0, 900));
    assert.throws(
      () => readGgufFile(join(dir, "cut.gguf")),
      /past the end of the file|the file ends after/,
    );
  });
});

describe("GGUF writer", () => {
  it("refuses values that do not fit their type and data that does not fit its shape", () => {
    const w =
      (m: [string, GgufValue][], t = [] as Parameters<typeof writeGguf>[0]["tensors"]) =>
      () =>
        writeGguf({ metadata: m, tensors: t });
    assert.throws(w([["x", u8(256)]]), /256 is not a valid uint8 value/);
    assert.throws(w([["x", i32(1.5)]]), /1\.5 is not a valid int32 value/);
    assert.throws(
      w([
        ["x", u8(1)],
        ["x", u8(2)],
      ]),
      /appears twice/,
    );
    assert.throws(
      w([], [{ name: "t", dims: [3], type: GgmlType.F32, data: new Float32Array(2) }]),
      /8 bytes of data, its shape needs 12/,
    );
    assert.throws(
      w([], [{ name: "t", dims: [33], type: 8, data: new Uint8Array(34) }]),
      /do not make whole blocks/,
    );
    assert.throws(
      w([], [{ name: "t", dims: [1, 1, 1, 1, 1], type: 0, data: new Float32Array(1) }]),
      /1 to 4 positive integers/,
    );
  });
});
