import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Arc, minArborescence } from "./arborescence.ts";

/** Every arborescence by brute force: each non-root node picks a parent; keep the acyclic, cheapest. */
function brute(n: number, root: number, arcs: Arc[]): number {
  const into = Array.from({ length: n }, (_, v) => arcs.filter((a) => a.to === v && a.from !== v));
  let best = Number.POSITIVE_INFINITY;
  const parent = new Array<number>(n).fill(-1);
  const rec = (v: number, cost: number) => {
    if (v === n) {
      for (let s = 0; s < n; s++) {
        let u = s;
        let steps = 0;
        while (u !== root && steps <= n) {
          u = parent[u]!;
          steps++;
        }
        if (u !== root) return;
      }
      best = Math.min(best, cost);
      return;
    }
    if (v === root) return rec(v + 1, cost);
    for (const a of into[v]!) {
      parent[v] = a.from;
      rec(v + 1, cost + a.cost);
    }
  };
  rec(0, 0);
  return best;
}

const costOf = (arcs: Arc[], parent: number[]) =>
  parent.reduce(
    (s, p, v) =>
      p < 0
        ? s
        : s + Math.min(...arcs.filter((a) => a.from === p && a.to === v).map((a) => a.cost)),
    0,
  );

describe("minArborescence", () => {
  it("breaks a cycle of cheapest arcs at the cheapest place to enter it", () => {
    // 1 and 2 prefer each other; entering via 0→1 (5) beats 0→2 (7).
    const arcs: Arc[] = [
      { from: 0, to: 1, cost: 5 },
      { from: 0, to: 2, cost: 7 },
      { from: 1, to: 2, cost: 1 },
      { from: 2, to: 1, cost: 1 },
    ];
    assert.deepEqual(minArborescence(3, 0, arcs), [-1, 0, 1]);
  });

  it("returns null when a node cannot be reached", () => {
    assert.equal(minArborescence(3, 0, [{ from: 0, to: 1, cost: 1 }]), null);
  });

  it("matches brute force on random complete graphs", () => {
    let s = 7;
    const rand = () => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s / 0x7fffffff;
    };
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + (trial % 5);
      const arcs: Arc[] = [];
      for (let u = 0; u < n; u++)
        for (let v = 0; v < n; v++)
          if (u !== v && rand() < 0.8) arcs.push({ from: u, to: v, cost: Math.round(rand() * 20) });
      const want = brute(n, 0, arcs);
      const got = minArborescence(n, 0, arcs);
      if (want === Number.POSITIVE_INFINITY) assert.equal(got, null);
      else {
        assert.ok(got, `trial ${trial}`);
        assert.equal(costOf(arcs, got), want, `trial ${trial}`);
      }
    }
  });
});
