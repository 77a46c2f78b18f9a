/**
 * Splitting a byte stream into lines without ever holding more than `maxBytes`
 * of one: a line over the cap is counted and passed over, so one 5 GB row
 * cannot exhaust memory. (node:readline has no such cap.)
 */
export interface Line {
  /** 1-based line number in the file. */
  number: number;
  /** Length in bytes, without the newline. */
  length: number;
  /** The bytes, or null when the line is longer than the cap. */
  bytes: Buffer | null;
}

export async function* splitLines(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let number = 0;
  const line = (): Line => ({
    number: ++number,
    length,
    bytes: length > maxBytes ? null : Buffer.concat(parts, length),
  });
  for await (const c of chunks) {
    // A stream with an encoding set (stdin after setEncoding) gives strings.
    let chunk =
      typeof c === "string"
        ? Buffer.from(c, "utf8")
        : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    for (;;) {
      const nl = chunk.indexOf(0x0a);
      const end = nl === -1 ? chunk.length : nl;
      length += end;
      if (length <= maxBytes) parts.push(chunk.subarray(0, end));
      else parts = [];
      if (nl === -1) break;
      yield line();
      parts = [];
      length = 0;
      chunk = chunk.subarray(nl + 1);
    }
  }
  if (length > 0) yield line();
}
