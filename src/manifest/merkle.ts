/**
 * The manifest's Merkle tree: one number (the root) that commits to the exact
 * set of contents in a training corpus, and short proofs that a given content
 * is, or is not, in it.
 *
 * Definition (RFC 6962 / RFC 9162 §2.1 Merkle Tree Hash, SHA-256):
 * - The leaves are the corpus's distinct SHA-256 content digests, sorted
 *   ascending as bytes (the same order as their lower-case hex). Sorting and
 *   de-duplicating make the root independent of the order files were read in,
 *   of the number of workers, and of how often a content occurs.
 * - leaf hash  = SHA-256(0x00 || digest)          (32-byte digest, not hex)
 * - node hash  = SHA-256(0x01 || left || right)
 * - The tree of n > 1 leaves is node(MTH(first k), MTH(rest)) with k the largest
 *   power of two below n. Built level by level this is the same as: pair nodes
 *   left to right, and promote a last unpaired node unchanged to the level above.
 * - The root of the empty tree is SHA-256 of the empty string.
 *
 * The 0x00/0x01 prefixes keep a leaf from passing for an inner node (second
 * pre-image attacks). An inclusion proof is RFC 9162's audit path: the leaf
 * index, the tree size and the sibling hashes from the leaf up, with promoted
 * levels contributing no sibling. An exclusion proof for a digest is the
 * inclusion proofs of its two neighbours in sorted order: adjacent indices,
 * one below it and one above it, leave no room for it in between.
 */
import * as crypto from "node:crypto";
import { oneShot } from "./hash.ts";

/**
 * One-shot hashing where Node has it (hash.ts): about 3x faster than
 * createHash for 65-byte messages, and a proof or a tree build is nothing but
 * such messages. The message is assembled in a scratch buffer, copied out by
 * the hash before the next call.
 */
const scratch = Buffer.allocUnsafe(65);
// Node 20 hands out a one-shot digest as a "binary" (Latin-1) string and copies it into a
// Buffer twice as fast as it returns a Buffer itself (0.5 against 1 µs).
const sha256 = (length: number): Buffer =>
  oneShot
    ? Buffer.from(oneShot("sha256", scratch.subarray(0, length), "binary"), "latin1")
    : crypto.createHash("sha256").update(scratch.subarray(0, length)).digest();

export const EMPTY_ROOT: Buffer = crypto.createHash("sha256").digest();

/** SHA-256(0x00 || digest), for a 32-byte digest. */
export function leafHash(digest: Uint8Array): Buffer {
  if (digest.length !== 32)
    return crypto
      .createHash("sha256")
      .update(Buffer.from([0]))
      .update(digest)
      .digest();
  scratch[0] = 0;
  scratch.set(digest, 1);
  return sha256(33);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32)
    return crypto
      .createHash("sha256")
      .update(Buffer.from([1]))
      .update(left)
      .update(right)
      .digest();
  scratch[0] = 1;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return sha256(65);
}

/** The leaf hash of a content's hex SHA-256. */
export const leafOfSha256 = (sha256Hex: string): Buffer => leafHash(Buffer.from(sha256Hex, "hex"));

/**
 * Every level of the tree over `nodes` (level 0 is `nodes` themselves; the last
 * level holds one node, the root). `nodes` may be leaf hashes, or the roots of
 * equal-sized subtrees (how the store builds a large tree from chunks).
 */
export function levelsOf(nodes: readonly Buffer[]): Buffer[][] {
  const levels: Buffer[][] = [nodes.slice()];
  let level = levels[0]!;
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) up.push(level[level.length - 1]!);
    levels.push(up);
    level = up;
  }
  return levels;
}

export function rootOfLevels(levels: readonly Buffer[][]): Buffer {
  const top = levels[levels.length - 1]!;
  return top.length === 0 ? EMPTY_ROOT : top[0]!;
}

/** Sibling hashes from node `index` of level 0 up to the root. */
export function auditPath(levels: readonly Buffer[][], index: number): Buffer[] {
  const path: Buffer[] = [];
  let i = index;
  for (let l = 0; l < levels.length - 1; l++) {
    const sibling = levels[l]![i ^ 1];
    if (sibling) path.push(sibling);
    i >>= 1;
  }
  return path;
}

/**
 * The root a leaf and its audit path lead to (RFC 9162 §2.1.3.2), or null when
 * the path cannot belong to a tree of that size at that index.
 */
export function rootFromPath(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return null;
  // Plain numbers, not bitwise operators: trees may outgrow 2^31 leaves.
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // A left child with no right sibling was promoted: climb to where it is a right child.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromPath(leaf, index, size, path);
  return computed?.equals(root) === true;
}

/**
 * The root of a tree streamed one leaf at a time, in O(log n) memory: a stack
 * of perfect subtrees, merged as equal sizes meet, folded right to left at the
 * end (which is RFC 6962's split at the largest power of two).
 */
export class RootAccumulator {
  private readonly stack: { size: number; hash: Buffer }[] = [];
  private count = 0;

  push(leaf: Buffer): void {
    let node = { size: 1, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}

/**
 * A large tree held as the roots of fixed-size chunks of leaves (a power of
 * two), so a proof needs only one chunk's leaves and the chunk roots, never
 * the whole tree. Because chunk boundaries fall on perfect subtrees, the
 * path is the chunk's own path followed by the chunk root's path among the
 * chunk roots: the same path `auditPath` gives on the whole tree.
 */
export class ChunkedTree {
  private readonly upper: Buffer[][];

  /**
   * @param chunkRoots root of each chunk, in order; all chunks are full but the last
   * @param chunkSize leaves per chunk, a power of two
   * @param size number of leaves
   */
  constructor(
    chunkRoots: readonly Buffer[],
    readonly chunkSize: number,
    readonly size: number,
  ) {
    this.upper = levelsOf(chunkRoots);
  }

  get root(): Buffer {
    return rootOfLevels(this.upper);
  }

  /** Audit path of leaf `index`, given the leaf hashes of the chunk holding it. */
  pathOf(index: number, chunkLeaves: readonly Buffer[]): Buffer[] {
    const chunk = Math.floor(index / this.chunkSize);
    const local = index - chunk * this.chunkSize;
    return [...auditPath(levelsOf(chunkLeaves), local), ...auditPath(this.upper, chunk)];
  }
}
