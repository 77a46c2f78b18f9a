/**
 * Which file names are licence files (LICENSE, COPYING, MIT-LICENSE.txt...),
 * as data/classify.json lists them: detection reads a licence file that only
 * names its licence, and the manifest lets files inherit from one.
 */
import rules from "../../data/classify.json" with { type: "json" };

const anyOf = (sources: string[]) => new RegExp(sources.map((s) => `(?:${s})`).join("|"), "i");
const LICENCE_FILES = anyOf(rules.licenceFiles);
// `license-checker.js` is code about licences, not a licence.
const NOT_LICENCE_FILES = anyOf(rules.licenceFilesNot);

/** Whether a base name (no directory) names a licence file. */
export const isLicenceFileName = (base: string): boolean =>
  LICENCE_FILES.test(base) && !NOT_LICENCE_FILES.test(base);
