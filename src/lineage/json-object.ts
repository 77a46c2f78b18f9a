/**
 * Parsed JSON or YAML as the lineage readers walk it. A document comes from
 * anyone, so any field may be absent or of another type: a reader looks into
 * a value only once `isObj` says it is an object.
 */
export type Obj = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);
