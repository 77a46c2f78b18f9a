/**
 * Reading a finished manifest: rows by content hash, and proofs against its
 * Merkle root. What `tgpl lookup` and `tgpl export` stand on.
 */
import type { DuckDBPreparedStatement } from "@duckdb/node-api";
import { InputError } from "../errors.ts";
import type { Proof } from "./proof.ts";
import { prove } from "./prove.ts";
import type { ManifestRow } from "./record.ts";
import { ManifestStore, type ScanMeta, STORE_FORMAT } from "./store.node.ts";
import { StoredTree } from "./tree.node.ts";

/** Where a content occurs in the manifest (a row, less what the lookup already knows). */
export type Occurrence = Pick<
  ManifestRow,
  | "path"
  | "project"
  | "origin_kind"
  | "origin_input"
  | "repository"
  | "revision"
  | "member"
  | "row"
  | "licence"
  | "licence_source"
  | "licence_from"
>;

const OCCURRENCE_COLUMNS =
  'path, project, origin_kind, origin_input, repository, revision, member, "row", licence, licence_source, licence_from';

const MAX_FETCHED = 10_000;

export class ManifestReader {
  private statements?: { first: DuckDBPreparedStatement; count: DuckDBPreparedStatement };

  private constructor(
    readonly store: ManifestStore,
    readonly meta: ScanMeta & { merkleRoot: string; treeSize: number },
    private readonly tree: StoredTree,
  ) {}

  /**
   * @throws InputError when the file is missing, not a manifest, or a scan that has not finished
   */
  static async open(path: string): Promise<ManifestReader> {
    const store = await ManifestStore.open(path, { readOnly: true });
    try {
      const meta = await store.readMeta();
      if (!meta || meta.format !== STORE_FORMAT)
        throw new InputError(
          `${path} has no scan this version of tgpl can read`,
          "Make it again with 'tgpl scan INPUT --out FILE --force'.",
        );
      if (meta.state !== "done" || meta.merkleRoot === null || meta.treeSize === null)
        throw new InputError(
          `${path} holds a scan that has not finished`,
          `Run the same 'tgpl scan ${meta.inputs.join(" ")} --out ${path}' again: it resumes where it stopped.`,
        );
      const finished = { ...meta, merkleRoot: meta.merkleRoot, treeSize: meta.treeSize };
      return new ManifestReader(
        store,
        finished,
        await StoredTree.load(store, meta.merkleRoot, meta.treeSize),
      );
    } catch (e) {
      store.close();
      throw e;
    }
  }

  get root(): string {
    return this.meta.merkleRoot;
  }

  /**
   * Up to `limit` places a content occurs, in scan order, and how many there
   * are in all. The query is a plain index lookup: with ORDER BY and LIMIT,
   * DuckDB plans a scan of the whole table instead. Past MAX_FETCHED rows
   * (an empty file in a big corpus) the places shown are some of them, not
   * necessarily the first.
   */
  async occurrences(sha256: string, limit = 5): Promise<{ count: number; first: Occurrence[] }> {
    // Prepared once: planning a query costs more than the index lookup it runs.
    this.statements ??= {
      first: await this.store.db.prepare(
        `SELECT input, ordinal, ${OCCURRENCE_COLUMNS} FROM files WHERE sha256 = $1 LIMIT ${MAX_FETCHED}`,
      ),
      count: await this.store.db.prepare("SELECT count(*) AS n FROM files WHERE sha256 = $1"),
    };
    const { first: firstStatement, count: countStatement } = this.statements;
    firstStatement.bind([sha256]);
    const rows = (await firstStatement.runAndReadAll()).getRowObjectsJS();
    rows.sort((a, b) => Number(a.input) - Number(b.input) || Number(a.ordinal) - Number(b.ordinal));
    const first = rows.slice(0, limit).map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row))
        if (k !== "input" && k !== "ordinal") out[k] = typeof v === "bigint" ? Number(v) : v;
      return out as Occurrence;
    });
    if (rows.length < MAX_FETCHED) return { count: rows.length, first };
    countStatement.bind([sha256]);
    const n = (await countStatement.runAndReadAll()).getRows()[0]?.[0];
    return { count: Number(n ?? rows.length), first };
  }

  /** An inclusion proof when the content is in the manifest, else an exclusion proof. */
  prove(sha256: string): Promise<Proof> {
    return prove(this.tree, sha256);
  }

  close(): void {
    this.statements?.first.destroySync();
    this.statements?.count.destroySync();
    this.tree.close();
    this.store.close();
  }
}
