/**
 * Making proofs for a content digest against a sorted tree, whatever holds
 * the tree (the manifest store reads it chunk by chunk; tests hold it in
 * memory). Inclusion when the digest is a leaf, exclusion otherwise.
 */
import { auditPath, leafOfSha256, levelsOf, rootOfLevels } from "./merkle.ts";
import {
  type ExclusionProof,
  type InclusionProof,
  type LeafPath,
  PROOF_ALGORITHM,
  PROOF_FORMAT,
  type Proof,
} from "./proof.ts";

/** Read access to a tree whose leaves are sorted content digests. */
export interface SortedTree {
  readonly size: number;
  /** Root, hex. */
  readonly root: string;
  /** Index of the first leaf whose digest is >= `sha256` (`size` when none is). */
  lowerBound(sha256: string): Promise<number>;
  /** The digest (hex) of leaf `index`. */
  leafAt(index: number): Promise<string>;
  /** Audit path of leaf `index`. */
  pathOf(index: number): Promise<Buffer[]>;
}

async function leafPath(tree: SortedTree, index: number): Promise<LeafPath> {
  const [sha256, path] = await Promise.all([tree.leafAt(index), tree.pathOf(index)]);
  return { sha256, index, path: path.map((p) => p.toString("hex")) };
}

/** A proof that `sha256` is, or is not, a leaf of `tree`. */
export async function prove(tree: SortedTree, sha256: string): Promise<Proof> {
  const at = await tree.lowerBound(sha256);
  const head = {
    format: PROOF_FORMAT,
    algorithm: PROOF_ALGORITHM,
    root: tree.root,
    treeSize: tree.size,
  } as const;
  if (at < tree.size && (await tree.leafAt(at)) === sha256) {
    const leaf = await leafPath(tree, at);
    return { ...head, type: "inclusion", ...leaf } satisfies InclusionProof;
  }
  const below = at > 0 ? await leafPath(tree, at - 1) : null;
  const above = at < tree.size ? await leafPath(tree, at) : null;
  return {
    ...head,
    type: "exclusion",
    sha256,
    below,
    above: above && shareWith(below, above),
  } satisfies ExclusionProof;
}

/** Drop from `above.path` the tail it has in common with `below.path` (see ExclusionProof). */
function shareWith(below: LeafPath | null, above: LeafPath): LeafPath & { shared?: number } {
  if (!below) return above;
  let shared = 0;
  const a = above.path;
  const b = below.path;
  while (
    shared < a.length &&
    shared < b.length &&
    a[a.length - 1 - shared] === b[b.length - 1 - shared]
  )
    shared++;
  return shared === 0 ? above : { ...above, path: a.slice(0, a.length - shared), shared };
}

/** A tree held whole in memory: for small sets and for tests. */
export class MemoryTree implements SortedTree {
  private readonly sorted: string[];
  private readonly levels;
  readonly root: string;

  constructor(digests: Iterable<string>) {
    this.sorted = [...new Set(digests)].sort();
    this.levels = levelsOf(this.sorted.map(leafOfSha256));
    this.root = rootOfLevels(this.levels).toString("hex");
  }

  get size(): number {
    return this.sorted.length;
  }

  async lowerBound(sha256: string): Promise<number> {
    return lowerBound(this.sorted, sha256);
  }

  async leafAt(index: number): Promise<string> {
    return this.sorted[index]!;
  }

  async pathOf(index: number): Promise<Buffer[]> {
    return auditPath(this.levels, index);
  }
}

/** First index in sorted `items` whose value is >= `key`. */
export function lowerBound(items: readonly string[], key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
