/**
 * Builds the policy engine's data:
 *  - data/policy/profiles.json: a training profile for every SPDX licence id
 *    (current and deprecated), every SPDX exception, the licences of
 *    data/policy/model-licences.json (TGPL, RAIL, Llama, Gemma...) and the
 *    machine-readable reservations; from the id lists of the spdx-license-ids
 *    and spdx-exceptions packages, the names in the SPDX licence-list XML, the
 *    hand-curated data/policy/classification.json, and compatibility edges;
 *  - data/policy/osadl-compat.json: the OSADL compatibility matrix in compact
 *    form (credit: OSADL, CC-BY-4.0).
 * The project reads only these outputs at run time, never ../shared.
 *
 * Usage: node --import tsx scripts/build-policy-data.ts [REFERENCE_DIR]
 *   REFERENCE_DIR holds osadl/matrixseqexpl.json and spdx-license-list-xml/
 *   (default ../shared/reference).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type {
  Family,
  Flag,
  LicenceProfile,
  ProfileData,
  TrainingRule,
  WeightsRule,
} from "../src/policy/types.ts";

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, "..");
const reference = resolve(process.argv[2] ?? join(root, "../shared/reference"));
const policyDir = join(root, "data/policy");
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

const licenceIds: string[] = require("spdx-license-ids");
const deprecatedIds: string[] = require("spdx-license-ids/deprecated.json");
const exceptionIds: string[] = require("spdx-exceptions");
const deprecatedMap = readJson<Record<string, string>>(join(root, "data/deprecated-ids.json"));

// --- names and OSI flags from the SPDX licence-list XML -------------------------------------

const xmlDir = join(reference, "spdx-license-list-xml/src");
if (!existsSync(xmlDir)) {
  console.error(`no SPDX licence-list XML under ${xmlDir}: pass the reference directory`);
  process.exit(2);
}
const names = new Map<string, { name: string; osi: boolean }>();
for (const dir of [xmlDir, join(xmlDir, "exceptions")]) {
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".xml"))) {
    const head = readFileSync(join(dir, file), "utf8").slice(0, 4000);
    const tag = /<(license|exception)\b([^>]*)>/.exec(head);
    if (!tag) continue;
    const attr = (k: string) => new RegExp(`${k}="([^"]*)"`).exec(tag[2]!)?.[1];
    const id = attr("licenseId");
    if (!id) continue;
    names.set(id, {
      name: (attr("name") ?? id).replace(/&amp;/g, "&").replace(/&quot;/g, '"'),
      osi: attr("isOsiApproved") === "true",
    });
  }
}

// --- the OSADL matrix, plus our own edges -----------------------------------------------

interface OsadlMatrix {
  timestamp: string;
  licenses: {
    name: string;
    compatibilities: { name: string; compatibility: string }[];
  }[];
}
const osadl = readJson<OsadlMatrix>(join(reference, "osadl/matrixseqexpl.json"));
const CELL: Record<string, string> = {
  Yes: "Y",
  No: "N",
  Unknown: "U",
  "Check dependency": "C",
  Same: "S",
};
const osadlNames = osadl.licenses.map((l) => l.name);
const compact: Record<string, string> = {};
/** cell(out, in): may a work under `in` be part of a whole licensed under `out`? */
const cells = new Map<string, Map<string, string>>();
for (const out of osadl.licenses) {
  const byIn = new Map(out.compatibilities.map((c) => [c.name, c.compatibility]));
  compact[out.name] = osadlNames.map((n) => CELL[byIn.get(n) ?? "Unknown"] ?? "U").join("");
  cells.set(out.name, byIn);
}
writeFileSync(
  join(policyDir, "osadl-compat.json"),
  `${JSON.stringify(
    {
      $comment:
        "The OSADL open-source licence compatibility matrix, compacted by scripts/build-policy-data.ts. matrix[OUT][i] says whether a work under licences[i] may be included in a whole licensed under OUT: Y yes, N no, U unknown, C check dependency, S same licence.",
      credit:
        "Compatibility data: OSADL Open Source License Checklists / license compatibility matrix, (C) Open Source Automation Development Lab (OSADL) eG, https://www.osadl.org/, licensed under CC-BY-4.0.",
      license: "CC-BY-4.0",
      source: "https://www.osadl.org/fileadmin/checklists/matrixseqexpl.json",
      timestamp: osadl.timestamp,
      licences: osadlNames,
      matrix: compact,
    },
    null,
    1,
  )}\n`,
);

