/**
 * Seeded randomness. Canary campaigns need randomness nobody can predict
 * without the secret seed (HMAC-SHA256 in counter mode); splits and
 * tie-breaking need randomness anyone can replay from a recorded seed.
 */
import { createHash, createHmac } from "node:crypto";

export interface Random {
  /** A uniform 32-bit unsigned integer. */
  u32(): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [0, n), without modulo bias. */
  below(n: number): number;
}

function fromU32(next: () => number): Random {
  const r: Random = {
    u32: next,
    float: () => next() / 2 ** 32,
    below(n) {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`below(${n})`);
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const x = next();
        if (x < limit) return x % n;
      }
    },
  };
  return r;
}

/** HMAC-SHA256(key, label ‖ counter) as a stream of 32-bit words: unpredictable without the key. */
export function secretRandom(key: Uint8Array, label: string): Random {
  let counter = 0;
  let block = new Uint32Array(0);
  let at = 0;
  return fromU32(() => {
    if (at >= block.length) {
      const h = createHmac("sha256", key).update(`${label}\u0000${counter++}`).digest();
      block = new Uint32Array(h.buffer, h.byteOffset, 8);
      at = 0;
    }
    return block[at++]!;
  });
}

/** A fast replayable generator (sfc32) seeded from any string. */
export function seededRandom(seed: string): Random {
  const h = createHash("sha256").update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return fromU32(next);
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
