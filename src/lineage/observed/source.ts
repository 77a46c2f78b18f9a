/**
 * A model's weights as the comparison sees them, whatever file they came
 * from: tensor names and row-major shapes, what each is stored as, a way to
 * read a run of whole rows as F32, and what the file itself declares about the
 * model (name, licence, base models). Adapters (PEFT) are a separate kind:
 * they hold an update, not a model.
 */
import type { Relation } from "../../policy/types.ts";

export interface TensorEntry {
  name: string;
  /** Row-major: the last dimension is contiguous (GGUF's dims reversed). */
  shape: number[];
  elements: number;
  /** As stored: "F32", "BF16", "Q8_0", "I32", "Q4_K"... */
  stored: string;
  /** Null when the values can be read as numbers; otherwise why not. */
  unreadable: string | null;
}

/** A parent model named by the weights file itself (GGUF metadata, adapter_config.json). */
export interface DeclaredBase {
  ref: string;
  relation?: Relation;
  /** Where it is declared, e.g. "general.base_model.0" or "adapter_config.json". */
  from: string;
}

export interface Declared {
  name?: string;
  /** SPDX expression; null: the file says it has none; absent: it does not say. */
  licence?: string | null;
  bases: DeclaredBase[];
}

export type WeightsFormat = "safetensors" | "gguf";

export interface ModelSource {
  kind: "model";
  id: string;
  path: string;
  format: WeightsFormat;
  /** Sorted by name. */
  tensors: TensorEntry[];
  declared: Declared;
  notes: string[];
  /** Values [first, first + out.length) of a readable tensor (whole rows), as F32. */
  read(tensor: TensorEntry, first: number, out: Float32Array): void;
  close(): void;
}

export interface AdapterTarget {
  /** The model tensor the update applies to, e.g. "layers.0.weight". */
  tensor: string;
  /** Shape of that tensor: [out, in], or [in, out] with fan_in_fan_out. */
  shape: [number, number];
  rank: number;
}

export interface AdapterSource {
  kind: "adapter";
  id: string;
  path: string;
  format: "peft";
  /** The base model the adapter says it was trained on (base_model_name_or_path). */
  base: string | null;
  rank: number;
  alpha: number;
  /** The factor the update is multiplied by (alpha / r, or alpha / sqrt(r) for rsLoRA). */
  scale: number;
  targets: AdapterTarget[];
  declared: Declared;
  notes: string[];
  /** Rows [row, row + out.length / columns) of the update to `target`'s tensor, in its layout. */
  delta(target: AdapterTarget, row: number, out: Float32Array): void;
  close(): void;
}

export type Source = ModelSource | AdapterSource;
