/** Line arithmetic over a text: offsets to 1-based line numbers. */

/** Offsets at which each line of `text` starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * 0-based index of the line that holds `offset`, given the ascending offsets
 * at which lines start: the last start at or before it (0 when none is).
 */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = lineStarts(text);
  }
  /** 1-based line of a character offset. */
  lineOf(offset: number): number {
    return lineIndexOf(this.starts, offset) + 1;
  }
  get count(): number {
    return this.starts.length;
  }
}
