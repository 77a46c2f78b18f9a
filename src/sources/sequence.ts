/** Numbering and ordering shared by every source. */

/**
 * Hands out ordinals and says whether the next record falls inside the resume
 * prefix, so a source can pass over it without reading its content.
 */
export class Sequence {
  #next = 0;
  constructor(readonly skip = 0) {}
  /** The next ordinal, and whether its record is wanted (false inside the resume prefix). */
  take(): { ordinal: number; wanted: boolean } {
    const ordinal = this.#next++;
    return { ordinal, wanted: ordinal >= this.skip };
  }
}

/**
 * Byte order of UTF-8 paths (the same as code-point order), the order git keeps
 * its index in, so a directory and the same tree in git list their files alike.
 * Plain `<` compares UTF-16 units, which puts characters beyond U+FFFF
 * (surrogate pairs) before U+E000..U+FFFF.
 */
export function comparePaths(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Throws the signal's reason when aborted; sources call it between records. */
export function checkAbort(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
