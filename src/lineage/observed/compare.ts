/**
 * One streaming pass over every model's tensors, in name order, a slice of
 * whole rows at a time: memory holds one slice per model, never a model.
 * Per model and tensor it keeps power sums (for kurtosis) and whether the
 * values lie on a coarser grid than they are stored in (an F32 file holding
 * half-precision or Q8_0 values is a converted copy). Per pair and tensor it
 * keeps the squared distance, the inner product, whether the tensors are
 * identical, how many values lie outside the rounding bound of the coarser
 * side, and a random sketch of the difference (its rank tells an adapter).
 * Per adapter, how well it turns one given model into another.
 */
import { roundToBf16, roundToHalf } from "../../formats/safetensors/dtypes.ts";
import { gaussian, hash32, type RankEstimate, rankFromSketch, rng } from "./linalg.ts";
import { isPrecision, type Precision, RELATIVE_ERROR, roundingBounds } from "./quants.ts";
import type { AdapterSource, AdapterTarget, ModelSource, TensorEntry } from "./source.ts";

export interface CompareOptions {
  /** Values read per model per slice (whole rows, at least one); bounds memory. */
  sliceValues?: number;
  /** Columns of the rank sketch; ranks up to half of it can be shown. */
  sketch?: number;
}

export interface TensorMoments {
  n: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
}

export interface ModelTensor {
  entry: TensorEntry;
  moments: TensorMoments | null;
  /** The coarsest precision its values are exactly representable in (stored type for quantized files). */
  precision: Precision | null;
}

export interface PairTensor {
  tensor: string;
  shape: number[];
  n: number;
  sqDiff: number;
  dot: number;
  sumA: number;
  sumB: number;
  sqA: number;
  sqB: number;
  identical: boolean;
  /** Values outside the rounding bound when `a` (or `b`) is the coarse copy, for its precision; null if not checked. */
  boundA: { precision: Precision; exceed: number; ratioSq: number } | null;
  boundB: { precision: Precision; exceed: number; ratioSq: number } | null;
  rank: RankEstimate | null;
}

export interface Mismatch {
  tensor: string;
  a: number[] | null;
  b: number[] | null;
  /** Why the tensor could not be compared: missing, other shape, or values that cannot be read. */
  why: "missing" | "shape" | "unreadable";
}

export interface PairStats {
  a: number;
  b: number;
  tensors: PairTensor[];
  mismatches: Mismatch[];
  /** Tensors of the same name and shape that could not be read as numbers (compared by metadata only). */
  metadataOnly: { tensor: string; stored: [string, string] }[];
}

export interface AdapterFit {
  adapter: number;
  /** Index of the model the update is applied to. */
  base: number;
  /** Every target tensor exists in the base with the adapter's shape. */
  fits: boolean;
  /** For each other model: how far base + update is from it, relative to the update. */
  reproduces: { model: number; residual: number; update: number }[];
}

export interface Comparison {
  models: ModelSource[];
  adapters: AdapterSource[];
  /** Per model: its tensors' statistics, by name. */
  perModel: Map<string, ModelTensor>[];
  pairs: PairStats[];
  adapterFits: AdapterFit[];
}

const DEFAULT_SLICE = 1 << 20;
const DEFAULT_SKETCH = 48;

/** Which grids an F32 tensor might secretly lie on; each is dropped at its first counter-example. */
interface GridState {
  F16: boolean;
  BF16: boolean;
  Q8_0: boolean;
}

function onHalfGrid(v: Float32Array, grid: GridState): void {
  if (grid.F16) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (roundToHalf(x) !== x && !Number.isNaN(x)) {
        grid.F16 = false;
        break;
      }
    }
  }
  if (grid.BF16) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (roundToBf16(x) !== x && !Number.isNaN(x)) {
        grid.BF16 = false;
        break;
      }
    }
  }
  if (grid.Q8_0) {
    // A dequantized Q8_0 block is d·q with d a half and q an integer in [-127, 127], d = amax/127.
    for (let b = 0; b < v.length && grid.Q8_0; b += 32) {
      let amax = 0;
      for (let j = b; j < b + 32; j++) amax = Math.max(amax, Math.abs(v[j]!));
      if (amax === 0) continue;
      const d = roundToHalf(amax / 127);
      for (let j = b; j < b + 32; j++) {
        const q = Math.round(v[j]! / d);
        if (Math.abs(q) > 127 || Math.fround(d * q) !== v[j]) {
          grid.Q8_0 = false;
          break;
        }
      }
    }
  }
}

function coarsest(stored: string, grid: GridState | null): Precision | null {
  if (!grid) return isPrecision(stored) ? stored : null;
  if (grid.Q8_0) return "Q8_0";
  if (grid.BF16) return "BF16";
  if (grid.F16) return "F16";
  return isPrecision(stored) ? stored : "F32";
}

