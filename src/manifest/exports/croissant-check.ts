/**
 * What the Croissant specification asks that a JSON Schema cannot state:
 * every `@id` is unique in the document, every reference (`containedIn`,
 * a field's `source`) names a resource that is there, and a field's id is
 * prefixed by its RecordSet's. Returns the broken rules; empty when none. Pure.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isObj);

export function checkCroissant(doc: unknown): string[] {
  if (!isObj(doc)) return ["(document): not a JSON object"];
  const errors: string[] = [];
  const ids = new Map<string, string>();
  const define = (e: Obj, kind: string) => {
    const id = e["@id"];
    if (typeof id !== "string") return;
    if (ids.has(id)) errors.push(`${id}: @id used twice`);
    ids.set(id, kind);
  };
  for (const d of list(doc.distribution)) define(d, String(d["@type"]));
  for (const r of list(doc.recordSet)) {
    define(r, "cr:RecordSet");
    for (const f of list(r.field)) {
      define(f, "cr:Field");
      if (typeof f["@id"] === "string" && !f["@id"].startsWith(`${String(r["@id"])}/`))
        errors.push(
          `${f["@id"]}: a field's @id starts with its RecordSet's (${String(r["@id"])}/)`,
        );
    }
  }
  const refersTo = (where: string, ref: unknown, kinds: string[]) => {
    for (const r of list(ref)) {
      const target = typeof r["@id"] === "string" ? ids.get(r["@id"]) : undefined;
      if (!target)
        errors.push(`${where}: refers to ${String(r["@id"])}, which is not in the document`);
      else if (!kinds.includes(target))
        errors.push(
          `${where}: refers to ${String(r["@id"])}, a ${target}, where a ${kinds.join(" or ")} is expected`,
        );
    }
  };
  for (const d of list(doc.distribution))
    refersTo(String(d["@id"]), d.containedIn, ["cr:FileObject", "cr:FileSet"]);
  for (const r of list(doc.recordSet))
    for (const f of list(r.field)) {
      const source = isObj(f.source) ? f.source : {};
      refersTo(String(f["@id"]), source.fileObject, ["cr:FileObject"]);
      refersTo(String(f["@id"]), source.fileSet, ["cr:FileSet"]);
    }
  return errors;
}
