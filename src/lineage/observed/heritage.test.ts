import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../errors.ts";
import { str } from "../../formats/gguf/values.ts";
import { writeGguf } from "../../formats/gguf/writer.ts";
import { encodeFloats } from "../../formats/safetensors/dtypes.ts";
import { writeSafetensors } from "../../formats/safetensors/writer.ts";
import type { HeritageResult } from "./heritage.ts";
import { heritageOfPaths } from "./heritage.node.ts";
import { type Family, makeFamily } from "./train/family.ts";
import { writeModel } from "./train/write.node.ts";

const dir = mkdtempSync(join(tmpdir(), "tgpl-heritage-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let family: Family;
let result: HeritageResult;
const paths = new Map<string, string>();

before(() => {
  // Trained here: a base pre-trained by SGD, fine-tunes by Adam, a LoRA, a merge, Q8_0 and half copies, an unrelated model.
  family = makeFamily(5);
  for (const m of family.models) paths.set(m.id, writeModel(dir, m));
  result = heritageOfPaths([...paths.values()].map((path) => ({ path })));
});

const edge = (parent: string, child: string) =>
  result.tree.edges.find((e) => e.parent === parent && e.child === child);
const pair = (a: string, b: string) =>
  result.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))!;

describe("heritage of a trained family", () => {
  it("finds every true edge, each pointing from the true parent", () => {
    for (const t of family.edges) {
      const e = edge(t.parent, t.child);
      assert.ok(
        e,
        `missing ${t.parent} -> ${t.child} (${t.relation}); found ${JSON.stringify(result.tree.edges.map((x) => `${x.parent}->${x.child}`))}`,
      );
      assert.equal(e.relation, t.relation, `${t.parent} -> ${t.child}`);
    }
    assert.equal(result.tree.edges.length, family.edges.length, "no edge beyond the true ones");
  });

  it("links the model trained from other random weights to nothing", () => {
    const lonely = "fam5/unrelated";
    assert.ok(!result.tree.edges.some((e) => e.parent === lonely || e.child === lonely));
    assert.deepEqual(result.tree.families.find((f) => f.root === lonely)?.members, [lonely]);
    const p = pair("fam5/base", lonely);
    assert.equal(p.related.verdict, "unrelated");
    assert.ok(Math.abs(p.cosine!) < 0.2);
  });

  it("recognises the quantized copies by their precision, with certainty", () => {
    for (const t of family.edges.filter((x) => x.relation === "quantized")) {
      const p = pair(t.parent, t.child);
      assert.equal(p.relation, "quantized");
      assert.equal(p.quantized?.copy, t.child);
      assert.equal(p.direction.parent, t.parent);
      assert.equal(p.direction.confidence, "certain");
    }
    const q8 = result.models.find((m) => m.id === "fam5/q8")!;
    assert.equal(q8.format, "gguf");
    assert.ok((q8.stored.Q8_0 ?? 0) > 0);
  });

  it("sees the merged LoRA as a low-rank difference, and reproduces it from the PEFT adapter", () => {
    const t = family.edges.find((x) => x.child === "fam5/lora-merged")!;
    const p = pair(t.parent, t.child);
    assert.equal(p.relation, "adapter");
    assert.equal(p.rank, 4);
    const a = edge(t.parent, "fam5/lora-adapter")!;
    assert.equal(a.related, "certain");
    assert.match(a.evidence.join(" "), /gives fam5\/lora-merged/);
    const summary = result.adapters.find((x) => x.id === "fam5/lora-adapter")!;
    assert.equal(summary.rank, 4);
    assert.equal(summary.base, t.parent);
  });

  it("finds the merge as a weighted average of its two parents", () => {
    const merges = result.tree.edges.filter((e) => e.child === "fam5/merge");
    assert.equal(merges.length, 2);
    for (const m of merges) {
      assert.equal(m.relation, "merge");
      assert.ok(m.merge && m.merge.residual < 1e-3);
      assert.ok(Math.abs(m.merge.weights[0] + m.merge.weights[1] - 1) < 1e-9);
    }
  });

  it("reports per-layer distances, cosines, ranks and kurtosis", () => {
    const p = pair("fam5/base", "fam5/ft-a");
    assert.equal(p.layers.length, 6);
    const w = p.layers.find((l) => l.tensor === "layers.1.weight")!;
    assert.deepEqual(w.shape, [32, 32]);
    assert.ok(w.relL2 > 0 && w.relL2 < 1 && w.cosine > 0.5);
    assert.equal(w.rank, null, "a full fine-tune changes a matrix at full rank");
    assert.ok(w.kurtosis);
  });
});

