import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bf16BitsToFloat,
  decodeFloats,
  encodeFloats,
  floatToBf16Bits,
  floatToHalfBits,
  halfBitsToFloat,
} from "./dtypes.ts";
import { headerLength, MAX_HEADER_BYTES, parseHeader, parseShardIndex } from "./header.ts";
import { safetensorsHeader, writeSafetensors } from "./writer.ts";

const enc = new TextEncoder();

/** A file whose header is this JSON text and whose data is `dataBytes` zero bytes. */
function withHeader(json: string, dataBytes: number): Uint8Array {
  const h = enc.encode(json);
  const out = new Uint8Array(8 + h.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  return out;
}

function parse(file: Uint8Array) {
  const len = headerLength(file.subarray(0, 8), file.length);
  if (!len.ok) return len;
  return parseHeader(file.subarray(8, 8 + len.value), file.length);
}

describe("half and bfloat16 conversions", () => {
  it("hits the IEEE bit patterns, rounding to nearest even", () => {
    assert.equal(floatToHalfBits(1), 0x3c00);
    assert.equal(floatToHalfBits(-2), 0xc000);
    assert.equal(floatToHalfBits(65504), 0x7bff);
    assert.equal(floatToHalfBits(65520), 0x7c00); // rounds up past the largest half: infinity
    assert.equal(floatToHalfBits(2 ** -24), 0x0001); // smallest subnormal
    assert.equal(floatToHalfBits(2 ** -25), 0x0000); // a tie at zero goes to even
    assert.equal(floatToHalfBits(1 / 3), 0x3555);
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties to the even mantissa (1).
    assert.equal(floatToHalfBits(1 + 2 ** -11), 0x3c00);
    assert.equal(floatToHalfBits(1 + 3 * 2 ** -11), 0x3c02);
    assert.ok(Number.isNaN(halfBitsToFloat(floatToHalfBits(Number.NaN))));
    for (let h = 0; h < 0x7c00; h += 7) assert.equal(floatToHalfBits(halfBitsToFloat(h)), h);
  });

  it("bfloat16 keeps the top 16 bits, rounded", () => {
    assert.equal(floatToBf16Bits(1), 0x3f80);
    assert.equal(floatToBf16Bits(Math.PI), 0x4049);
    assert.equal(floatToBf16Bits(-3), 0xc040);
    assert.equal(bf16BitsToFloat(0x4049), 3.140625);
  });

  it("encodes and decodes F32, F16 and BF16 tensors", () => {
    const v = Float32Array.from([0, 1, -1.5, 1 / 3, 1000.25, -(2 ** -20)]);
    for (const dtype of ["F32", "F16", "BF16"] as const) {
      const out = new Float32Array(v.length);
      decodeFloats(dtype, encodeFloats(dtype, v), out);
      const tol = dtype === "F32" ? 0 : dtype === "F16" ? 2 ** -11 : 2 ** -8;
      for (let i = 0; i < v.length; i++)
        assert.ok(
          Math.abs(out[i]! - v[i]!) <= Math.abs(v[i]!) * tol,
          `${dtype} ${v[i]} → ${out[i]}`,
        );
    }
  });
});

describe("safetensors header", () => {
  it("reads what the writer writes, data 8-byte aligned, metadata kept", () => {
    const file = writeSafetensors(
      [
        {
          name: "b",
          dtype: "F16",
          shape: [3],
          data: encodeFloats("F16", Float32Array.from([1, 2, 3])),
        },
        { name: "a", dtype: "I32", shape: [2, 2], data: new Uint8Array(16) },
        { name: "empty", dtype: "F32", shape: [0, 4], data: new Uint8Array(0) },
      ],
      { format: "pt" },
    );
    const h = parse(file);
    assert.ok(h.ok, h.ok ? "" : h.error);
    assert.equal(h.value.dataOffset % 8, 0);
    assert.deepEqual(h.value.metadata, { format: "pt" });
    assert.deepEqual(
      h.value.tensors.map((t) => [t.name, t.dtype, t.shape, t.end - t.start]),
      [
        ["b", "F16", [3], 6],
        ["a", "I32", [2, 2], 16],
        ["empty", "F32", [0, 4], 0],
      ],
    );
    assert.deepEqual(h.value.warnings, []);
  });

  it("refuses a header over 100 MB without reading it", () => {
    const file = new Uint8Array(16);
    new DataView(file.buffer).setBigUint64(0, BigInt(MAX_HEADER_BYTES + 1), true);
    const r = headerLength(file, 1e12);
    assert.ok(!r.ok);
    assert.match(r.error, /over the 100 MB/);
  });

  it("refuses a file cut short in the length, the header or the data", () => {
    const good = writeSafetensors([
      { name: "w", dtype: "F32", shape: [4], data: new Uint8Array(16) },
    ]);
    const r1 = parse(good.subarray(0, 5));
    assert.ok(!r1.ok && /fewer than the 8/.test(r1.error));
    const r2 = parse(good.subarray(0, 20));
    assert.ok(!r2.ok && /cut short/.test(r2.error), r2.ok ? "" : r2.error);
    const r3 = parse(good.subarray(0, good.length - 1));
    assert.ok(!r3.ok && /cut short, or the offsets are out of range/.test(r3.error));
  });

  it("refuses overlapping offsets, offsets that do not fit the shape, and bad fields", () => {
    const overlap = parse(
      withHeader(
        '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}',
        12,
      ),
    );
    assert.ok(!overlap.ok);
    assert.match(overlap.error, /"a" and "b" overlap/);
    const size = parse(withHeader('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', 8));
    assert.ok(!size.ok && /needs 12 bytes/.test(size.error));
    const backwards = parse(
      withHeader('{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}', 8),
    );
    assert.ok(!backwards.ok && /end before they begin/.test(backwards.error));
    const dtype = parse(withHeader('{"a":{"dtype":"F17","shape":[1],"data_offsets":[0,4]}}', 4));
    assert.ok(!dtype.ok && /dtype "F17"/.test(dtype.error));
    const shape = parse(withHeader('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', 4));
    assert.ok(!shape.ok && /shape \[-1\]/.test(shape.error));
    const meta = parse(withHeader('{"__metadata__":{"n":1}}', 0));
    assert.ok(!meta.ok && /must be strings/.test(meta.error));
  });

  it("refuses malformed JSON and says where", () => {
    const r = parse(withHeader('{"a":{"dtype":"F32",', 0));
    assert.ok(!r.ok);
    assert.match(r.error, /not valid JSON/);
    const r2 = parse(withHeader("[1,2]", 0));
    assert.ok(!r2.ok && /does not start with/.test(r2.error));
  });

  it("warns about bytes that belong to no tensor", () => {
    const r = parse(withHeader('{"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}', 6));
    assert.ok(r.ok);
    assert.equal(r.value.warnings.length, 2);
  });

  it("header alone matches the header of the whole file", () => {
    const layout = [{ name: "x", dtype: "BF16" as const, shape: [5, 2] }];
    const whole = writeSafetensors([{ ...layout[0]!, data: new Uint8Array(20) }]);
    assert.deepEqual(safetensorsHeader(layout), whole.subarray(0, whole.length - 20));
  });
});

describe("shard index", () => {
  it("reads the weight map and refuses paths outside the folder", () => {
    const r = parseShardIndex(
      '{"metadata":{"total_size":24},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.safetensors"}}',
    );
    assert.ok(r.ok);
    assert.equal(r.value.weightMap.get("b"), "model-00002-of-00002.safetensors");
    const bad = parseShardIndex('{"weight_map":{"a":"../x.safetensors"}}');
    assert.ok(!bad.ok && /not a shard file name/.test(bad.error));
    assert.ok(!parseShardIndex("{}").ok);
  });
});
