/**
 * The little linear algebra the comparison needs: a seeded Gaussian source
 * (so that every run sketches with the same random matrix), eigenvalues of a
 * small symmetric matrix (cyclic Jacobi), and the numerical rank of a matrix
 * from its randomized range sketch Y = D·Ω (Halko, Martinsson and Tropp,
 * "Finding structure with randomness", 2011): D of rank r gives Y of rank r,
 * and the energy of Y beyond its top r directions estimates D's. Pure.
 */

/** mulberry32: small, fast, and good enough to draw sketch matrices. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller) from a uniform source. */
export function gaussian(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** A 32-bit FNV-1a hash, to seed per-tensor draws from the tensor's name. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Eigenvalues of a symmetric k×k matrix (row-major), descending. `a` is overwritten. */
export function symmetricEigenvalues(a: Float64Array, k: number): number[] {
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < k; p++) {
      diag += a[p * k + p]! ** 2;
      for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (apq === 0) continue;
        const app = a[p * k + p]!;
        const aqq = a[q * k + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < k; i++) {
          const aip = a[i * k + p]!;
          const aiq = a[i * k + q]!;
          a[i * k + p] = c * aip - s * aiq;
          a[i * k + q] = s * aip + c * aiq;
        }
        for (let i = 0; i < k; i++) {
          const api = a[p * k + i]!;
          const aqi = a[q * k + i]!;
          a[p * k + i] = c * api - s * aqi;
          a[q * k + i] = s * api + c * aqi;
        }
      }
    }
  }
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(Math.max(0, a[i * k + i]!));
  return out.sort((x, y) => y - x);
}

export interface RankEstimate {
  /** The smallest r whose tail holds at most `tolerance` of the energy; null when none up to `limit`. */
  rank: number | null;
  /** The largest rank this sketch could have shown. */
  limit: number;
  /** Share of the energy beyond the first `rank` (or `limit`) directions. */
  tail: number;
  /** Singular values of the sketch, relative to the largest (first few). */
  spectrum: number[];
}

/**
 * The numerical rank of D from its sketch Y = D·Ω (m×k, row-major). Ranks
 * above k/2 are not claimed: a sketch only shows structure well below its size.
 */
export function rankFromSketch(
  y: Float64Array,
  m: number,
  k: number,
  tolerance: number,
): RankEstimate {
  const g = new Float64Array(k * k);
  for (let i = 0; i < m; i++) {
    const row = i * k;
    for (let p = 0; p < k; p++) {
      const yp = y[row + p]!;
      if (yp === 0) continue;
      for (let q = p; q < k; q++) g[p * k + q]! += yp * y[row + q]!;
    }
  }
  for (let p = 0; p < k; p++) for (let q = 0; q < p; q++) g[p * k + q] = g[q * k + p]!;
  const ev = symmetricEigenvalues(g, k);
  const total = ev.reduce((s, v) => s + v, 0);
  const limit = Math.max(1, Math.floor(k / 2));
  const spectrum = ev.slice(0, Math.min(k, 12)).map((v) => Math.sqrt(v / (ev[0] || 1)));
  if (total === 0) return { rank: 0, limit, tail: 0, spectrum };
  let rest = total;
  for (let r = 0; r <= limit; r++) {
    if (rest / total <= tolerance) return { rank: r, limit, tail: rest / total, spectrum };
    rest -= ev[r] ?? 0;
  }
  let tail = total;
  for (let r = 0; r < limit; r++) tail -= ev[r]!;
  return { rank: null, limit, tail: tail / total, spectrum };
}