describe("heritage refuses bad input with clear errors", () => {
  const base = () => paths.get("fam5/base")!;
  const bad = (name: string, bytes: Uint8Array) => {
    const d = join(dir, "bad", name);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "model.safetensors"), bytes);
    return d;
  };
  const expectInput = (p: string, pattern: RegExp) =>
    assert.throws(
      () => heritageOfPaths([{ path: base() }, { path: p }]),
      (e: unknown) => e instanceof InputError && pattern.test(e.message) && e.exitCode === 2,
    );

  it("truncated safetensors, oversized headers, overlapping offsets, malformed JSON", () => {
    const whole = readFileSync(join(base(), "model.safetensors"));
    expectInput(bad("cut", whole.subarray(0, whole.length - 100)), /cut short/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 200_000_000n, true);
    expectInput(bad("huge", huge), /over the 100 MB/);
    const header = (json: string, data: number) => {
      const h = new TextEncoder().encode(json);
      const out = new Uint8Array(8 + h.length + data);
      new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
      out.set(h, 8);
      return out;
    };
    expectInput(
      bad(
        "overlap",
        header(
          '{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}',
          24,
        ),
      ),
      /overlap/,
    );
    expectInput(bad("json", header('{"a": {"dtype": "F32", "shape": [4], ', 16)), /not valid JSON/);
    expectInput(
      bad("range", header('{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}', 8)),
      /out of range/,
    );
  });

  it("a truncated GGUF", () => {
    const whole = readFileSync(join(paths.get("fam5/q8")!, "model.gguf"));
    const d = join(dir, "bad", "gguf");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "model.gguf"), whole.subarray(0, whole.length - 64));
    expectInput(d, /not a valid GGUF file/);
  });

  it("pickle weights, and a folder with nothing to read", () => {
    const d = join(dir, "bad", "pickle");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "pytorch_model.bin"), "not read");
    expectInput(d, /pickle/);
    const e = join(dir, "bad", "empty");
    mkdirSync(e, { recursive: true });
    expectInput(e, /holds no model weights/);
  });

  it("models of other shapes are reported not comparable, naming the tensors", () => {
    const d = join(dir, "other-shape");
    mkdirSync(d, { recursive: true });
    const w = new Float32Array(64 * 32).map((_, i) => Math.sin(i));
    writeFileSync(
      join(d, "model.safetensors"),
      writeSafetensors([
        { name: "layers.0.weight", dtype: "F32", shape: [64, 32], data: encodeFloats("F32", w) },
      ]),
    );
    const r = heritageOfPaths([{ path: base() }, { path: d }]);
    const p = r.pairs[0]!;
    assert.equal(p.comparable, "none");
    assert.equal(p.related.verdict, "undecided");
    assert.match(p.related.why, /not comparable/);
    assert.ok(p.mismatches.first.some((m) => m.tensor === "layers.0.weight" && m.why === "shape"));
    assert.equal(r.tree.edges.length, 0);
  });

  it("GGUF types it cannot decode are compared by metadata only, and said so", () => {
    const d = join(dir, "kquant");
    mkdirSync(d, { recursive: true });
    // Q4_K: superblocks of 256 values in 144 bytes.
    writeFileSync(
      join(d, "model.gguf"),
      writeGguf({
        metadata: [["general.architecture", str("mlp")]],
        tensors: [{ name: "w", dims: [256, 2], type: 12, data: new Uint8Array(288) }],
      }),
    );
    const e = join(dir, "kquant2");
    mkdirSync(e, { recursive: true });
    writeFileSync(
      join(e, "model.gguf"),
      writeGguf({
        metadata: [["general.architecture", str("mlp")]],
        tensors: [{ name: "w", dims: [256, 2], type: 12, data: new Uint8Array(288).fill(1) }],
      }),
    );
    const r = heritageOfPaths([{ path: d }, { path: e }]);
    assert.equal(r.pairs[0]!.comparable, "metadata-only");
    assert.match(r.pairs[0]!.related.why, /only metadata/);
    assert.deepEqual(r.models[0]!.unreadable, { tensors: 1, types: ["Q4_K"] });
  });
});
