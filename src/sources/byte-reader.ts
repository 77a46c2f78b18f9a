/**
 * Pull-style reading of exact byte counts from a chunked stream, for formats
 * whose framing is "header, then N bytes" (tar, `git cat-file --batch`).
 * Holds at most one chunk beyond what the caller asked for.
 */
const EMPTY = Buffer.alloc(0);

export class ByteReader {
  readonly #it: AsyncIterator<Uint8Array>;
  #chunk: Buffer = EMPTY;
  #ended = false;
  /** Bytes received from the stream so far. */
  received = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#it = source[Symbol.asyncIterator]();
  }

  /** Ends the underlying stream early (its `finally` closes files and processes). */
  async close(): Promise<void> {
    await this.#it.return?.();
  }

  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#it.next();
    if (next.done) {
      this.#ended = true;
      return false;
    }
    const v = next.value;
    this.#chunk = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    this.received += v.byteLength;
    return true;
  }

  /** Exactly `n` bytes in a buffer of their own, or fewer when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      if (this.#chunk.length === 0 && !(await this.#fill())) break;
      const take = Math.min(n - filled, this.#chunk.length);
      this.#chunk.copy(out, filled, 0, take);
      this.#chunk = this.#chunk.subarray(take);
      filled += take;
    }
    return filled === n ? out : out.subarray(0, filled);
  }

  /** Passes over `n` bytes without keeping them; returns how many there were. */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      if (this.#chunk.length === 0 && !(await this.#fill())) break;
      const take = Math.min(n - skipped, this.#chunk.length);
      this.#chunk = this.#chunk.subarray(take);
      skipped += take;
    }
    return skipped;
  }

  /** Bytes up to (not including) the next `delimiter` byte, as UTF-8, or null at the end of the stream. */
  async until(delimiter: number, max: number): Promise<string | null> {
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      if (this.#chunk.length === 0 && !(await this.#fill()))
        return length === 0 ? null : Buffer.concat(parts).toString("utf8");
      const at = this.#chunk.indexOf(delimiter);
      const end = at === -1 ? this.#chunk.length : at;
      parts.push(this.#chunk.subarray(0, end));
      length += end;
      this.#chunk = this.#chunk.subarray(at === -1 ? end : end + 1);
      if (length > max) throw new Error(`a field longer than ${max} bytes`);
      if (at !== -1) return Buffer.concat(parts).toString("utf8");
    }
  }
}
