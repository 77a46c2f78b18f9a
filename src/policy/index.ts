/** The policy engine: licence profiles as data, small rule functions, findings as values. */
export { check, checkResolved, verdictOf } from "./check.ts";
export { checkText } from "./format.ts";
export { exceptionProfile, licenceProfile, tgplWeightsLicences } from "./profiles.ts";
export { resolveModel } from "./resolve.ts";
export { WHAT as obligationText } from "./rules/obligations.ts";
export { type SourceTerms, sourceTerms } from "./owes.ts";
export type * from "./types.ts";
