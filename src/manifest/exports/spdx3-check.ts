/**
 * The rules of SPDX 3.0.1 that its JSON Schema cannot state, for the
 * documents we write: an artifact has at most one `hasDeclaredLicense` and at
 * most one `hasConcludedLicense`, each to exactly one licence; every element
 * a relationship names is in the document (or is one of SPDX's named
 * individuals); ids are unique; and a `simplelicensing_customIdToUri` entry
 * leads to a licence that carries its text. Returns the broken rules, each
 * starting with the element it is about; an empty list means none. Pure.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** SPDX's named individuals that a relationship may point to without defining them. */
const INDIVIDUALS = new Set([
  "NoneElement",
  "NoAssertionElement",
  "SpdxOrganization",
  "expandedlicensing_NoneLicense",
  "expandedlicensing_NoAssertionLicense",
]);
const LICENCE_INDIVIDUALS = new Set([
  "expandedlicensing_NoneLicense",
  "expandedlicensing_NoAssertionLicense",
]);
const LICENCE_TYPES =
  /^(simplelicensing_LicenseExpression|expandedlicensing_(CustomLicense|ListedLicense|ConjunctiveLicenseSet|DisjunctiveLicenseSet|OrLaterOperator|WithAdditionOperator))$/;
const LICENCE_RELATIONSHIPS = ["hasDeclaredLicense", "hasConcludedLicense"];

export function checkSpdx3(doc: unknown): string[] {
  const errors: string[] = [];
  const graph = isObj(doc) && Array.isArray(doc["@graph"]) ? doc["@graph"] : null;
  if (!graph) return ["(document): no @graph"];
  const byId = new Map<string, Obj>();
  for (const e of graph) {
    if (!isObj(e)) continue;
    const id =
      typeof e.spdxId === "string" ? e.spdxId : typeof e["@id"] === "string" ? e["@id"] : null;
    if (!id) continue;
    if (byId.has(id)) errors.push(`${id}: defined twice`);
    byId.set(id, e);
  }
  const resolves = (id: unknown) => typeof id === "string" && (byId.has(id) || INDIVIDUALS.has(id));
  const counts = new Map<string, number>();
  for (const e of graph) {
    if (!isObj(e) || e.type !== "Relationship") continue;
    const where = String(e.spdxId);
    const to = Array.isArray(e.to) ? e.to : [];
    if (!resolves(e.from)) errors.push(`${where}: from ${String(e.from)} is not in the document`);
    for (const t of to)
      if (!resolves(t)) errors.push(`${where}: to ${String(t)} is not in the document`);
    const type = String(e.relationshipType);
    if (!LICENCE_RELATIONSHIPS.includes(type)) continue;
    if (to.length !== 1)
      errors.push(`${where}: ${type} must name exactly one licence, names ${to.length}`);
    for (const t of to) {
      const target = typeof t === "string" ? byId.get(t) : undefined;
      const isLicence =
        (typeof t === "string" && LICENCE_INDIVIDUALS.has(t)) ||
        (target !== undefined && LICENCE_TYPES.test(String(target.type)));
      if (!isLicence)
        errors.push(`${where}: ${type} points to ${String(t)}, which is not a licence`);
    }
    const key = `${String(e.from)}\u0000${type}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of counts) {
    if (n <= 1) continue;
    const [from, type] = key.split("\u0000");
    errors.push(`${from}: ${n} ${type} relationships; an element has at most one`);
  }
  for (const e of byId.values()) {
    if (e.type !== "simplelicensing_LicenseExpression") continue;
    const expression = String(e.simplelicensing_licenseExpression ?? "");
    for (const entry of Array.isArray(e.simplelicensing_customIdToUri)
      ? e.simplelicensing_customIdToUri
      : []) {
      if (!isObj(entry)) continue;
      const target = typeof entry.value === "string" ? byId.get(entry.value) : undefined;
      if (!expression.includes(String(entry.key)))
        errors.push(
          `${String(e.spdxId)}: maps ${String(entry.key)}, which the expression does not name`,
        );
      if (!target || typeof target.simplelicensing_licenseText !== "string")
        errors.push(`${String(e.spdxId)}: ${String(entry.key)} leads to no licence with a text`);
    }
  }
  return errors;
}
