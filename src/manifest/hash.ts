/**
 * Content identity of a file: SHA-256 (what the Merkle tree is built on), the
 * git blob id (what git, GitHub and datasets such as The Stack call the file)
 * and the SWHID (Software Heritage's name for the same blob, so a manifest row
 * can be resolved in the archive). One pass over the bytes feeds all three.
 */
import * as crypto from "node:crypto";

export interface ContentHashes {
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
  /** Git blob id: SHA-1 of `"blob " + size + "\0" + content`, lower-case hex. */
  blobId: string;
  /** `swh:1:cnt:` + the git blob id (SWHID v1 content identifiers are git blob ids). */
  swhid: string;
  size: number;
}

export const swhidOf = (blobId: string): string => `swh:1:cnt:${blobId}`;

/**
 * Incremental hashing of content whose size is known before it is read: git's
 * blob header carries the size, so a file is stat'ed first and streamed after.
 */
export class ContentHasher {
  private readonly sha256 = crypto.createHash("sha256");
  private readonly sha1: crypto.Hash;
  private seen = 0;

  constructor(readonly expectedSize: number) {
    this.sha1 = crypto.createHash("sha1").update(`blob ${expectedSize}\0`);
  }

  update(chunk: Uint8Array): void {
    this.sha256.update(chunk);
    this.sha1.update(chunk);
    this.seen += chunk.length;
  }

  /** Bytes hashed so far. */
  get bytesSeen(): number {
    return this.seen;
  }

  /**
   * @throws Error when fewer or more bytes than announced were hashed (the
   *   blob id would be wrong): the caller turns it into an error row.
   */
  digest(): ContentHashes {
    if (this.seen !== this.expectedSize) throw new Error(sizeChanged(this.expectedSize, this.seen));
    const blobId = this.sha1.digest("hex");
    return { sha256: this.sha256.digest("hex"), blobId, swhid: swhidOf(blobId), size: this.seen };
  }
}

/**
 * Node's one-shot digest (20.12+; undefined before): no Hash object per call,
 * a third cheaper on small files and several times on 65-byte tree nodes.
 */
export const oneShot = (
  crypto as {
    hash?: (algorithm: string, data: Uint8Array, encoding: "hex" | "binary") => string;
  }
).hash;

/** Why content whose size was announced cannot be hashed as announced. */
export const sizeChanged = (expected: number, seen: number): string =>
  `size changed while reading: expected ${expected} bytes, read ${seen}`;

/** Larger content streams through the hashers instead of being copied behind a header. */
const ONE_SHOT_MAX = 1 << 20;
/** Reused for git's blob header + content, so hashing a small file allocates nothing. */
let blobScratch = Buffer.allocUnsafe(1 << 16);

/** Hash content held whole in memory (a dataset row, a file read at once). */
export function hashBytes(bytes: Uint8Array): ContentHashes {
  if (!oneShot || bytes.length > ONE_SHOT_MAX) {
    const hasher = new ContentHasher(bytes.length);
    hasher.update(bytes);
    return hasher.digest();
  }
  const header = `blob ${bytes.length}\0`;
  if (blobScratch.length < header.length + bytes.length)
    blobScratch = Buffer.allocUnsafe(header.length + bytes.length);
  const at = blobScratch.write(header, 0, "latin1");
  blobScratch.set(bytes, at);
  const blobId = oneShot("sha1", blobScratch.subarray(0, at + bytes.length), "hex");
  return {
    sha256: oneShot("sha256", bytes, "hex"),
    blobId,
    swhid: swhidOf(blobId),
    size: bytes.length,
  };
}

const HEX64 = /^[0-9a-f]{64}$/;
/** True for a lower-case hex SHA-256 digest. */
export const isSha256Hex = (value: string): boolean => HEX64.test(value);
