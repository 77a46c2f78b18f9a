import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gaussian, rankFromSketch, rng, symmetricEigenvalues } from "./linalg.ts";

describe("linear algebra", () => {
  it("eigenvalues of a symmetric matrix", () => {
    // [[2,1],[1,2]] has eigenvalues 3 and 1.
    const ev = symmetricEigenvalues(Float64Array.from([2, 1, 1, 2]), 2);
    assert.ok(Math.abs(ev[0]! - 3) < 1e-12 && Math.abs(ev[1]! - 1) < 1e-12);
  });

  it("the sketch of an exact rank-3 matrix shows rank 3; a random matrix shows none", () => {
    const g = gaussian(rng(3));
    const m = 40;
    const n = 30;
    const k = 20;
    const u = Float64Array.from({ length: m * 3 }, g);
    const v = Float64Array.from({ length: 3 * n }, g);
    const d = new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++)
        for (let r = 0; r < 3; r++) d[i * n + j]! += u[i * 3 + r]! * v[r * n + j]!;
    const omega = Float64Array.from({ length: n * k }, g);
    const sketch = (x: Float64Array) => {
      const y = new Float64Array(m * k);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++)
          for (let s = 0; s < k; s++) y[i * k + s]! += x[i * n + j]! * omega[j * k + s]!;
      return y;
    };
    assert.equal(rankFromSketch(sketch(d), m, k, 1e-6).rank, 3);
    const noise = Float64Array.from({ length: m * n }, g);
    const full = rankFromSketch(sketch(noise), m, k, 1e-6);
    assert.equal(full.rank, null);
    assert.equal(full.limit, 10);
  });
});
