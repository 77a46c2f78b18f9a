/**
 * A small multilayer perceptron (ReLU between linear layers, softmax
 * cross-entropy on top) trained by real minibatch gradient descent with
 * Adam, in Float32Array arithmetic. Fine-tuning continues from given weights;
 * LoRA freezes them and trains only B·A (Hu et al., 2021: A random, B zero,
 * update scaled by alpha / r). Deterministic from its seeds, so the model
 * families the tests and the benchmark compare are made, not downloaded.
 */
import { gaussian, rng } from "../linalg.ts";

export interface Linear {
  /** [out, in], row-major, as PyTorch stores nn.Linear weights. */
  w: Float32Array;
  b: Float32Array;
  inDim: number;
  outDim: number;
}

export interface Mlp {
  layers: Linear[];
}

export interface Batch {
  x: Float32Array;
  y: Int32Array;
  size: number;
}

export interface Task {
  inDim: number;
  classes: number;
  /** A fresh batch of `size` labelled inputs. */
  batch(size: number): Batch;
}

/** He-normal weights, zero biases. */
export function initMlp(sizes: readonly number[], seed: number): Mlp {
  const g = gaussian(rng(seed));
  const layers: Linear[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inDim = sizes[l]!;
    const outDim = sizes[l + 1]!;
    const w = new Float32Array(inDim * outDim);
    const sd = Math.sqrt(2 / inDim);
    for (let i = 0; i < w.length; i++) w[i] = g() * sd;
    layers.push({ w, b: new Float32Array(outDim), inDim, outDim });
  }
  return { layers };
}

export const cloneMlp = (m: Mlp): Mlp => ({
  layers: m.layers.map((l) => ({ ...l, w: Float32Array.from(l.w), b: Float32Array.from(l.b) })),
});

export interface Lora {
  rank: number;
  alpha: number;
  /** Per layer: A [r, in], B [out, r]. */
  a: Float32Array[];
  b: Float32Array[];
}

/** The weights a layer uses: W, or W + (alpha/r)·B·A. */
function effective(m: Mlp, lora: Lora | null): Float32Array[] {
  if (!lora) return m.layers.map((l) => l.w);
  const s = lora.alpha / lora.rank;
  return m.layers.map((l, li) => {
    const w = Float32Array.from(l.w);
    const A = lora.a[li]!;
    const B = lora.b[li]!;
    for (let o = 0; o < l.outDim; o++)
      for (let k = 0; k < lora.rank; k++) {
        const bok = B[o * lora.rank + k]! * s;
        if (bok === 0) continue;
        for (let i = 0; i < l.inDim; i++) w[o * l.inDim + i]! += bok * A[k * l.inDim + i]!;
      }
    return w;
  });
}

/** Mean cross-entropy and accuracy of the model on a batch. */
export function evaluate(m: Mlp, batch: Batch): { loss: number; accuracy: number } {
  const acts = forward(
    m,
    m.layers.map((l) => l.w),
    batch,
  );
  const logits = acts[acts.length - 1]!;
  const c = m.layers[m.layers.length - 1]!.outDim;
  let loss = 0;
  let right = 0;
  for (let n = 0; n < batch.size; n++) {
    let max = Number.NEGATIVE_INFINITY;
    let arg = 0;
    for (let k = 0; k < c; k++) {
      if (logits[n * c + k]! > max) {
        max = logits[n * c + k]!;
        arg = k;
      }
    }
    let z = 0;
    for (let k = 0; k < c; k++) z += Math.exp(logits[n * c + k]! - max);
    loss += Math.log(z) + max - logits[n * c + batch.y[n]!]!;
    if (arg === batch.y[n]) right++;
  }
  return { loss: loss / batch.size, accuracy: right / batch.size };
}

