/**
 * The machine-readable TGPL offer: an ODRL 2.2 Offer in the TDMRep profile
 * (the document `tdm-policy` points at), and a reader for such policies.
 *
 * The offer permits `tdm:mine` with duties. The duties that carry the
 * licence's conditions use actions of a TGPL vocabulary; a reader that knows
 * only ODRL and TDMRep sees a permission whose duties it cannot discharge,
 * which under ODRL means it may not exercise the permission: it never reads
 * the offer as unconditional. A TGPL-aware reader recognises the profile and
 * the licence id and reads the conditions exactly.
 */
import {
  ODRL_CONTEXT,
  TDMREP_PROFILE,
  TDMREP_VOCAB,
  TGPL_ODRL_PROFILE,
  TGPL_ODRL_VOCAB,
  isTgplId,
} from "./ids.ts";

/** The licence's conditions as ODRL duties: vocabulary term, licence section, what it asks. */
export const TGPL_DUTIES = [
  {
    action: "tgpl:licenseModel",
    section: "7(a)",
    text: "license a Covered Model and its Weights under the TGPL 1.0 or later, or a Compatible License its Section 13 names",
  },
  {
    action: "tgpl:releaseCorrespondingModelSource",
    section: "7(b), 9",
    text: "make the Corresponding Model Source available: Weights in the preferred form, architecture and configuration, training and inference code, hyperparameters",
  },
  {
    action: "tgpl:publishTrainingDataInformation",
    section: "7(c)",
    text: "publish Training Data Information for the whole training data",
  },
  {
    action: "tgpl:offerSourceToNetworkUsers",
    section: "8",
    text: "offer the Corresponding Model Source and Training Data Information to users who interact with the model over a network",
  },
  {
    action: "attribute",
    section: "7(d)",
    text: "keep the notices and state with the model that it is a Covered Model under the TGPL",
  },
  {
    action: "nextPolicy",
    section: "10, 18",
    text: "pass the same terms on: Derived Models (fine-tunes, adapters, merges, quantizations, distillations) are Covered Models",
  },
] as const;

export interface OfferOptions {
  /** The offer's own URL (its uid). */
  uid: string;
  /** SPDX id the work is under: LicenseRef-TGPL-1.0-or-later or LicenseRef-TGPL-1.0. */
  licence: string;
  /** Where the licence text is published. */
  licenceUrl: string;
  /** The collection the offer covers (a site or repository URL). */
  target: string;
  holder?: string;
  contactUrl?: string;
}

/** The TGPL offer as a JSON-LD object (TDMRep profile of ODRL 2.2, plus the TGPL profile). */
export function tgplOffer(o: OfferOptions): Record<string, unknown> {
  const when = {
    leftOperand: "event",
    operator: "isAnyOf",
    rightOperand: ["tgpl:conveying", "tgpl:remoteNetworkInteraction"],
  };
  const assigner: Record<string, string> = { uid: o.target };
  if (o.holder) assigner["vcard:fn"] = o.holder;
  assigner["vcard:hasURL"] = o.contactUrl ?? o.licenceUrl;
  return {
    "@context": [
      ODRL_CONTEXT,
      { tdm: TDMREP_VOCAB, tgpl: TGPL_ODRL_VOCAB, vcard: "http://www.w3.org/2006/vcard/ns#" },
    ],
    "@type": "Offer",
    uid: o.uid,
    profile: [TDMREP_PROFILE, TGPL_ODRL_PROFILE],
    "tgpl:license": o.licence,
    "tgpl:licenseText": o.licenceUrl,
    assigner,
    permission: [
      {
        target: o.target,
        action: "tdm:mine",
        duty: TGPL_DUTIES.map((d) => ({
          action: d.action,
          ...(d.action === "nextPolicy" ? { target: o.licenceUrl } : {}),
          constraint: [when],
          "tgpl:section": d.section,
          "tgpl:summary": d.text,
        })),
      },
    ],
  };
}

