import type { Matcher } from "../../types.ts";

/** Package manifests and REUSE files. (Being written: returns nothing yet.) */
export const manifestMatcher: Matcher = () => [];
