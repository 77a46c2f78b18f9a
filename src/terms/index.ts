/** Machine-readable training terms: publish the TGPL's, read anyone's. */
export { parseUsage, preferenceFor, tgplUsageValue } from "./aipref.ts";
export { parseAiTxt } from "./ai-txt.ts";
export { checkRepo } from "./check-repo.node.ts";
export { checkSite, DEFAULT_SITE_OPTIONS, type SiteCheckOptions } from "./check-site.node.ts";
export { decide } from "./decide.ts";
export { fetchUrl, type FetchLimits, type FetchResult } from "./fetch.node.ts";
export * from "./generate.ts";
export * from "./ids.ts";
export { initTerms, type InitOptions, type InitReport } from "./init.node.ts";
export { readPolicy, tgplOffer } from "./odrl.ts";
export { accessFor, groupFor, parseRobots } from "./robots.ts";
export { parseTdmrepJson } from "./tdmrep.ts";
export { type MappedTerms, termsSignalsOf } from "./terms-signals.ts";
export type * from "./types.ts";
