/**
 * zip archives through yauzl, which reads the central directory and inflates
 * one member at a time; nothing is extracted. Sizes come from the central
 * directory, so bombs are refused before a byte is inflated, and yauzl checks
 * that each member inflates to exactly its declared size.
 */
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { archiveRecord, symlinkRefusal } from "./archive-member.ts";
import { archiveTooLarge, Code, entryTooLarge, Refusal } from "./codes.ts";
import { memberPath } from "./member-path.ts";
import {
  type FilesOptions,
  type Limits,
  limitsOf,
  RATIO_FLOOR,
  type SourceOptions,
} from "./options.ts";
import { checkAbort, Sequence } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

/** A symlink member holds its target path; anything longer than PATH_MAX is not one. */
const MAX_LINK_BYTES = 4096;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export function zipSource(input: string, options: SourceOptions = {}): Source {
  const limits = limitsOf(options);
  return {
    description: `zip archive ${input}`,
    files: (opts) => readZip(input, limits, opts),
  };
}

async function* readZip(
  input: string,
  limits: Limits,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  const seq = new Sequence(skip);
  // An error that ends the archive: one record, numbered as the next member would be.
  const ending = (message: string): SourceFile | undefined => {
    const at = seq.take();
    if (!at.wanted) return undefined;
    return { ...archiveRecord(input, "", "", at.ordinal), error: { code: Code.corrupt, message } };
  };
  let zip: ZipFile;
  try {
    // decodeStrings off: yauzl would fail the whole archive on one '../' name;
    // we decode names ourselves and refuse only that member.
    zip = await yauzl.openPromise(input, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (e) {
    const last = ending(`cannot read ${input} as a zip archive: ${(e as Error).message}`);
    if (last) yield last;
    return;
  }
  let total = 0;
  try {
    const entries = zip.eachEntry();
    for (;;) {
      checkAbort(signal);
      let entry: Entry;
      try {
        const next = await entries.next();
        if (next.done) return;
        entry = next.value;
      } catch (e) {
        const last = ending(
          `${input}: bad central directory (${(e as Error).message}); the rest is not read`,
        );
        if (last) yield last;
        return;
      }
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      if (name.endsWith("/")) continue;
      const { ordinal, wanted } = seq.take();
      const checked = memberPath(name);
      const base = {
        ...archiveRecord(input, checked.ok ? checked.path : name, name, ordinal),
        size: entry.uncompressedSize,
      };
      try {
        if (!checked.ok) throw new Refusal(checked.code, `${input}: ${checked.message}`);
        const size = entry.uncompressedSize;
        if (entry.isEncrypted())
          throw new Refusal(Code.encrypted, `encrypted member; decrypt the archive first`);
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
          throw new Refusal(
            Code.unsupported,
            `compression method ${entry.compressionMethod} is not read (only store and deflate); re-create the archive with deflate`,
          );
        if (size > RATIO_FLOOR && size > limits.maxRatio * entry.compressedSize)
          throw new Refusal(
            Code.decompressionBomb,
            `${size} bytes from ${entry.compressedSize} compressed (over ${limits.maxRatio} times); refused as a likely zip bomb (raise maxRatio if you trust it)`,
          );
        if (size > limits.maxEntryBytes) throw entryTooLarge(size, limits.maxEntryBytes);
        total += size;
        if (total > limits.maxTotalBytes) {
          if (wanted)
            yield { ...base, error: archiveTooLarge(input, limits.maxTotalBytes).toRecordError() };
          return;
        }
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (mode === S_IFLNK) {
          if (!wanted) continue;
          if (size > MAX_LINK_BYTES)
            throw new Refusal(Code.corrupt, `symlink member of ${size} bytes`);
          const link = (await inflate(zip, entry, signal)).toString("utf8");
          throw symlinkRefusal(input, checked.path, link);
        }
        if (wanted) yield { ...base, bytes: await inflate(zip, entry, signal) };
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        if (!wanted) continue;
        const error =
          e instanceof Refusal
            ? e.toRecordError()
            : {
                code: Code.corrupt,
                message: `${input}: cannot inflate ${name}: ${(e as Error).message}`,
              };
        yield { ...base, error };
      }
    }
  } finally {
    zip.close();
  }
}

async function inflate(
  zip: ZipFile,
  entry: Entry,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const out = Buffer.allocUnsafe(entry.uncompressedSize);
  let at = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      checkAbort(signal);
      // yauzl stops a member that inflates past its declared size; this keeps the copy in bounds meanwhile.
      if (at + chunk.length > out.length) throw new Error("member inflates past its declared size");
      chunk.copy(out, at);
      at += chunk.length;
    }
  } finally {
    stream.destroy();
  }
  if (at !== out.length)
    throw new Error(`member inflates to ${at} bytes, not the ${out.length} declared`);
  return out;
}
