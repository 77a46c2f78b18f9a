import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lowerTail, mannWhitneyCdf, rankSumTest } from "./rank-test.ts";

/** Every n-subset of N positions: the exact distribution of U by enumeration. */
function bruteCdf(n: number, m: number): number[] {
  const N = n + m;
  const counts = new Array(n * m + 1).fill(0);
  let total = 0;
  const pick = (start: number, left: number, rankSum: number) => {
    if (left === 0) {
      counts[rankSum - (n * (n + 1)) / 2]++;
      total++;
      return;
    }
    for (let r = start; r <= N - left + 1; r++) pick(r + 1, left - 1, rankSum + r);
  };
  pick(1, n, 0);
  let acc = 0;
  return counts.map((c) => {
    acc += c;
    return acc / total;
  });
}

/** Coefficients of the Gaussian binomial in exact integers. */
function exactCounts(n: number, m: number): bigint[] {
  let c: bigint[] = [1n];
  for (let i = 1; i <= n; i++) {
    // multiply by (1 - q^(m+i)), then divide by (1 - q^i): exact in integers
    const deg = c.length - 1 + m + i;
    const next: bigint[] = new Array(deg + 1).fill(0n);
    c.forEach((v, u) => {
      next[u]! += v;
      next[u + m + i]! -= v;
    });
    for (let u = i; u <= deg; u++) next[u]! += next[u - i]!;
    c = next.slice(0, c.length + m);
  }
  return c;
}

describe("exact rank-sum test", () => {
  it("matches enumeration of every assignment for small groups", () => {
    for (const [n, m] of [
      [1, 1],
      [1, 9],
      [2, 3],
      [3, 3],
      [4, 6],
      [5, 5],
      [6, 2],
    ] as const) {
      const brute = bruteCdf(n, m);
      for (let u = 0; u <= n * m; u++)
        assert.ok(Math.abs(mannWhitneyCdf(n, m, u) - brute[u]!) < 1e-12, `n=${n} m=${m} u=${u}`);
    }
  });

  it("matches exact integer counts at sizes where enumeration is out of reach", () => {
    for (const [n, m] of [
      [20, 20],
      [40, 25],
      [60, 60],
    ] as const) {
      const counts = exactCounts(n, m);
      const total = counts.reduce((a, b) => a + b, 0n);
      const tail = lowerTail(n, m);
      let acc = 0n;
      for (let u = 0; u < tail.length; u++) {
        acc += counts[u]!;
        const exact = Number((acc * 10n ** 30n) / total) / 1e30;
        const rel = exact > 0 ? Math.abs(tail[u]! - exact) / exact : tail[u]!;
        assert.ok(
          rel < 1e-9 || Math.abs(tail[u]! - exact) < 1e-28,
          `n=${n} m=${m} u=${u}: ${tail[u]} vs ${exact}`,
        );
      }
    }
  });

  it("stays finite and exact-looking for large groups (500 against 500)", () => {
    const tail = lowerTail(500, 500);
    assert.ok(tail[0]! > 0 || tail[0] === 0);
    assert.ok(Math.abs(tail[tail.length - 1]! - 0.5) < 0.01, String(tail[tail.length - 1]));
    for (let u = 1; u < tail.length; u++) assert.ok(tail[u]! >= tail[u - 1]!);
  });

  it("gives the rank p-value (r+1)/(M+1) for one canary against M held-out ones", () => {
    const heldOut = Array.from({ length: 99 }, (_, i) => 2 + i / 100);
    const r = rankSumTest([2.005], heldOut);
    assert.equal(r.u, 1); // one held-out value is lower
    assert.equal(r.p, 2 / 100);
    const floor = rankSumTest([0.5], heldOut);
    assert.equal(floor.p, 1 / 100);
    assert.equal(floor.auc, 1);
    assert.deepEqual(floor.ranksX, [1]);
  });

  it("reports U, AUC and ranks, and rejects only in the expected direction", () => {
    const low = [1.1, 1.3, 1.2, 1.0];
    const high = [2.0, 2.2, 1.9, 2.1, 1.8];
    const r = rankSumTest(low, high);
    assert.equal(r.u, 0);
    assert.equal(r.auc, 1);
    assert.equal(r.p, 1 / 126); // one assignment in C(9,4)
    assert.deepEqual(r.ranksX, [2, 4, 3, 1]);
    const reversed = rankSumTest(high, low);
    assert.equal(reversed.p, 1);
    assert.equal(reversed.auc, 0);
  });

  it("breaks exact ties by the seed, so the test stays exact", () => {
    const a = rankSumTest([1, 1, 2], [1, 3, 3], "seed-a");
    const b = rankSumTest([1, 1, 2], [1, 3, 3], "seed-a");
    assert.deepEqual(a, b);
    assert.equal(a.tied, 5);
    assert.throws(() => rankSumTest([], [1]), /at least one/);
    assert.throws(() => rankSumTest([Number.NaN], [1]), /not a finite number/);
  });
});
