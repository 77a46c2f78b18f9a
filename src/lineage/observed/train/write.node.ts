/**
 * Writes made models as people publish them: `ORG/NAME/model.safetensors`
 * (PyTorch names and layout: layers.N.weight [out, in]), `ORG/NAME/model.gguf`
 * (ggml order, 2-D weights Q8_0 or Q4_0, 1-D tensors F32 as llama.cpp keeps
 * them), and PEFT adapter folders (adapter_config.json, adapter_model.safetensors).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GgmlType, GgufType } from "../../../formats/gguf/constants.ts";
import { arr, type GgufValue, str, u32 } from "../../../formats/gguf/values.ts";
import { writeGguf } from "../../../formats/gguf/writer.ts";
import { encodeFloats } from "../../../formats/safetensors/dtypes.ts";
import { writeSafetensors } from "../../../formats/safetensors/writer.ts";
import { quantizeQ4_0, quantizeQ8_0 } from "../quants.ts";
import type { MadeModel } from "./family.ts";
import type { Mlp } from "./mlp.ts";

export interface WriteOptions {
  /** GGUF general.* keys to add (licence, base models...). */
  gguf?: [string, GgufValue][];
}

function safetensorsOf(m: Mlp, dtype: "F32" | "F16" | "BF16"): Uint8Array {
  return writeSafetensors(
    m.layers.flatMap((l, i) => [
      {
        name: `layers.${i}.weight`,
        dtype,
        shape: [l.outDim, l.inDim],
        data: encodeFloats(dtype, l.w),
      },
      { name: `layers.${i}.bias`, dtype, shape: [l.outDim], data: encodeFloats(dtype, l.b) },
    ]),
    { format: "pt" },
  );
}

function ggufOf(
  m: Mlp,
  type: "F32" | "Q8_0" | "Q4_0",
  name: string,
  extra: [string, GgufValue][],
): Uint8Array {
  const quant =
    type === "Q8_0"
      ? { id: 8, fn: quantizeQ8_0 }
      : type === "Q4_0"
        ? { id: 2, fn: quantizeQ4_0 }
        : null;
  return writeGguf({
    metadata: [
      ["general.architecture", str("mlp")],
      ["general.name", str(name)],
      ["general.file_type", u32(type === "Q8_0" ? 7 : type === "Q4_0" ? 2 : 0)],
      [
        "mlp.layer_sizes",
        arr(GgufType.UINT32, [m.layers[0]!.inDim, ...m.layers.map((l) => l.outDim)]),
      ],
      ...extra,
    ],
    tensors: m.layers.flatMap((l, i) => [
      quant && l.inDim % 32 === 0
        ? {
            name: `layers.${i}.weight`,
            dims: [l.inDim, l.outDim],
            type: quant.id,
            data: quant.fn(l.w),
          }
        : { name: `layers.${i}.weight`, dims: [l.inDim, l.outDim], type: GgmlType.F32, data: l.w },
      { name: `layers.${i}.bias`, dims: [l.outDim], type: GgmlType.F32, data: l.b },
    ]),
  });
}

/** Writes one model under `root`; returns the path to give `tgpl heritage`. */
export function writeModel(root: string, m: MadeModel, o: WriteOptions = {}): string {
  const dir = join(root, m.id);
  mkdirSync(dir, { recursive: true });
  const s = m.storage;
  if (s.kind === "safetensors") {
    writeFileSync(join(dir, "model.safetensors"), safetensorsOf(m.mlp, s.dtype));
    return dir;
  }
  if (s.kind === "gguf") {
    const path = join(dir, "model.gguf");
    writeFileSync(path, ggufOf(m.mlp, s.type, m.id, o.gguf ?? []));
    return dir;
  }
  const lora = m.lora!;
  writeFileSync(
    join(dir, "adapter_config.json"),
    JSON.stringify(
      {
        base_model_name_or_path: lora.base,
        peft_type: "LORA",
        task_type: null,
        r: lora.lora.rank,
        lora_alpha: lora.lora.alpha,
        lora_dropout: 0,
        bias: "none",
        fan_in_fan_out: false,
        target_modules: m.mlp.layers.map((_, i) => `layers.${i}`),
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, "adapter_model.safetensors"),
    writeSafetensors(
      m.mlp.layers.flatMap((l, i) => [
        {
          name: `base_model.model.layers.${i}.lora_A.weight`,
          dtype: "F32" as const,
          shape: [lora.lora.rank, l.inDim],
          data: encodeFloats("F32", lora.lora.a[i]!),
        },
        {
          name: `base_model.model.layers.${i}.lora_B.weight`,
          dtype: "F32" as const,
          shape: [l.outDim, lora.lora.rank],
          data: encodeFloats("F32", lora.lora.b[i]!),
        },
      ]),
    ),
  );
  return dir;
}
