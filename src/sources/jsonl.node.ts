/**
 * JSONL / NDJSON datasets, plain or gzipped: one JSON object a line, read as a
 * stream. A bad line becomes an error record with its line number and the
 * reading goes on; a line over the size cap is passed over without being held.
 */
import { Code } from "./codes.ts";
import { rowContext, rowRecord, rowToFile } from "./dataset-row.ts";
import { inputChunks, streamError } from "./input-stream.node.ts";
import { splitLines } from "./lines.ts";
import { type FilesOptions, limitsOf, type SourceOptions } from "./options.ts";
import { checkAbort, Sequence } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

/** Room for a row's other columns beside its content, within the line cap. */
const META_SLACK = 1024 ** 2;

export function jsonlSource(input: string, options: SourceOptions = {}): Source {
  return {
    description: `JSONL dataset ${input}`,
    files: (opts) => readJsonl(input, options, opts),
  };
}

async function* readJsonl(
  input: string,
  options: SourceOptions,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  const limits = limitsOf(options);
  const ctx = rowContext(input, options);
  const seq = new Sequence(skip);
  const lines = splitLines(inputChunks(input, limits, signal), limits.maxEntryBytes + META_SLACK);
  try {
    for await (const line of lines) {
      checkAbort(signal);
      // Blank lines (a trailing newline, CRLF leftovers) are not rows.
      if (line.bytes?.every((b) => b === 0x20 || b === 0x0d || b === 0x09)) continue;
      const { ordinal, wanted } = seq.take();
      if (!wanted) continue;
      if (line.bytes === null) {
        yield {
          ...rowRecord(input, ordinal),
          size: line.length,
          error: {
            code: Code.entryTooLarge,
            message: `line ${line.number} is ${line.length} bytes, over the limit per row (maxEntryBytes + 1 MiB); passed over`,
          },
        };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line.bytes.toString("utf8"));
      } catch (e) {
        yield {
          ...rowRecord(input, ordinal),
          error: {
            code: Code.malformedRow,
            message: `line ${line.number} is not valid JSON (${(e as Error).message})`,
          },
        };
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        yield {
          ...rowRecord(input, ordinal),
          error: {
            code: Code.malformedRow,
            message: `line ${line.number} is not a JSON object; each line must be one row`,
          },
        };
        continue;
      }
      yield rowToFile(value as Record<string, unknown>, ordinal, ctx);
    }
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    const at = seq.take();
    if (at.wanted) yield { ...rowRecord(input, at.ordinal), error: streamError(e, input) };
  } finally {
    await lines.return(undefined);
  }
}