/** What a policy document says, as far as training goes. */
export interface PolicyReading {
  /** It is an ODRL Offer in the TDMRep profile. */
  tdmrep: boolean;
  /** It offers the TGPL (profile or licence id). */
  tgpl: boolean;
  /** The licence it names, if any. */
  licence?: string;
  /** Actions of its permissions, expanded to full IRIs where a prefix is known. */
  permissions: string[];
  /** Actions of the duties on those permissions (and of top-level obligations). */
  duties: string[];
  /** What could not be read. */
  errors: string[];
}

const ODRL_NS = "http://www.w3.org/ns/odrl/2/";

/** Read a policy from its JSON text; never throws. */
export function readPolicy(text: string): PolicyReading {
  const out: PolicyReading = {
    tdmrep: false,
    tgpl: false,
    permissions: [],
    duties: [],
    errors: [],
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    out.errors.push(`the policy is not JSON (${(e as Error).message})`);
    return out;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    out.errors.push("the policy is not a JSON object");
    return out;
  }
  const d = doc as Record<string, unknown>;
  const prefixes = contextPrefixes(d["@context"]);
  const expand = (term: unknown): string => {
    if (typeof term !== "string") return "";
    const m = /^([A-Za-z][\w-]*):(.*)$/.exec(term);
    if (m && !term.includes("//") && prefixes.has(m[1]!)) return prefixes.get(m[1]!)! + m[2]!;
    if (/^[A-Za-z]+$/.test(term)) return ODRL_NS + term; // a bare ODRL term
    return term;
  };
  const type = d["@type"] ?? d.type;
  const profiles = asArray(d.profile).map(String);
  out.tdmrep = expand(type) === `${ODRL_NS}Offer` && profiles.includes(TDMREP_PROFILE);
  const licence = [d["tgpl:license"], d[`${TGPL_ODRL_VOCAB}license`]].find(
    (v) => typeof v === "string",
  ) as string | undefined;
  if (licence) out.licence = licence;
  out.tgpl = profiles.includes(TGPL_ODRL_PROFILE) || (licence !== undefined && isTgplId(licence));
  for (const p of asArray(d.permission)) {
    if (typeof p !== "object" || p === null) continue;
    const perm = p as Record<string, unknown>;
    for (const a of asArray(perm.action)) out.permissions.push(actionOf(a, expand));
    for (const duty of asArray(perm.duty))
      if (typeof duty === "object" && duty !== null)
        for (const a of asArray((duty as Record<string, unknown>).action))
          out.duties.push(actionOf(a, expand));
  }
  for (const o of asArray(d.obligation))
    if (typeof o === "object" && o !== null)
      for (const a of asArray((o as Record<string, unknown>).action))
        out.duties.push(actionOf(a, expand));
  if (out.permissions.length === 0 && out.duties.length === 0)
    out.errors.push("the policy has no permission or obligation");
  return out;
}

/** An action is a term, or an object whose `rdf:value` (or `@id`) is the term, possibly refined. */
function actionOf(a: unknown, expand: (t: unknown) => string): string {
  if (typeof a === "string") return expand(a);
  if (typeof a === "object" && a !== null) {
    const o = a as Record<string, unknown>;
    const v = o["rdf:value"] ?? o["@id"];
    if (typeof v === "object" && v !== null) return expand((v as Record<string, unknown>)["@id"]);
    return expand(v);
  }
  return "";
}

function contextPrefixes(context: unknown): Map<string, string> {
  const map = new Map<string, string>([
    ["odrl", ODRL_NS],
    ["tdm", TDMREP_VOCAB],
  ]);
  for (const c of asArray(context))
    if (typeof c === "object" && c !== null)
      for (const [k, v] of Object.entries(c as Record<string, unknown>))
        if (typeof v === "string") map.set(k, v);
  return map;
}

const asArray = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

/** True when the policy permits mining (tdm:mine or its ODRL parent use). */
export function permitsMining(p: PolicyReading): boolean {
  return p.permissions.some((a) => a === `${TDMREP_VOCAB}mine` || a === `${ODRL_NS}use`);
}
