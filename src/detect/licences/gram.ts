/** Word trigrams, hashed to 32 bits, for finding which templates a text may hold. */

export const GRAM = 3;
/** Id of a word that no template contains. */
export const UNKNOWN = 0xffff;

/**
 * Hash of the trigram of word ids starting at i, or -1 if it holds an unknown
 * word. 31 bits, so it fits an Int32Array beside the -1 sentinel.
 */
export function gramAt(ids: ArrayLike<number>, i: number): number {
  const a = ids[i]!;
  const b = ids[i + 1]!;
  const c = ids[i + 2]!;
  if (a === UNKNOWN || b === UNKNOWN || c === UNKNOWN) return -1;
  let h = Math.imul(a + 1, 0x9e3779b1);
  h = Math.imul(h ^ (b + 1), 0x85ebca77);
  h = Math.imul(h ^ (c + 1), 0xc2b2ae3d);
  return (h ^ (h >>> 15)) >>> 1;
}
