/**
 * tar and tar.gz archives, read as a stream from disk and never extracted.
 * Records come in stored order; directories are passed over; links, devices
 * and refused members become error records. A truncated or corrupt archive
 * ends with one error record that says so.
 */
import { archiveRecord, symlinkRefusal } from "./archive-member.ts";
import { ByteReader } from "./byte-reader.ts";
import { Code, entryTooLarge, Refusal } from "./codes.ts";
import { memberPath } from "./member-path.ts";
import { inputChunks, streamError } from "./input-stream.node.ts";
import { type FilesOptions, type Limits, limitsOf, type SourceOptions } from "./options.ts";
import { BLOCK, padding, parseHeader, parsePax } from "./tar-header.ts";
import { checkAbort, Sequence } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

/** Long names and pax headers are small; a huge one is an attack on memory. */
const MAX_META_BYTES = 1024 ** 2;

export function tarSource(input: string, options: SourceOptions = {}): Source {
  const limits = limitsOf(options);
  return {
    description: `tar archive ${input}`,
    files: (opts) => readTarFile(input, limits, opts),
  };
}

async function* readTarFile(
  input: string,
  limits: Limits,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  const reader = new ByteReader(inputChunks(input, limits, signal));
  try {
    yield* readTar(reader, input, limits, new Sequence(skip), signal);
  } finally {
    await reader.close();
  }
}

/** Overrides for the next member, from pax 'x' headers and GNU 'L'/'K' members. */
interface Pending {
  path?: string;
  linkpath?: string;
  size?: number;
}

async function* readTar(
  reader: ByteReader,
  input: string,
  limits: Limits,
  seq: Sequence,
  signal: AbortSignal | undefined,
): AsyncGenerator<SourceFile> {
  let pending: Pending = {};
  let current: { ordinal: number; wanted: boolean; path: string; name: string } | undefined;
  try {
    for (;;) {
      checkAbort(signal);
      current = undefined;
      const block = await reader.read(BLOCK);
      if (block.length < BLOCK) {
        throw new Refusal(
          Code.truncated,
          `${input} ends ${block.length === 0 ? "without its end-of-archive marker" : "inside a header"}; the archive is truncated (re-create or re-download it)`,
        );
      }
      const parsed = parseHeader(block);
      if (parsed.kind === "end") return;
      if (parsed.kind === "corrupt")
        throw new Refusal(
          Code.corrupt,
          `${input}: ${parsed.message} at byte ${reader.received}; this is not a valid tar archive from here on`,
        );
      const h = parsed.header;
      const size = pending.size ?? h.size;
      const name = pending.path ?? h.name;
      const link = pending.linkpath ?? h.linkname;

      if (h.type === "L" || h.type === "K" || h.type === "x") {
        if (size > MAX_META_BYTES)
          throw new Refusal(Code.corrupt, `${input}: a ${size}-byte name or pax header; refused`);
        const data = await readExactly(reader, size + padding(size), input);
        const meta = data.subarray(0, size);
        if (h.type === "x") {
          const pax = parsePax(meta);
          if (!pax) throw new Refusal(Code.corrupt, `${input}: malformed pax extended header`);
          const paxSize = pax.get("size");
          pending = {
            ...pending,
            ...(pax.has("path") ? { path: pax.get("path")! } : {}),
            ...(pax.has("linkpath") ? { linkpath: pax.get("linkpath")! } : {}),
            ...(paxSize !== undefined ? { size: Number(paxSize) } : {}),
          };
          if (pending.size !== undefined && !Number.isSafeInteger(pending.size))
            throw new Refusal(Code.corrupt, `${input}: pax size ${paxSize} is not a byte count`);
        } else {
          const text = meta.toString("utf8").replace(/\0+$/, "");
          pending = h.type === "L" ? { ...pending, path: text } : { ...pending, linkpath: text };
        }
        continue;
      }
      pending = {};
      // Directories (GNU incremental ones, and pre-POSIX ones named with a trailing '/'),
      // pax globals and volume labels carry no file.
      const directory = h.type === "5" || h.type === "D" || (h.type === "0" && name.endsWith("/"));
      if (directory || h.type === "g" || h.type === "V") {
        await skipExactly(reader, size + padding(size), input);
        continue;
      }

      const checked = memberPath(name);
      current = { ...seq.take(), path: checked.ok ? checked.path : name, name };
      const { ordinal, wanted } = current;
      let refusal: Refusal | undefined;
      if (!checked.ok) refusal = new Refusal(checked.code, `${input}: ${checked.message}`);
      else if (h.type === "2") refusal = symlinkRefusal(input, checked.path, link);
      else if (h.type === "1") {
        const target = memberPath(link);
        refusal = target.ok
          ? new Refusal(Code.hardlink, `hard link to ${target.path}; same content as that member`)
          : new Refusal(
              Code.linkOutsideRoot,
              `${input}: hard link ${checked.path} -> ${link} names a path outside the archive; refused`,
            );
      } else if (h.type === "3" || h.type === "4" || h.type === "6")
        refusal = new Refusal(Code.notAFile, `device or FIFO member; nothing to read`);
      else if (h.type !== "0" && h.type !== "7")
        refusal = new Refusal(
          Code.unsupported,
          `tar member type '${h.type}' (e.g. GNU sparse files) is not read; re-create the archive without it`,
        );
      else if (size > limits.maxEntryBytes) refusal = entryTooLarge(size, limits.maxEntryBytes);

      const record = archiveRecord(input, current.path, name, ordinal);
      if (refusal || !wanted) {
        await skipExactly(reader, size + padding(size), input, name);
        if (refusal && wanted) yield { ...record, size, error: refusal.toRecordError() };
        continue;
      }
      const bytes = await readExactly(reader, size, input, name);
      await skipExactly(reader, padding(size), input, name);
      yield { ...record, size, bytes };
    }
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    const { code, message } = streamError(e, input);
    const at = current ?? { ...seq.take(), path: "", name: "" };
    if (at.wanted)
      yield { ...archiveRecord(input, at.path, at.name, at.ordinal), error: { code, message } };
  }
}

async function readExactly(
  reader: ByteReader,
  n: number,
  input: string,
  name?: string,
): Promise<Buffer> {
  const data = await reader.read(n);
  if (data.length < n) throw truncated(input, name);
  return data;
}

async function skipExactly(
  reader: ByteReader,
  n: number,
  input: string,
  name?: string,
): Promise<void> {
  if ((await reader.skip(n)) < n) throw truncated(input, name);
}

function truncated(input: string, name?: string): Refusal {
  return new Refusal(
    Code.truncated,
    `${input} ends inside ${name ? `member ${name}` : "a header"}; the archive is truncated (re-create or re-download it)`,
  );
}
