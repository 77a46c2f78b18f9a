/**
 * A model family made by training, with its true tree: a base trained from
 * random weights on its task; full fine-tunes of it on other data (and one of
 * a fine-tune); a LoRA adapter (saved merged, and as a PEFT adapter); a linear
 * merge of two fine-tunes; a Q8_0 copy (GGUF) and a half-precision copy
 * (safetensors); and a model of the same shape trained from other random
 * weights, related to none of them. Which model gets which treatment is drawn
 * from the seed, so that many families differ in shape.
 */
import type { Relation } from "../../../policy/types.ts";
import { rng } from "../linalg.ts";
import { averageMlp, cloneMlp, initMlp, type Lora, type Mlp, mergeLora, train } from "./mlp.ts";
import { makeTask } from "./tasks.ts";

export type Storage =
  | { kind: "safetensors"; dtype: "F32" | "F16" | "BF16" }
  | { kind: "gguf"; type: "F32" | "Q8_0" | "Q4_0" }
  | { kind: "peft" };

export interface MadeModel {
  /** ORG/NAME, also the folder it is written to. */
  id: string;
  mlp: Mlp;
  storage: Storage;
  /** For a PEFT adapter: the LoRA and the base it was trained on. */
  lora?: { lora: Lora; base: string };
}

export interface TrueEdge {
  parent: string;
  child: string;
  relation: Relation;
}

export interface Family {
  models: MadeModel[];
  edges: TrueEdge[];
}

export interface FamilyOptions {
  /** Layer widths, input first; widths other than the last should be multiples of 32 (for Q8_0 rows). */
  sizes?: number[];
  baseSteps?: number;
  fineTuneSteps?: number;
  batch?: number;
  /** Org prefix of the ids. */
  org?: string;
}

/**
 * @example
 *   const f = makeFamily(1); // ~10 models and their true edges, in well under a second at the default sizes
 */
export function makeFamily(seed: number, o: FamilyOptions = {}): Family {
  const sizes = o.sizes ?? [32, 32, 32, 4];
  const baseSteps = o.baseSteps ?? 800;
  const ftSteps = o.fineTuneSteps ?? 300;
  const batch = o.batch ?? 32;
  const org = o.org ?? `fam${seed}`;
  const u = rng(seed * 9973 + 11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)]!;
  const inDim = sizes[0]!;
  const classes = sizes[sizes.length - 1]!;
  const task = (variant: number, data: number) =>
    makeTask({ inDim, classes, teacher: seed, variant, data });

  const models: MadeModel[] = [];
  const edges: TrueEdge[] = [];
  const add = (id: string, mlp: Mlp, storage: Storage = { kind: "safetensors", dtype: "F32" }) => {
    const m = { id: `${org}/${id}`, mlp, storage };
    models.push(m);
    return m;
  };
  const edge = (parent: MadeModel, child: MadeModel | string, relation: Relation) =>
    edges.push({
      parent: parent.id,
      child: typeof child === "string" ? child : child.id,
      relation,
    });

  const baseMlp = initMlp(sizes, seed * 31 + 1);
  // Pre-training by SGD grows heavy tails (kurtosis rises); fine-tuning by Adam spreads a diffuse
  // update over them (kurtosis falls): the regime MoTHer reports for real pre-trained models.
  train(baseMlp, task(0, seed * 17 + 1), { steps: baseSteps, lr: 0.05, batch, optimizer: "sgd" });
  const base = add("base", baseMlp);

  const fineTune = (from: MadeModel, name: string, variant: number) => {
    const m = cloneMlp(from.mlp);
    train(m, task(variant, seed * 17 + variant + 2), {
      steps: ftSteps,
      lr: 3e-3,
      batch,
      optimizer: "adam",
    });
    const made = add(name, m);
    edge(from, made, "finetune");
    return made;
  };
  const fts = [fineTune(base, "ft-a", 1), fineTune(base, "ft-b", 2)];
  if (u() < 0.5) fts.push(fineTune(base, "ft-c", 3));
  const grand = fineTune(pick(fts), "ft-a-2", 4);

  const loraBase = u() < 0.6 ? base : pick(fts);
  const lora = train(cloneMlp(loraBase.mlp), task(5, seed * 17 + 9), {
    steps: ftSteps,
    lr: 1e-2,
    batch,
    lora: { rank: 4, alpha: 8, seed: seed * 13 + 5 },
  })!;
  const merged = add("lora-merged", mergeLora(loraBase.mlp, lora));
  edge(loraBase, merged, "adapter");
  const adapterId = `${org}/lora-adapter`;
  models.push({
    id: adapterId,
    mlp: loraBase.mlp,
    storage: { kind: "peft" },
    lora: { lora, base: loraBase.id },
  });
  edge(loraBase, adapterId, "adapter");

  const w = 0.3 + 0.4 * u();
  const mix = add("merge", averageMlp(fts[0]!.mlp, fts[1]!.mlp, w));
  edge(fts[0]!, mix, "merge");
  edge(fts[1]!, mix, "merge");

  const qFrom = pick([base, ...fts, grand]);
  const q8 = add("q8", qFrom.mlp, { kind: "gguf", type: "Q8_0" });
  edge(qFrom, q8, "quantized");
  const hFrom = pick([base, ...fts, grand].filter((m) => m !== qFrom));
  const half = add("half", hFrom.mlp, { kind: "safetensors", dtype: u() < 0.5 ? "F16" : "BF16" });
  edge(hFrom, half, "quantized");

  const other = initMlp(sizes, seed * 31 + 1000003);
  train(other, task(0, seed * 17 + 99), { steps: baseSteps, lr: 0.05, batch, optimizer: "sgd" });
  add("unrelated", other);
  return { models, edges };
}
