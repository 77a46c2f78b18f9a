/**
 * Parquet datasets through DuckDB, read in DuckDB's chunks (2048 rows) and
 * converted one value at a time, so a file never has to fit in memory.
 * Resuming filters on DuckDB's `file_row_number`, which skips whole row groups
 * unread, and every row is one record, so the ordinal is the row number.
 */
import {
  DuckDBBlobValue,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  JsonDuckDBValueConverter,
} from "@duckdb/node-api";
import { Code } from "./codes.ts";
import { rowContext, rowRecord, rowToFile } from "./dataset-row.ts";
import type { FilesOptions, SourceOptions } from "./options.ts";
import { checkAbort } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

const ROW_NUMBER = "file_row_number";

export function parquetSource(input: string, options: SourceOptions = {}): Source {
  return {
    description: `Parquet dataset ${input}`,
    files: (opts) => readParquet(input, options, opts),
  };
}

async function* readParquet(
  input: string,
  options: SourceOptions,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  const ctx = rowContext(input, options);
  let row = skip;
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    // Never fetch extensions at run time: Parquet support is built in.
    instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    connection = await instance.connect();
    const result = await connection.stream(
      `SELECT * FROM read_parquet($1, ${ROW_NUMBER} = true) WHERE ${ROW_NUMBER} >= $2`,
      [input, skip],
    );
    const names = result.columnNames();
    for (;;) {
      checkAbort(signal);
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      const vectors = names.map((_, i) => chunk.getColumnVector(i));
      for (let r = 0; r < chunk.rowCount; r++) {
        checkAbort(signal);
        const values: Record<string, unknown> = {};
        names.forEach((name, i) => {
          values[name] = plain(vectors[i]!.getItem(r), vectors[i]!.type);
        });
        row = Number(values[ROW_NUMBER]);
        delete values[ROW_NUMBER];
        yield rowToFile(values, row, ctx);
        row++;
      }
    }
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    yield {
      ...rowRecord(input, row),
      error: {
        code: Code.corrupt,
        message: `cannot read ${input} as Parquet: ${(e as Error).message}`,
      },
    };
  } finally {
    connection?.closeSync();
    instance?.closeSync();
  }
}

/** Text stays text and BLOBs become bytes (either may be the content); the rest becomes plain JSON for `meta`. */
function plain(v: DuckDBValue, type: DuckDBType): unknown {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    return v;
  if (v instanceof DuckDBBlobValue) return v.bytes;
  // Counts (stars, sizes) come as BIGINT or HUGEINT; keep them numbers while exact.
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  return JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter);
}
