/**
 * Reading an input file as a stream of chunks, through gunzip when it starts
 * with gzip's magic bytes, with the archive caps checked as bytes arrive: a
 * gzip bomb is stopped while it inflates, before anything holds its output.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { archiveTooLarge, Code, Refusal } from "./codes.ts";
import { type Limits, RATIO_FLOOR } from "./options.ts";

/** The first `n` bytes of a file (fewer if it is shorter). */
export async function head(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Chunks of `input`, decompressed when gzipped.
 * @throws Refusal when the caps are passed; the zlib or fs error when the bytes are bad or unreadable.
 */
export async function* inputChunks(
  input: string,
  limits: Limits,
  signal: AbortSignal | undefined,
): AsyncGenerator<Buffer> {
  const gzip = isGzip(await head(input, 2));
  const file = createReadStream(input, { signal });
  const stream: Readable = gzip ? pipeline(file, createGunzip(), () => {}) : file;
  let received = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limits.maxTotalBytes) throw archiveTooLarge(input, limits.maxTotalBytes);
      // bytesRead runs a little ahead of what gunzip consumed, so the ratio errs low.
      if (gzip && received > RATIO_FLOOR && received > limits.maxRatio * file.bytesRead)
        throw new Refusal(
          Code.decompressionBomb,
          `${input} inflates ${Math.round(received / file.bytesRead)} times (over ${limits.maxRatio}); refused as a likely gzip bomb (raise maxRatio if you trust it)`,
        );
      yield chunk;
    }
  } finally {
    stream.destroy();
    file.destroy();
  }
}

/** An error that ended a stream, as a record's error. */
export function streamError(e: unknown, input: string): { code: string; message: string } {
  if (e instanceof Refusal) return e.toRecordError();
  const error = e as NodeJS.ErrnoException;
  if (error.code === "Z_BUF_ERROR")
    return {
      code: Code.truncated,
      message: `${input}: the gzip stream ends early; the file is truncated (re-create or re-download it)`,
    };
  if (error.code?.startsWith("Z_"))
    return { code: Code.corrupt, message: `${input}: gzip data is corrupt (${error.message})` };
  return { code: Code.unreadable, message: `cannot read ${input}: ${error.message}` };
}
