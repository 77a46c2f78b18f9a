/**
 * The Merkle tree in the store: a `chunks` table with, for every CHUNK sorted
 * leaves, the first digest, the chunk's subtree root and the chunk's digests
 * (32 bytes each, one blob). That is all a proof needs: binary search the
 * chunk firsts (in memory), read one chunk (a point read), hash 2·CHUNK nodes,
 * and rebuild the upper nodes from the chunk roots once per process.
 *
 * Why not store every level: 2n nodes would more than double the tree's share
 * of the file, for a speed-up a lookup does not need (a chunk is rehashed in
 * a fraction of a millisecond). Why not recompute everything: hashing a
 * million leaves per lookup costs seconds.
 */
import type { DuckDBBlobValue, DuckDBPreparedStatement } from "@duckdb/node-api";
import { InputError } from "../errors.ts";
import { ChunkedTree, leafHash, levelsOf, rootOfLevels } from "./merkle.ts";
import { lowerBound, type SortedTree } from "./prove.ts";
import type { ManifestStore } from "./store.node.ts";

/**
 * Leaves per chunk. A proof rehashes one chunk (2·CHUNK hashes, about 0.15 ms
 * at 64); loading a manifest rehashes the chunk roots once (16k for a million
 * leaves, about 20 ms). 64 keeps both small.
 */
export const CHUNK = 64;

/**
 * Rebuild `chunks` from the `files` table and return the root and size.
 * Streams the sorted digests, so memory holds one chunk and the chunk roots.
 * (Asking DuckDB for each chunk's digests joined into one string is faster,
 * but its window and ordered aggregate ran out of DuckDB's 512 MB at a
 * million rows; the plain sorted stream spills to disk.)
 */
export async function buildTree(store: ManifestStore): Promise<{ root: string; size: number }> {
  const { db } = store;
  await db.run("DROP TABLE IF EXISTS chunks");
  await db.run(
    "CREATE TABLE chunks (chunk BIGINT, first_sha256 VARCHAR, root VARCHAR, leaves BLOB)",
  );
  const roots: Buffer[] = [];
  const appender = await db.createAppender("chunks");
  let digests: Buffer[] = [];
  let size = 0;
  const flush = () => {
    const root = rootOfLevels(levelsOf(digests.map(leafHash)));
    appender.appendBigInt(BigInt(roots.length));
    appender.appendVarchar(digests[0]!.toString("hex"));
    appender.appendVarchar(root.toString("hex"));
    appender.appendBlob(Buffer.concat(digests));
    appender.endRow();
    roots.push(root);
    digests = [];
  };
  const result = await db.stream(
    "SELECT DISTINCT sha256 FROM files WHERE sha256 IS NOT NULL ORDER BY sha256",
  );
  // A column of each DuckDB chunk at once: a third faster than row arrays.
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; ) {
    for (const sha of chunk.getColumnValues(0)) {
      digests.push(Buffer.from(sha as string, "hex"));
      size++;
      if (digests.length === CHUNK) flush();
    }
    chunk = await result.fetchChunk();
  }
  if (digests.length > 0) flush();
  appender.flushSync();
  appender.closeSync();
  // Without it, reading one chunk's blob scans the blob column (~10 ms at a million leaves).
  await db.run("CREATE INDEX chunks_chunk ON chunks (chunk)");
  return { root: new ChunkedTree(roots, CHUNK, size).root.toString("hex"), size };
}

/** Proof access to a finished manifest's tree (see prove.ts). */
export class StoredTree implements SortedTree {
  private readonly cache = new Map<number, { digests: string[]; leaves: Buffer[] }>();

  private constructor(
    private readonly tree: ChunkedTree,
    private readonly firsts: string[],
    private readonly range: DuckDBPreparedStatement,
    readonly root: string,
  ) {}

  /**
   * @throws InputError when the stored chunks do not lead to the recorded root
   *   (the file was changed after the scan finished)
   */
  static async load(store: ManifestStore, root: string, size: number): Promise<StoredTree> {
    const rows = await store.all<{ first_sha256: string; root: string }>(
      "SELECT first_sha256, root FROM chunks ORDER BY chunk",
    );
    const tree = new ChunkedTree(
      rows.map((r) => Buffer.from(r.root, "hex")),
      CHUNK,
      size,
    );
    if (tree.root.toString("hex") !== root)
      throw new InputError(
        `${store.path}: its Merkle chunks do not lead to its recorded root ${root}; the file was changed after the scan`,
        "Scan again with --force to rebuild it.",
      );
    const range = await store.db.prepare("SELECT leaves FROM chunks WHERE chunk = $1");
    return new StoredTree(
      tree,
      rows.map((r) => r.first_sha256),
      range,
      root,
    );
  }

  get size(): number {
    return this.tree.size;
  }

  private async chunk(c: number): Promise<{ digests: string[]; leaves: Buffer[] }> {
    const hit = this.cache.get(c);
    if (hit) return hit;
    this.range.bind([BigInt(c)]);
    const blob = (await this.range.runAndReadAll()).getRows()[0]?.[0] as
      | DuckDBBlobValue
      | undefined;
    const bytes = Buffer.from(blob?.bytes ?? []);
    const digests: string[] = [];
    const leaves: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 32) {
      const digest = bytes.subarray(at, at + 32);
      digests.push(digest.toString("hex"));
      leaves.push(leafHash(digest));
    }
    const loaded = { digests, leaves };
    // A lookup touches few chunks; a small cache keeps neighbours for exclusion proofs.
    if (this.cache.size >= 64) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(c, loaded);
    return loaded;
  }

  async lowerBound(sha256: string): Promise<number> {
    // The chunk that could hold it: the last one whose first digest is <= sha256.
    const c = lowerBound(this.firsts, sha256);
    if (c < this.firsts.length && this.firsts[c] === sha256) return c * CHUNK;
    if (c === 0) return 0;
    const { digests } = await this.chunk(c - 1);
    return (c - 1) * CHUNK + lowerBound(digests, sha256);
  }

  async leafAt(index: number): Promise<string> {
    return (await this.chunk(Math.floor(index / CHUNK))).digests[index % CHUNK]!;
  }

  async pathOf(index: number): Promise<Buffer[]> {
    const { leaves } = await this.chunk(Math.floor(index / CHUNK));
    return this.tree.pathOf(index, leaves);
  }

  close(): void {
    this.range.destroySync();
  }
}
