/**
 * Minimum-cost spanning arborescence (Chu and Liu 1965; Edmonds 1967): every
 * node but the root gets exactly one parent, with no cycles, at the least
 * total cost. MoTHer's "minimum directed spanning tree". Each node takes its
 * cheapest incoming arc; each cycle this makes is contracted to one node whose
 * incoming arcs cost what they would save, and the smaller problem is solved
 * the same way. O(V·E), plenty for the tens of models a comparison holds. Pure.
 */

export interface Arc {
  from: number;
  to: number;
  cost: number;
}

interface IdArc extends Arc {
  id: number;
}

function solve(n: number, root: number, arcs: IdArc[]): number[] | null {
  const best: (IdArc | undefined)[] = new Array(n);
  for (const a of arcs) {
    if (a.to === root || a.from === a.to) continue;
    const b = best[a.to];
    if (!b || a.cost < b.cost || (a.cost === b.cost && a.from < b.from)) best[a.to] = a;
  }
  for (let v = 0; v < n; v++) if (v !== root && !best[v]) return null;

  // Cycles among the chosen arcs: walk up from each node until the root or a node already seen.
  const comp = new Array<number>(n).fill(-1);
  const mark = new Array<number>(n).fill(-1);
  let comps = 0;
  const cycles: number[][] = [];
  for (let s = 0; s < n; s++) {
    let v = s;
    while (v !== root && mark[v] === -1 && comp[v] === -1) {
      mark[v] = s;
      v = best[v]!.from;
    }
    if (v !== root && mark[v] === s && comp[v] === -1) {
      const cycle: number[] = [];
      let u = v;
      do {
        cycle.push(u);
        comp[u] = comps;
        u = best[u]!.from;
      } while (u !== v);
      cycles.push(cycle);
      comps++;
    }
  }
  if (cycles.length === 0) return best.filter((a): a is IdArc => a !== undefined).map((a) => a.id);

  for (let v = 0; v < n; v++) if (comp[v] === -1) comp[v] = comps++;
  const contracted: IdArc[] = [];
  for (const a of arcs) {
    const cu = comp[a.from]!;
    const cv = comp[a.to]!;
    if (cu === cv) continue;
    const inCycle = cycles.some((c) => c.includes(a.to));
    contracted.push({ ...a, from: cu, to: cv, cost: inCycle ? a.cost - best[a.to]!.cost : a.cost });
  }
  const chosen = solve(comps, comp[root]!, contracted);
  if (!chosen) return null;
  const byId = new Map(arcs.map((a) => [a.id, a]));
  const result = new Set(chosen);
  for (const cycle of cycles) {
    const entering = chosen.map((id) => byId.get(id)!).find((a) => cycle.includes(a.to))!;
    for (const v of cycle) if (v !== entering.to) result.add(best[v]!.id);
  }
  return [...result];
}

/**
 * The parent of each node in a minimum-cost arborescence rooted at `root`
 * (-1 for the root), or null when some node cannot be reached from it.
 */
export function minArborescence(n: number, root: number, arcs: readonly Arc[]): number[] | null {
  const withIds = arcs.map((a, id) => ({ ...a, id }));
  const chosen = solve(n, root, withIds);
  if (!chosen) return null;
  const parent = new Array<number>(n).fill(-1);
  for (const id of chosen) parent[withIds[id]!.to] = withIds[id]!.from;
  return parent;
}