interface Edge {
  in: string;
  out: string;
  compatibility: string;
}
for (const e of readJson<{ edges: Edge[] }>(join(policyDir, "ai-compat.json")).edges) {
  const byIn = cells.get(e.out) ?? new Map<string, string>();
  cells.set(e.out, byIn);
  byIn.set(e.in, e.compatibility);
}
const compatible = (inbound: string): string[] => {
  const out = new Set<string>([inbound]);
  for (const [outbound, byIn] of cells) {
    const c = byIn.get(inbound);
    if (c === "Yes" || c === "Same") out.add(outbound);
  }
  return [...out].sort();
};
const incompatible = (inbound: string): string[] => {
  const out: string[] = [];
  for (const [outbound, byIn] of cells) if (byIn.get(inbound) === "No") out.push(outbound);
  return out.sort();
};

// --- families and classification ------------------------------------------------------------

type Template = Omit<TrainingRule, "weights"> & {
  weights?: { only?: string; except?: string; includes?: string; on: ("distributed" | "api")[] };
};
interface Classification {
  families: Record<
    Family,
    { description: string; standard: Template; conservative: Template | "standard" }
  >;
  forbidsFurtherRestrictions: { families: Family[]; patterns: string[] };
  rules: { family: Family; flags?: Flag[]; ids?: string[]; patterns?: string[] }[];
  default: { family: Family };
  exceptions: { kinds: Record<string, string[]> };
}
const classification = readJson<Classification>(join(policyDir, "classification.json"));
interface ModelLicences {
  licences: Record<
    string,
    { name: string; family: Family; flags?: Flag[]; note?: string; url?: string; hf?: string }
  >;
  signals: Record<string, { name: string; permission: "deny" }>;
  tgplCompatibleWeightsLicences: { ids: string[] };
}
const modelLicences = readJson<ModelLicences>(join(policyDir, "model-licences.json"));
const tgplIds = modelLicences.tgplCompatibleWeightsLicences.ids;

function classify(id: string): { family: Family; flags?: Flag[] } {
  for (const rule of classification.rules) {
    const hit =
      rule.ids?.includes(id) || rule.patterns?.some((p) => new RegExp(p).test(id)) === true;
    if (hit)
      return rule.flags ? { family: rule.family, flags: rule.flags } : { family: rule.family };
  }
  return { family: classification.default.family };
}

/**
 * A family's template for one id. Share-alike non-commercial and no-derivatives
 * non-commercial licences add the share-alike or no-derivatives part of their
 * other family under the conservative reading.
 */
function ruleFor(id: string, family: Family, flags: Flag[], which: "standard" | "conservative") {
  const fam = classification.families[family];
  const template =
    which === "conservative" && fam.conservative !== "standard" ? fam.conservative : fam.standard;
  const rule: TrainingRule = { permission: template.permission };
  if (template.weights) {
    const { on } = template.weights;
    const pick = (v: string): string[] =>
      v === "$compat"
        ? compatible(id)
        : v === "$incompatible"
          ? incompatible(id)
          : v === "$tgpl"
            ? [...tgplIds]
            : v === "$self"
              ? [id]
              : [v];
    let weights: WeightsRule | undefined;
    if (template.weights.only) weights = { only: pick(template.weights.only), on };
    else if (template.weights.except) {
      const except = pick(template.weights.except);
      if (except.length > 0) weights = { except, on };
    } else if (template.weights.includes)
      weights = { includes: pick(template.weights.includes), on };
    if (weights) rule.weights = weights;
  }
  if (template.nonCommercial) rule.nonCommercial = true;
  if (template.noDistribution) rule.noDistribution = template.noDistribution;
  if (template.obligations?.length) rule.obligations = template.obligations;
  if (which === "conservative" && family === "non-commercial") {
    if (flags.includes("sa")) {
      rule.weights = { only: compatible(id), on: ["distributed", "api"] };
    }
    if (flags.includes("nd")) rule.noDistribution = { on: ["distributed", "api"] };
  }
  return rule;
}

