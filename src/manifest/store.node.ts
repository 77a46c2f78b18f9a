/**
 * The manifest on disk: an embedded DuckDB file with a `files` table (one row
 * per file, see record.ts), a `scan` table (what command made it and how far
 * it got) and, once finished, the Merkle tree's `chunks` (tree.node.ts).
 *
 * Rows are written in batches, one transaction each, in the order sources
 * number them, so what is committed for each input is always a prefix: after
 * a crash (even kill -9; DuckDB's write-ahead log replays committed
 * transactions) a scan resumes by counting committed rows per input.
 */
import { existsSync } from "node:fs";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { InputError } from "../errors.ts";
import { COLUMNS, type ManifestRow } from "./record.ts";

/** Bumped when the tables change in a way older readers would misread. */
export const STORE_FORMAT = 1;

export type ScanState = "scanning" | "done";

/** The `scan` table's one row: what made this manifest and where it stands. */
export interface ScanMeta {
  format: number;
  toolVersion: string;
  /** The INPUT arguments, resolved to absolute paths. */
  inputs: string[];
  /** Options that change the rows (not the worker count, which never does). */
  options: Record<string, unknown>;
  state: ScanState;
  merkleRoot: string | null;
  treeSize: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB's memory cap (its buffer pool spills to disk past it), e.g. "512MB". */
  memoryLimit?: string;
}

const DEFAULT_MEMORY_LIMIT = "512MB";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS files (${COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(", ")});
CREATE TABLE IF NOT EXISTS scan (
  format INTEGER, tool_version VARCHAR, inputs VARCHAR, options VARCHAR, state VARCHAR,
  merkle_root VARCHAR, tree_size BIGINT, started_at VARCHAR, finished_at VARCHAR
);`;

function describeOpenError(path: string, e: unknown): InputError {
  const message = (e as Error).message ?? String(e);
  if (/lock/i.test(message))
    return new InputError(
      `${path} is in use by another process`,
      "Wait for the other tgpl command that uses it to finish (a new scan can also go to another --out).",
      { cause: e },
    );
  return new InputError(
    `${path} is not a manifest tgpl can open (${message.split("\n")[0]})`,
    "Pass a .duckdb file written by 'tgpl scan', or choose another --out for a new scan.",
    { cause: e },
  );
}

export class ManifestStore {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly db: DuckDBConnection,
    readonly readOnly: boolean,
  ) {}

  /**
   * Open (or, unless read-only, create) a manifest.
   * @throws InputError when the file is missing (read-only), locked, or not a DuckDB file
   */
  static async open(path: string, options: OpenOptions = {}): Promise<ManifestStore> {
    const readOnly = options.readOnly ?? false;
    if (readOnly && !existsSync(path))
      throw new InputError(
        `manifest ${path} does not exist`,
        "Make one with 'tgpl scan INPUT --out FILE'.",
      );
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, {
        access_mode: readOnly ? "READ_ONLY" : "READ_WRITE",
        memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      });
    } catch (e) {
      throw describeOpenError(path, e);
    }
    const db = await instance.connect();
    const store = new ManifestStore(path, instance, db, readOnly);
    if (!readOnly) {
      for (const statement of SCHEMA.split(";").filter((s) => s.trim())) await db.run(statement);
    } else {
      const tables = await store.all<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('files', 'scan')",
      );
      if (tables.length < 2) {
        store.close();
        throw new InputError(
          `${path} is a DuckDB file but not a tgpl manifest (no files/scan tables)`,
          "Pass a .duckdb file written by 'tgpl scan'.",
        );
      }
    }
    return store;
  }

  /** Rows of a query as plain objects; BIGINTs become numbers (counts and sizes fit). */
  async all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const reader = await this.db.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) out[k] = typeof v === "bigint" ? Number(v) : v;
      return out as T;
    });
  }

  async readMeta(): Promise<ScanMeta | null> {
    const [row] = await this.all<Record<string, string | number | null>>(
      "SELECT * FROM scan LIMIT 1",
    );
    if (!row) return null;
    return {
      format: Number(row.format),
      toolVersion: String(row.tool_version),
      inputs: JSON.parse(String(row.inputs)) as string[],
      options: JSON.parse(String(row.options)) as Record<string, unknown>,
      state: row.state as ScanState,
      merkleRoot: (row.merkle_root as string | null) ?? null,
      treeSize: row.tree_size === null ? null : Number(row.tree_size),
      startedAt: String(row.started_at),
      finishedAt: (row.finished_at as string | null) ?? null,
    };
  }

  async writeMeta(meta: ScanMeta): Promise<void> {
    await this.db.run("BEGIN");
    await this.db.run("DELETE FROM scan");
    await this.db.run("INSERT INTO scan VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", [
      meta.format,
      meta.toolVersion,
      JSON.stringify(meta.inputs),
      JSON.stringify(meta.options),
      meta.state,
      meta.merkleRoot,
      meta.treeSize,
      meta.startedAt,
      meta.finishedAt,
    ]);
    await this.db.run("COMMIT");
  }

  /**
   * Records of each input already dealt with: one past the last committed
   * ordinal. A resumed scan asks each source to skip that many. (Not a row
   * count: the scan leaves out the manifest's own files when it lies inside
   * an input, so ordinals may have gaps.)
   */
  async committedCounts(): Promise<Map<number, number>> {
    const rows = await this.all<{ input: number; last: number }>(
      "SELECT input, max(ordinal) AS last FROM files GROUP BY input",
    );
    return new Map(rows.map(({ input, last }) => [input, last + 1]));
  }

  /** Append rows in one transaction: all of them are committed, or none. */
  async append(rows: readonly ManifestRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.run("BEGIN");
    try {
      const appender = await this.db.createAppender("files");
      for (const row of rows) {
        for (const [name, type] of COLUMNS) {
          const value = row[name];
          if (value === null || value === undefined) appender.appendNull();
          else if (type === "VARCHAR") appender.appendVarchar(value as string);
          else if (type === "BOOLEAN") appender.appendBoolean(value as boolean);
          else if (type === "INTEGER") appender.appendInteger(value as number);
          else appender.appendBigInt(BigInt(value as number));
        }
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
      await this.db.run("COMMIT");
    } catch (e) {
      await this.db.run("ROLLBACK").catch(() => {});
      throw e;
    }
  }

  /** Drop every table: `--force` starts over in the same file. */
  async reset(): Promise<void> {
    for (const table of ["files", "scan", "chunks"])
      await this.db.run(`DROP TABLE IF EXISTS ${table}`);
    for (const statement of SCHEMA.split(";").filter((s) => s.trim())) await this.db.run(statement);
    await this.db.run("CHECKPOINT");
  }

  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }
}