/** Candidate coarse precisions of a tensor while it is read: its stored type, or the grids still possible. */
function candidates(stored: string, grid: GridState | null): Precision[] {
  if (!grid) return isPrecision(stored) && stored !== "F32" && stored !== "F64" ? [stored] : [];
  const out: Precision[] = [];
  if (grid.Q8_0) out.push("Q8_0");
  if (grid.BF16) out.push("BF16");
  if (grid.F16) out.push("F16");
  return out;
}

const shapeKey = (s: readonly number[]) => s.join("x");

/**
 * Compares every pair of models, and every adapter with every model, in one pass.
 * @throws InputError when a file cannot be read where its header said its data was.
 */
export function compare(
  models: readonly ModelSource[],
  adapters: readonly AdapterSource[] = [],
  options: CompareOptions = {},
): Comparison {
  const sliceValues = options.sliceValues ?? DEFAULT_SLICE;
  const sketchSize = options.sketch ?? DEFAULT_SKETCH;
  const N = models.length;
  const perModel = models.map(() => new Map<string, ModelTensor>());
  const pairs: PairStats[] = [];
  const pairIndex = (i: number, j: number) => i * N - (i * (i + 1)) / 2 + (j - i - 1);
  for (let i = 0; i < N; i++)
    for (let j = i + 1; j < N; j++)
      pairs.push({ a: i, b: j, tensors: [], mismatches: [], metadataOnly: [] });

  const entries = models.map((m) => new Map(m.tensors.map((t) => [t.name, t])));
  const names = [...new Set(models.flatMap((m) => m.tensors.map((t) => t.name)))].sort();

  // Adapter application: per adapter, per (base, other) ordered pair, residual energy; and the update's energy.
  const fits: AdapterFit[] = [];
  const targetsByTensor = new Map<string, { adapter: number; target: AdapterTarget }[]>();
  adapters.forEach((ad, x) => {
    for (const t of ad.targets)
      targetsByTensor.set(t.tensor, [
        ...(targetsByTensor.get(t.tensor) ?? []),
        { adapter: x, target: t },
      ]);
    for (let base = 0; base < N; base++) {
      const fitsAll =
        ad.targets.length > 0 &&
        ad.targets.every((t) => {
          const e = entries[base]!.get(t.tensor);
          return (
            e !== undefined && e.unreadable === null && shapeKey(e.shape) === shapeKey(t.shape)
          );
        });
      fits.push({ adapter: x, base, fits: fitsAll, reproduces: [] });
    }
  });
  const residual = adapters.map(() => Array.from({ length: N }, () => new Float64Array(N)));
  const updateEnergy = adapters.map(() => new Float64Array(N));

  for (const name of names) {
    const holders: number[] = [];
    for (let i = 0; i < N; i++) if (entries[i]!.has(name)) holders.push(i);

    for (let i = 0; i < N; i++) {
      for (let j = i + 1; j < N; j++) {
        const ei = entries[i]!.get(name);
        const ej = entries[j]!.get(name);
        const p = pairs[pairIndex(i, j)]!;
        if (!ei || !ej) {
          p.mismatches.push({
            tensor: name,
            a: ei?.shape ?? null,
            b: ej?.shape ?? null,
            why: "missing",
          });
        } else if (shapeKey(ei.shape) !== shapeKey(ej.shape)) {
          p.mismatches.push({ tensor: name, a: ei.shape, b: ej.shape, why: "shape" });
        } else if (ei.unreadable || ej.unreadable) {
          if (ei.unreadable && ej.unreadable)
            p.metadataOnly.push({ tensor: name, stored: [ei.stored, ej.stored] });
          else p.mismatches.push({ tensor: name, a: ei.shape, b: ej.shape, why: "unreadable" });
        }
      }
    }

    // Readable holders, grouped by shape: only same-shape tensors are compared.
    const groups = new Map<string, number[]>();
    for (const i of holders) {
      const e = entries[i]!.get(name)!;
      perModel[i]!.set(name, {
        entry: e,
        moments: null,
        precision: e.unreadable ? null : isPrecision(e.stored) ? e.stored : null,
      });
      if (e.unreadable) continue;
      const k = shapeKey(e.shape);
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }

    for (const members of groups.values()) {
      const shape = entries[members[0]!]!.get(name)!.shape;
      const elements = shape.reduce((a, b) => a * b, 1);
      const cols = shape.length >= 2 ? shape[shape.length - 1]! : elements;
      const rows = cols === 0 ? 0 : elements / cols;
      // One-dimensional tensors longer than a slice are read in runs of 256 (whole blocks of any type).
      const width =
        shape.length >= 2 || cols <= sliceValues
          ? cols
          : 256 * Math.max(1, Math.floor(sliceValues / 256));
      const rowCount =
        shape.length >= 2 || cols <= sliceValues ? rows : Math.ceil(elements / width);
      const perSlice = Math.max(1, Math.floor(sliceValues / Math.max(1, width)));
      const bufs = members.map(() => new Float32Array(Math.min(perSlice, rowCount) * width));
      const moments = members.map((): TensorMoments => ({ n: 0, s1: 0, s2: 0, s3: 0, s4: 0 }));
      const grids = members.map((i): GridState | null => {
        const s = entries[i]!.get(name)!.stored;
        return s === "F32" || s === "F64"
          ? { F16: true, BF16: true, Q8_0: cols % 32 === 0 && cols > 0 }
          : null;
      });
      const bounds = new Map<string, Float32Array>(); // `${member}:${precision}` → per-value bounds of this slice

      const matrix = shape.length >= 2 && rows >= 8 && cols >= 8;
      const k = Math.min(sketchSize, rows, cols);
      let omega: Float64Array | null = null;
      if (matrix) {
        const g = gaussian(rng(hash32(`${name}:${shapeKey(shape)}`)));
        omega = new Float64Array(cols * k);
        for (let x = 0; x < omega.length; x++) omega[x] = g();
      }
      const memberPairs: {
        p: PairStats;
        x: number;
        y: number;
        t: PairTensor;
        sketch: Float64Array | null;
      }[] = [];
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const p = pairs[pairIndex(members[x]!, members[y]!)]!;
          memberPairs.push({
            p,
            x,
            y,
            t: {
              tensor: name,
              shape,
              n: 0,
              sqDiff: 0,
              dot: 0,
              sumA: 0,
              sumB: 0,
              sqA: 0,
              sqB: 0,
              identical: true,
              boundA: null,
              boundB: null,
              rank: null,
            },
            sketch: matrix ? new Float64Array(rows * k) : null,
          });
        }
      }
      const boundState = memberPairs.map(() => ({
        a: new Map<Precision, { exceed: number; ratioSq: number }>(),
        b: new Map<Precision, { exceed: number; ratioSq: number }>(),
      }));
      const adapterHere =
        targetsByTensor.get(name)?.filter((t) => shapeKey(t.target.shape) === shapeKey(shape)) ??
        [];
      const deltaBuf = adapterHere.length > 0 ? new Float32Array(bufs[0]!.length) : null;

      for (let row = 0; row < rowCount; row += perSlice) {
        const count = Math.min(perSlice, rowCount - row);
        const first = row * width;
        const len = Math.min(count * width, elements - first);
        const views = bufs.map((b) => b.subarray(0, len));
        members.forEach((i, x) => {
          models[i]!.read(entries[i]!.get(name)!, first, views[x]!);
          const v = views[x]!;
          const mo = moments[x]!;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          let s4 = 0;
          for (let q = 0; q < len; q++) {
            const z = v[q]!;
            const z2 = z * z;
            s1 += z;
            s2 += z2;
            s3 += z2 * z;
            s4 += z2 * z2;
          }
          mo.n += len;
          mo.s1 += s1;
          mo.s2 += s2;
          mo.s3 += s3;
          mo.s4 += s4;
          const grid = grids[x] ?? null;
          if (grid) onHalfGrid(v, grid);
          for (const prec of candidates(entries[i]!.get(name)!.stored, grid)) {
            const key = `${x}:${prec}`;
            let b = bounds.get(key);
            if (!b || b.length < len) {
              b = new Float32Array(bufs[0]!.length);
              bounds.set(key, b);
            }
            roundingBounds(prec, v, b.subarray(0, len));
          }
        });

        memberPairs.forEach((mp, idx) => {
          const va = views[mp.x]!;
          const vb = views[mp.y]!;
          const t = mp.t;
          let sq = 0;
          let dot = 0;
          let sa = 0;
          let sb = 0;
          let qa = 0;
          let qb = 0;
          let same = t.identical;
          for (let q = 0; q < len; q++) {
            const a = va[q]!;
            const b = vb[q]!;
            const d = a - b;
            sq += d * d;
            dot += a * b;
            sa += a;
            sb += b;
            qa += a * a;
            qb += b * b;
            if (d !== 0 && same && !(Number.isNaN(a) && Number.isNaN(b))) same = false;
          }
          t.n += len;
          t.sqDiff += sq;
          t.dot += dot;
          t.sumA += sa;
          t.sumB += sb;
          t.sqA += qa;
          t.sqB += qb;
          t.identical = same;
          // The coarse side's grid decides the bound; a pair is checked for both directions.
          for (const [side, x] of [
            ["a", mp.x],
            ["b", mp.y],
          ] as const) {
            const state = boundState[idx]![side];
            const cands = candidates(entries[members[x]!]!.get(name)!.stored, grids[x] ?? null);
            for (const prec of cands) {
              const bound = bounds.get(`${x}:${prec}`)!;
              let exceed = 0;
              let ratioSq = 0;
              for (let q = 0; q < len; q++) {
                const e = Math.abs(va[q]! - vb[q]!);
                const bq = bound[q]!;
                if (e > bq) exceed++;
                if (bq > 0) ratioSq += (e / bq) ** 2;
                else if (e > 0) ratioSq += 1e6;
              }
              const s = state.get(prec) ?? { exceed: 0, ratioSq: 0 };
              s.exceed += exceed;
              s.ratioSq += ratioSq;
              state.set(prec, s);
            }
          }
          if (mp.sketch && omega && !same) {
            const y = mp.sketch;
            const rowsHere = len / width;
            for (let r = 0; r < rowsHere; r++) {
              const yo = (row + r) * k;
              const o = r * width;
              for (let c = 0; c < cols; c++) {
                const d = va[o + c]! - vb[o + c]!;
                if (d === 0) continue;
                const oo = c * k;
                for (let s = 0; s < k; s++) y[yo + s]! += d * omega[oo + s]!;
              }
            }
          }
        });

        for (const { adapter: ax, target } of adapterHere) {
          const delta = deltaBuf!.subarray(0, len);
          adapters[ax]!.delta(target, row, delta);
          let e = 0;
          for (let q = 0; q < len; q++) e += delta[q]! ** 2;
          // Every ordered pair (base, other) of members: how far other - base is from the update.
          for (let x = 0; x < members.length; x++) {
            updateEnergy[ax]![members[x]!]! += e;
            for (let y = 0; y < members.length; y++) {
              if (x === y) continue;
              const vb = views[x]!;
              const vo = views[y]!;
              let r = 0;
              for (let q = 0; q < len; q++) r += (vo[q]! - vb[q]! - delta[q]!) ** 2;
              residual[ax]![members[x]!]![members[y]!]! += r;
            }
          }
        }
      }

      members.forEach((i, x) => {
        perModel[i]!.set(name, {
          entry: entries[i]!.get(name)!,
          moments: moments[x]!,
          precision: coarsest(entries[i]!.get(name)!.stored, grids[x] ?? null),
        });
      });
      memberPairs.forEach((mp, idx) => {
        const pa = perModel[members[mp.x]!]!.get(name)!.precision;
        const pb = perModel[members[mp.y]!]!.get(name)!.precision;
        const st = boundState[idx]!;
        const sa = pa ? st.a.get(pa) : undefined;
        const sb = pb ? st.b.get(pb) : undefined;
        if (pa && sa) mp.t.boundA = { precision: pa, ...sa };
        if (pb && sb) mp.t.boundB = { precision: pb, ...sb };
        if (mp.sketch && !mp.t.identical) {
          // Rounding of either side adds full-rank noise; allow for it in the tail.
          const noise = noiseShare(mp.t, pa, pb);
          mp.t.rank = rankFromSketch(mp.sketch, rows, k, Math.max(1e-5, 3 * noise));
        } else if (mp.sketch) {
          mp.t.rank = { rank: 0, limit: Math.max(1, Math.floor(k / 2)), tail: 0, spectrum: [] };
        }
        mp.p.tensors.push(mp.t);
      });
    }
  }

  // Non-targeted tensors must be equal for an adapter to reproduce a model: add their distance.
  for (const f of fits) {
    if (!f.fits) continue;
    const ad = adapters[f.adapter]!;
    const targeted = new Set(ad.targets.map((t) => t.tensor));
    for (let o = 0; o < N; o++) {
      if (o === f.base) continue;
      const i = Math.min(f.base, o);
      const j = Math.max(f.base, o);
      const p = pairs[pairIndex(i, j)]!;
      if (p.mismatches.length > 0) continue;
      let extra = 0;
      for (const t of p.tensors) if (!targeted.has(t.tensor)) extra += t.sqDiff;
      const r = residual[f.adapter]![f.base]![o]! + extra;
      f.reproduces.push({
        model: o,
        residual: Math.sqrt(r),
        update: Math.sqrt(updateEnergy[f.adapter]![f.base]!),
      });
    }
  }
  return { models: [...models], adapters: [...adapters], perModel, pairs, adapterFits: fits };
}

/** The share of a difference's energy that rounding of the two sides could explain. */
export function noiseShare(t: PairTensor, pa: Precision | null, pb: Precision | null): number {
  if (t.sqDiff === 0) return 0;
  const ea = RELATIVE_ERROR[pa ?? "F32"] ** 2 * t.sqA;
  const eb = RELATIVE_ERROR[pb ?? "F32"] ** 2 * t.sqB;
  return Math.min(1, (ea + eb) / t.sqDiff);
}
