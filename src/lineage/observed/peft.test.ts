import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loraDeltaRows, loraScale, pairLoraTensors, parseAdapterConfig } from "./peft.ts";

describe("PEFT adapters", () => {
  it("reads adapter_config.json as PEFT writes it", () => {
    const c = parseAdapterConfig(
      JSON.stringify({
        base_model_name_or_path: "meta-llama/Llama-3.1-8B",
        peft_type: "LORA",
        r: 16,
        lora_alpha: 32,
        target_modules: ["q_proj", "v_proj"],
        use_rslora: false,
      }),
    );
    assert.ok(c.ok);
    assert.equal(c.value.base, "meta-llama/Llama-3.1-8B");
    assert.equal(loraScale(c.value), 2);
    assert.equal(loraScale({ ...c.value, rslora: true }), 8);
    const ia3 = parseAdapterConfig('{"peft_type":"IA3","r":8}');
    assert.ok(!ia3.ok && /only LORA/.test(ia3.error));
  });

  it("pairs lora_A with lora_B by module, with or without an adapter name", () => {
    const { pairs, unpaired } = pairLoraTensors([
      "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
      "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight",
      "base_model.model.lm_head.lora_A.default.weight",
      "base_model.model.lm_head.lora_B.default.weight",
      "base_model.model.model.layers.1.mlp.lora_A.weight",
      "base_model.model.model.norm.weight",
    ]);
    assert.deepEqual(
      pairs.map((p) => p.tensor),
      ["lm_head.weight", "model.layers.0.self_attn.q_proj.weight"],
    );
    assert.equal(unpaired.length, 2);
  });

  it("computes rows of scale · B · A, and its transpose for fan_in_fan_out", () => {
    // A: 1×3, B: 2×1 → B·A = [[1,2,3],[2,4,6]].
    const a = Float32Array.from([1, 2, 3]);
    const b = Float32Array.from([1, 2]);
    const out = new Float32Array(3);
    loraDeltaRows(a, b, 1, 3, 2, 0.5, false, 1, out);
    assert.deepEqual([...out], [1, 2, 3]);
    const t = new Float32Array(2);
    loraDeltaRows(a, b, 1, 3, 2, 1, true, 2, t);
    assert.deepEqual([...t], [3, 6]);
  });
});
