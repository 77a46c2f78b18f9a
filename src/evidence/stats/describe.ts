/** Small descriptive statistics used in reports. */

export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Sample variance (n − 1); 0 for fewer than two values. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mu = mean(xs);
  return xs.reduce((s, x) => s + (x - mu) ** 2, 0) / (xs.length - 1);
}

export const sd = (xs: readonly number[]): number => Math.sqrt(variance(xs));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Cohen's d of y − x with the pooled standard deviation (0 when both groups are constant). */
export function cohensD(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const m = y.length;
  const pooled = Math.sqrt(
    ((n - 1) * variance(x) + (m - 1) * variance(y)) / Math.max(1, n + m - 2),
  );
  return pooled > 0 ? (mean(y) - mean(x)) / pooled : 0;
}