const forbids = (id: string, family: Family) =>
  classification.forbidsFurtherRestrictions.families.includes(family) ||
  classification.forbidsFurtherRestrictions.patterns.some((p) => new RegExp(p).test(id));

function profile(
  id: string,
  family: Family,
  flags: Flag[] | undefined,
  extra: Partial<LicenceProfile>,
): LicenceProfile {
  const p: LicenceProfile = {
    name: extra.name ?? names.get(id)?.name ?? id,
    family,
    ...(flags?.length ? { flags } : {}),
    ...(names.get(id)?.osi ? { osi: true } : {}),
    ...(forbids(id, family) ? { forbidsFurtherRestrictions: true } : {}),
    ...(extra.replacedBy ? { replacedBy: extra.replacedBy } : {}),
    ...(extra.note ? { note: extra.note } : {}),
    ...(extra.url ? { url: extra.url } : {}),
    standard: ruleFor(id, family, flags ?? [], "standard"),
    conservative: ruleFor(id, family, flags ?? [], "conservative"),
  };
  return p;
}

const licences: Record<string, LicenceProfile> = {};
for (const id of [...licenceIds, "NONE", "NOASSERTION"]) {
  const { family, flags } = classify(id);
  licences[id] = profile(id, family, flags, {
    name: id === "NONE" ? "No licence" : id === "NOASSERTION" ? "No licence asserted" : undefined,
  });
}
for (const id of deprecatedIds) {
  // A deprecated id reads as what replaces it; WITH clauses keep the base licence's profile.
  const replacement = deprecatedMap[id];
  const base = replacement?.split(" WITH ")[0];
  const target = base ? licences[base] : undefined;
  if (target && replacement) {
    licences[id] = { ...target, name: names.get(id)?.name ?? id, replacedBy: replacement };
  } else {
    const { family, flags } = classify(id);
    licences[id] = profile(id, family, flags, {});
  }
}
for (const [id, m] of Object.entries(modelLicences.licences)) {
  licences[id] = profile(id, m.family, m.flags, { name: m.name, note: m.note, url: m.url });
}

const exceptionKind = new Map<string, string>();
for (const [kind, ids] of Object.entries(classification.exceptions.kinds))
  for (const id of ids) exceptionKind.set(id, kind);
const exceptions: ProfileData["exceptions"] = {};
for (const id of exceptionIds) {
  const kind = exceptionKind.get(id);
  if (!kind) {
    console.error(`exception ${id} has no kind in data/policy/classification.json: add it`);
    process.exit(1);
  }
  exceptions[id] = { name: names.get(id)?.name ?? id, kind, effect: "none" };
}

const families = Object.fromEntries(
  Object.entries(classification.families).map(([k, v]) => [k, { description: v.description }]),
) as ProfileData["families"];
const data: ProfileData = {
  $comment:
    "Generated by scripts/build-policy-data.ts from the SPDX id lists, data/policy/classification.json, data/policy/model-licences.json, data/policy/ai-compat.json and the OSADL matrix (OSADL, CC-BY-4.0): do not edit, edit those and run `npm run build:policy`.",
  families,
  tgplCompatibleWeightsLicences: tgplIds,
  licences,
  exceptions,
  signals: Object.fromEntries(
    Object.entries(modelLicences.signals).filter(([k]) => !k.startsWith("$")),
  ),
};

// One licence per line keeps diffs of regenerated data readable.
const lines = Object.entries(data.licences)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([id, p]) => `  ${JSON.stringify(id)}: ${JSON.stringify(p)}`);
const text = `{
 "$comment": ${JSON.stringify(data.$comment)},
 "families": ${JSON.stringify(data.families)},
 "tgplCompatibleWeightsLicences": ${JSON.stringify(data.tgplCompatibleWeightsLicences)},
 "exceptions": ${JSON.stringify(data.exceptions)},
 "signals": ${JSON.stringify(data.signals)},
 "licences": {
${lines.join(",\n")}
 }
}
`;
JSON.parse(text);
writeFileSync(join(policyDir, "profiles.json"), text);

const count = (f: Family) => Object.values(licences).filter((p) => p.family === f).length;
console.log(
  `profiles.json: ${Object.keys(licences).length} licences (${Object.keys(exceptions).length} exceptions); ` +
    Object.keys(classification.families)
      .map((f) => `${f} ${count(f as Family)}`)
      .join(", "),
);
