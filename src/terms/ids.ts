/**
 * Names the TGPL terms are published under. One place, because the generator
 * writes them and the reader must recognise exactly what the generator wrote.
 */

export const TGPL_ONLY = "LicenseRef-TGPL-1.0";
export const TGPL_OR_LATER = "LicenseRef-TGPL-1.0-or-later";
export const TGPL_IDS: readonly string[] = [TGPL_ONLY, TGPL_OR_LATER];

/** True for an SPDX id of the Training GPL (any case, as SPDX ids compare case-insensitively). */
export const isTgplId = (id: string): boolean =>
  /^licenseref-tgpl-1\.0(-or-later)?$/i.test(id.trim());

/**
 * ODRL profile and vocabulary of the TGPL offer. These are identifiers, not
 * addresses (like TDMRep's own profile IRI, which is not dereferenceable
 * either): a URN keeps them from pointing at a host nobody controls. A later
 * licence version with a permanent home can add an HTTP IRI beside them.
 */
export const TGPL_ODRL_PROFILE = "urn:tgpl:odrl:profile:1.0";
export const TGPL_ODRL_VOCAB = "urn:tgpl:odrl:vocab:1.0#";
export const TDMREP_PROFILE = "http://www.w3.org/ns/tdmrep";
export const TDMREP_VOCAB = "http://www.w3.org/ns/tdmrep#";
export const ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld";

/** Where `terms init` puts things, relative to a site or repository root. */
export const PATHS = {
  licence: "LICENSE",
  robots: "robots.txt",
  aiTxt: "ai.txt",
  tdmrep: ".well-known/tdmrep.json",
  /** The ODRL offer tdm-policy points at; `.json` so that any static server sends application/json, which TDMRep reads as machine-readable. */
  policy: "tgpl-policy.json",
  /** Netlify / Cloudflare Pages response-header rules. */
  headers: "_headers",
} as const;

/** The parameter of a Content-Usage `n` that names the licence under which the usage is nonetheless permitted. */
export const EXCEPTION_PARAM = "exception";
/** The parameter that points at the machine-readable offer. */
export const POLICY_PARAM = "policy";
