import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { floatToHalfBits } from "../../formats/safetensors/dtypes.ts";
import { dequantize, quantizeQ4_0, quantizeQ8_0, roundingBounds } from "./quants.ts";

const values = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.7) * (1 + (i % 5)));

/** A block assembled by hand from ggml's layout (ggml-common.h): half scale(s), then the quants. */
function block(parts: number[][]): Uint8Array {
  return Uint8Array.from(parts.flat());
}
const half = (x: number) => {
  const h = floatToHalfBits(x);
  return [h & 0xff, h >> 8];
};

describe("GGUF block decoding", () => {
  it("Q8_0: d · q for each of 32 signed bytes", () => {
    const qs = Array.from({ length: 32 }, (_, j) => (j - 16) & 0xff);
    const out = new Float32Array(32);
    dequantize(8, block([half(0.5), qs]), out);
    assert.deepEqual([...out.subarray(0, 3)], [-8, -7.5, -7]);
    assert.equal(out[31], 7.5);
  });

  it("Q4_0: low nibbles are the first 16 values, high nibbles the next 16, minus 8", () => {
    const qs = Array.from({ length: 16 }, (_, j) => j | ((15 - j) << 4));
    const out = new Float32Array(32);
    dequantize(2, block([half(2), qs]), out);
    assert.equal(out[0], -16);
    assert.equal(out[15], 14);
    assert.equal(out[16], 14);
    assert.equal(out[31], -16);
  });

  it("Q4_1 adds the minimum; Q5_0 and Q5_1 take the fifth bit from qh", () => {
    const qs = Array.from({ length: 16 }, () => 0x21);
    const o41 = new Float32Array(32);
    dequantize(3, block([half(1), half(-3), qs]), o41);
    assert.equal(o41[0], -2);
    assert.equal(o41[16], -1);
    // qh bit j is value j's fifth bit, bit j+16 value j+16's.
    const qh = [0x01, 0x00, 0x01, 0x00];
    const o50 = new Float32Array(32);
    dequantize(6, block([half(1), qh, qs]), o50);
    assert.equal(o50[0], 1 + 16 - 16);
    assert.equal(o50[1], 1 - 16);
    assert.equal(o50[16], 2 + 16 - 16);
    const o51 = new Float32Array(32);
    dequantize(7, block([half(1), half(0.5), qh, qs]), o51);
    assert.equal(o51[0], 17.5);
    assert.equal(o51[17], 2.5);
  });

  it("reference quantizers round-trip within their bounds", () => {
    for (const [type, id, q] of [
      ["Q8_0", 8, quantizeQ8_0],
      ["Q4_0", 2, quantizeQ4_0],
    ] as const) {
      const back = new Float32Array(values.length);
      dequantize(id, q(values), back);
      const bound = new Float32Array(values.length);
      roundingBounds(type, back, bound);
      for (let i = 0; i < values.length; i++)
        assert.ok(
          Math.abs(back[i]! - values[i]!) <= bound[i]!,
          `${type} value ${i}: ${values[i]} → ${back[i]}`,
        );
      // Q8_0 keeps ~2 decimal digits of the block maximum; Q4_0 about one.
      const err = Math.max(...values.map((v, i) => Math.abs(v - back[i]!)));
      assert.ok(type === "Q8_0" ? err < 0.03 : err < 0.5, `${type} error ${err}`);
    }
  });
});