/** Activations of every layer (input first, logits last); hidden layers after ReLU. */
function forward(m: Mlp, ws: Float32Array[], batch: Batch): Float32Array[] {
  const acts: Float32Array[] = [batch.x];
  let h = batch.x;
  m.layers.forEach((l, li) => {
    const w = ws[li]!;
    const out = new Float32Array(batch.size * l.outDim);
    for (let n = 0; n < batch.size; n++) {
      const xo = n * l.inDim;
      for (let o = 0; o < l.outDim; o++) {
        let s = l.b[o]!;
        const wo = o * l.inDim;
        for (let i = 0; i < l.inDim; i++) s += w[wo + i]! * h[xo + i]!;
        out[n * l.outDim + o] = li < m.layers.length - 1 && s < 0 ? 0 : s;
      }
    }
    acts.push(out);
    h = out;
  });
  return acts;
}

export interface TrainOptions {
  steps: number;
  lr: number;
  batch: number;
  /** Adam (default), or SGD with momentum 0.9, whose updates follow the gradient's size as pre-training's do. */
  optimizer?: "adam" | "sgd";
  /** Train only a LoRA of this rank (and alpha) on every layer; the base weights stay frozen. */
  lora?: { rank: number; alpha: number; seed: number };
}

interface Optimizer {
  step(grads: Float32Array[]): void;
}

class Sgd implements Optimizer {
  private v: Float32Array[];
  constructor(
    private readonly params: Float32Array[],
    private readonly lr: number,
  ) {
    this.v = params.map((p) => new Float32Array(p.length));
  }
  step(grads: Float32Array[]): void {
    this.params.forEach((p, k) => {
      const g = grads[k]!;
      const v = this.v[k]!;
      for (let i = 0; i < p.length; i++) {
        v[i] = 0.9 * v[i]! + g[i]!;
        p[i]! -= this.lr * v[i]!;
      }
    });
  }
}

