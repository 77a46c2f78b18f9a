/**
 * Classification tasks to train on: inputs drawn from a Gaussian, labels from
 * a random teacher network (tanh hidden layer, argmax of its outputs). Related
 * tasks share the teacher and differ by a perturbation of it and a shift of
 * the inputs: "other data" for a fine-tune, close enough that the fine-tune
 * stays near its base, as fine-tunes of real models do.
 */
import { gaussian, rng } from "../linalg.ts";
import type { Batch, Task } from "./mlp.ts";

export interface TaskSpec {
  inDim: number;
  classes: number;
  /** The teacher family. */
  teacher: number;
  /** 0 for the family's own task; other values perturb it. */
  variant: number;
  /** Seed of the data stream (batches). */
  data: number;
}

const HIDDEN = 16;

export function makeTask(spec: TaskSpec): Task {
  const g = gaussian(rng(spec.teacher * 7919 + 1));
  const w1 = Float32Array.from({ length: HIDDEN * spec.inDim }, () => g() / Math.sqrt(spec.inDim));
  const w2 = Float32Array.from({ length: spec.classes * HIDDEN }, () => g());
  const shift = new Float32Array(spec.inDim);
  if (spec.variant !== 0) {
    const p = gaussian(rng(spec.teacher * 104729 + spec.variant * 31 + 7));
    for (let i = 0; i < w1.length; i++) w1[i]! += (0.6 * p()) / Math.sqrt(spec.inDim);
    for (let i = 0; i < w2.length; i++) w2[i]! += 0.6 * p();
    for (let i = 0; i < shift.length; i++) shift[i] = 0.5 * p();
  }
  const data = gaussian(rng(spec.data * 2654435761 + spec.variant));
  const h = new Float32Array(HIDDEN);
  return {
    inDim: spec.inDim,
    classes: spec.classes,
    batch(size: number): Batch {
      const x = new Float32Array(size * spec.inDim);
      const y = new Int32Array(size);
      for (let n = 0; n < size; n++) {
        const xo = n * spec.inDim;
        for (let i = 0; i < spec.inDim; i++) x[xo + i] = data() + shift[i]!;
        for (let j = 0; j < HIDDEN; j++) {
          let s = 0;
          for (let i = 0; i < spec.inDim; i++) s += w1[j * spec.inDim + i]! * x[xo + i]!;
          h[j] = Math.tanh(s);
        }
        let best = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < spec.classes; k++) {
          let s = 0;
          for (let j = 0; j < HIDDEN; j++) s += w2[k * HIDDEN + j]! * h[j]!;
          if (s > best) {
            best = s;
            y[n] = k;
          }
        }
      }
      return { x, y, size };
    },
  };
}
