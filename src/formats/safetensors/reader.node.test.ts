import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InputError } from "../../errors.ts";
import { encodeFloats } from "./dtypes.ts";
import { openSafetensors } from "./reader.node.ts";
import { writeSafetensors } from "./writer.ts";

const dir = mkdtempSync(join(tmpdir(), "tgpl-st-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const w = Float32Array.from({ length: 12 }, (_, i) => (i - 5) / 7);

describe("openSafetensors", () => {
  it("reads slices of tensors one at a time, in every float dtype", () => {
    const path = join(dir, "model.safetensors");
    writeFileSync(
      path,
      writeSafetensors([
        { name: "w32", dtype: "F32", shape: [3, 4], data: encodeFloats("F32", w) },
        { name: "w16", dtype: "F16", shape: [3, 4], data: encodeFloats("F16", w) },
        { name: "wbf", dtype: "BF16", shape: [12], data: encodeFloats("BF16", w) },
        { name: "ids", dtype: "I64", shape: [2], data: new Uint8Array(16) },
      ]),
    );
    const m = openSafetensors(path);
    try {
      assert.deepEqual(
        m.tensors.map((t) => t.name),
        ["ids", "w16", "w32", "wbf"],
      );
      const [ids, w16, w32, wbf] = m.tensors as [never, never, never, never];
      assert.deepEqual(m.readFloats(w32, 4, new Float32Array(4)), w.subarray(4, 8));
      const half = m.readFloats(w16, 10, new Float32Array(2));
      assert.ok(Math.abs(half[0]! - w[10]!) < 1e-3 && Math.abs(half[1]! - w[11]!) < 1e-3);
      assert.ok(Math.abs(m.readFloats(wbf, 0, new Float32Array(1))[0]! - w[0]!) < 1e-2);
      assert.throws(() => m.readFloats(ids, 0, new Float32Array(2)), InputError);
      assert.equal(m.readBytes(ids, 0, 2).length, 16);
    } finally {
      m.close();
    }
  });

  it("reads a sharded model through its index", () => {
    const s1 = "model-00001-of-00002.safetensors";
    const s2 = "model-00002-of-00002.safetensors";
    writeFileSync(
      join(dir, s1),
      writeSafetensors([{ name: "a", dtype: "F32", shape: [12], data: encodeFloats("F32", w) }]),
    );
    writeFileSync(
      join(dir, s2),
      writeSafetensors([
        { name: "b", dtype: "F32", shape: [2], data: encodeFloats("F32", w.subarray(0, 2)) },
        { name: "stray", dtype: "F32", shape: [1], data: new Uint8Array(4) },
      ]),
    );
    const index = join(dir, "model.safetensors.index.json");
    writeFileSync(
      index,
      JSON.stringify({ metadata: { total_size: 56 }, weight_map: { a: s1, b: s2 } }),
    );
    const m = openSafetensors(index);
    try {
      assert.deepEqual(
        m.tensors.map((t) => [t.name, t.file.endsWith(t.name === "a" ? s1 : s2)]),
        [
          ["a", true],
          ["b", true],
        ],
      );
      assert.match(m.warnings.join("\n"), /1 tensors the index does not name/);
      assert.deepEqual(m.readFloats(m.tensors[1]!, 0, new Float32Array(2)), w.subarray(0, 2));
    } finally {
      m.close();
    }
    writeFileSync(index, JSON.stringify({ weight_map: { a: s2 } }));
    assert.throws(
      () => openSafetensors(index),
      /puts tensor "a" in model-00002-of-00002.safetensors, which does not hold it/,
    );
  });

  it("refuses a truncated file with a message that says what happened", () => {
    const path = join(dir, "cut.safetensors");
    const whole = writeSafetensors([
      { name: "w", dtype: "F32", shape: [12], data: encodeFloats("F32", w) },
    ]);
    writeFileSync(path, whole.subarray(0, whole.length - 10));
    assert.throws(
      () => openSafetensors(path),
      (e: unknown) => e instanceof InputError && /cut short/.test(e.message) && e.exitCode === 2,
    );
    assert.throws(
      () => openSafetensors(join(dir, "missing.safetensors")),
      /cannot open \(ENOENT\)/,
    );
  });
});