class Adam implements Optimizer {
  private m: Float32Array[];
  private v: Float32Array[];
  private t = 0;
  constructor(
    private readonly params: Float32Array[],
    private readonly lr: number,
  ) {
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }
  step(grads: Float32Array[]): void {
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    this.params.forEach((p, k) => {
      const g = grads[k]!;
      const m = this.m[k]!;
      const v = this.v[k]!;
      for (let i = 0; i < p.length; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
        p[i]! -= (this.lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
      }
    });
  }
}

/**
 * Trains in place (full) or returns the trained LoRA (the model untouched).
 * @example
 *   const m = initMlp([32, 32, 4], 1); train(m, task, { steps: 300, lr: 1e-2, batch: 32 });
 */
export function train(m: Mlp, task: Task, o: TrainOptions): Lora | null {
  let lora: Lora | null = null;
  if (o.lora) {
    const u = rng(o.lora.seed);
    lora = {
      rank: o.lora.rank,
      alpha: o.lora.alpha,
      // PEFT's default: A uniform in ±1/√in (kaiming_uniform with a = √5), B zero.
      a: m.layers.map((l) =>
        Float32Array.from(
          { length: o.lora!.rank * l.inDim },
          () => (u() * 2 - 1) / Math.sqrt(l.inDim),
        ),
      ),
      b: m.layers.map((l) => new Float32Array(l.outDim * o.lora!.rank)),
    };
  }
  const params = lora ? [...lora.a, ...lora.b] : m.layers.flatMap((l) => [l.w, l.b]);
  const opt: Optimizer = o.optimizer === "sgd" ? new Sgd(params, o.lr) : new Adam(params, o.lr);
  const L = m.layers.length;
  for (let step = 0; step < o.steps; step++) {
    const batch = task.batch(o.batch);
    const ws = effective(m, lora);
    const acts = forward(m, ws, batch);
    const logits = acts[L]!;
    const c = m.layers[L - 1]!.outDim;
    // Softmax cross-entropy gradient, averaged over the batch.
    let delta = new Float32Array(batch.size * c);
    for (let n = 0; n < batch.size; n++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < c; k++) max = Math.max(max, logits[n * c + k]!);
      let z = 0;
      for (let k = 0; k < c; k++) z += Math.exp(logits[n * c + k]! - max);
      for (let k = 0; k < c; k++)
        delta[n * c + k] =
          (Math.exp(logits[n * c + k]! - max) / z - (k === batch.y[n] ? 1 : 0)) / batch.size;
    }
    const gw: Float32Array[] = new Array(L);
    const gb: Float32Array[] = new Array(L);
    for (let li = L - 1; li >= 0; li--) {
      const l = m.layers[li]!;
      const x = acts[li]!;
      const w = ws[li]!;
      const dw = new Float32Array(l.w.length);
      const db = new Float32Array(l.outDim);
      for (let n = 0; n < batch.size; n++) {
        for (let oo = 0; oo < l.outDim; oo++) {
          const d = delta[n * l.outDim + oo]!;
          if (d === 0) continue;
          db[oo]! += d;
          const wo = oo * l.inDim;
          const xo = n * l.inDim;
          for (let i = 0; i < l.inDim; i++) dw[wo + i]! += d * x[xo + i]!;
        }
      }
      gw[li] = dw;
      gb[li] = db;
      if (li > 0) {
        const prev = new Float32Array(batch.size * l.inDim);
        for (let n = 0; n < batch.size; n++)
          for (let oo = 0; oo < l.outDim; oo++) {
            const d = delta[n * l.outDim + oo]!;
            if (d === 0) continue;
            const wo = oo * l.inDim;
            const po = n * l.inDim;
            for (let i = 0; i < l.inDim; i++) prev[po + i]! += d * w[wo + i]!;
          }
        // Through the ReLU of the layer below.
        for (let i = 0; i < prev.length; i++) if (x[i]! <= 0) prev[i] = 0;
        delta = prev;
      }
    }
    if (!lora) {
      opt.step(m.layers.flatMap((_, li) => [gw[li]!, gb[li]!]));
      continue;
    }
    const s = lora.alpha / lora.rank;
    const r = lora.rank;
    const ga = m.layers.map((l, li) => {
      // dA = s·Bᵀ·dW
      const out = new Float32Array(r * l.inDim);
      const B = lora!.b[li]!;
      const dw = gw[li]!;
      for (let oo = 0; oo < l.outDim; oo++)
        for (let k = 0; k < r; k++) {
          const bk = B[oo * r + k]! * s;
          if (bk === 0) continue;
          for (let i = 0; i < l.inDim; i++) out[k * l.inDim + i]! += bk * dw[oo * l.inDim + i]!;
        }
      return out;
    });
    const gB = m.layers.map((l, li) => {
      // dB = s·dW·Aᵀ
      const out = new Float32Array(l.outDim * r);
      const A = lora!.a[li]!;
      const dw = gw[li]!;
      for (let oo = 0; oo < l.outDim; oo++)
        for (let k = 0; k < r; k++) {
          let acc = 0;
          for (let i = 0; i < l.inDim; i++) acc += dw[oo * l.inDim + i]! * A[k * l.inDim + i]!;
          out[oo * r + k] = acc * s;
        }
      return out;
    });
    opt.step([...ga, ...gB]);
  }
  return lora;
}

/** The model with a LoRA merged into its weights (what `merge_and_unload` saves). */
export function mergeLora(m: Mlp, lora: Lora): Mlp {
  const ws = effective(m, lora);
  return { layers: m.layers.map((l, li) => ({ ...l, w: ws[li]!, b: Float32Array.from(l.b) })) };
}

/** The weighted average of two models of the same shape (a linear merge). */
export function averageMlp(x: Mlp, y: Mlp, wx: number): Mlp {
  return {
    layers: x.layers.map((l, li) => {
      const o = y.layers[li]!;
      return {
        ...l,
        w: Float32Array.from(l.w, (v, i) => wx * v + (1 - wx) * o.w[i]!),
        b: Float32Array.from(l.b, (v, i) => wx * v + (1 - wx) * o.b[i]!),
      };
    }),
  };
}
