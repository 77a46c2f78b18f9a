/**
 * PEFT LoRA adapters: `adapter_config.json` (the declared base, r, lora_alpha,
 * rsLoRA, fan_in_fan_out) and the pairing of `lora_A`/`lora_B` tensors with
 * the model tensors they update (W' = W + scale · B · A). Pure.
 */
import { type Result, err, ok } from "../../errors.ts";
import { isObj } from "../json-object.ts";

export interface AdapterConfig {
  base: string | null;
  peftType: string;
  r: number;
  alpha: number;
  rslora: boolean;
  fanInFanOut: boolean;
  targetModules: string[];
}

/** Reads adapter_config.json; only LoRA adapters can be applied. */
export function parseAdapterConfig(text: string): Result<AdapterConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(json)) return err("not a JSON object");
  const peftType = typeof json.peft_type === "string" ? json.peft_type : "LORA";
  if (peftType.toUpperCase() !== "LORA")
    return err(`peft_type is ${peftType}; only LORA adapters are read (their update is B·A)`);
  const r = json.r;
  if (typeof r !== "number" || !Number.isInteger(r) || r < 1)
    return err(`r is ${JSON.stringify(r)}, not a positive whole number`);
  const alpha = json.lora_alpha ?? r;
  if (typeof alpha !== "number" || !Number.isFinite(alpha))
    return err(`lora_alpha is ${JSON.stringify(alpha)}, not a number`);
  const base =
    typeof json.base_model_name_or_path === "string" && json.base_model_name_or_path.trim() !== ""
      ? json.base_model_name_or_path.trim()
      : null;
  const tm = json.target_modules;
  return ok({
    base,
    peftType: "LORA",
    r,
    alpha,
    rslora: json.use_rslora === true,
    fanInFanOut: json.fan_in_fan_out === true,
    targetModules: Array.isArray(tm)
      ? tm.filter((x): x is string => typeof x === "string")
      : typeof tm === "string"
        ? [tm]
        : [],
  });
}

export const loraScale = (c: AdapterConfig): number =>
  c.rslora ? c.alpha / Math.sqrt(c.r) : c.alpha / c.r;

export interface LoraPair {
  /** The model tensor the pair updates. */
  tensor: string;
  a: string;
  b: string;
}

const LORA = /^(?:base_model\.model\.)?(.+)\.lora_([AB])(?:\.[^.]+)?\.weight$/;

/**
 * Pairs lora_A and lora_B tensors by module; names that are neither (or lack
 * their partner) come back as `unpaired`.
 */
export function pairLoraTensors(names: readonly string[]): {
  pairs: LoraPair[];
  unpaired: string[];
} {
  const byModule = new Map<string, { a?: string; b?: string }>();
  const unpaired: string[] = [];
  for (const name of names) {
    const m = LORA.exec(name);
    if (!m) {
      unpaired.push(name);
      continue;
    }
    const entry = byModule.get(m[1]!) ?? {};
    if (m[2] === "A") entry.a = name;
    else entry.b = name;
    byModule.set(m[1]!, entry);
  }
  const pairs: LoraPair[] = [];
  for (const [module, { a, b }] of [...byModule].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (a && b) pairs.push({ tensor: `${module}.weight`, a, b });
    else unpaired.push((a ?? b)!);
  }
  return { pairs, unpaired: unpaired.sort() };
}

/**
 * Rows of scale · B · A ([out, in]), or of its transpose for fan_in_fan_out
 * layers, from A ([r, in]) and B ([out, r]) in row-major order.
 */
export function loraDeltaRows(
  a: Float32Array,
  b: Float32Array,
  r: number,
  inDim: number,
  outDim: number,
  scale: number,
  transposed: boolean,
  row: number,
  out: Float32Array,
): void {
  if (!transposed) {
    const rows = out.length / inDim;
    for (let i = 0; i < rows; i++) {
      const o = i * inDim;
      out.fill(0, o, o + inDim);
      for (let k = 0; k < r; k++) {
        const bik = b[(row + i) * r + k]! * scale;
        if (bik === 0) continue;
        const ak = k * inDim;
        for (let j = 0; j < inDim; j++) out[o + j]! += bik * a[ak + j]!;
      }
    }
    return;
  }
  const rows = out.length / outDim;
  for (let i = 0; i < rows; i++) {
    const o = i * outDim;
    for (let j = 0; j < outDim; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += b[j * r + k]! * a[k * inDim + row + i]!;
      out[o + j] = s * scale;
    }
  }
}
