import type { Matcher } from "../types.ts";

/** Full licence and exception texts. (Being written: returns nothing yet.) */
export const textMatcher: Matcher = () => [];
