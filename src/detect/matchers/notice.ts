import type { Matcher } from "../types.ts";

/** Short licence notices. (Being written: returns nothing yet.) */
export const noticeMatcher: Matcher = () => [];
