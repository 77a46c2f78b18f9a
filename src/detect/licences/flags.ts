/**
 * What each word of a compiled licence template is. Kept apart from the
 * template compiler (template.ts), which needs an XML parser: matching at run
 * time loads only these constants.
 */
export const REQUIRED = 0;
export const OPTIONAL = 1;
export const VARIABLE = 2;
export type Flag = typeof REQUIRED | typeof OPTIONAL | typeof VARIABLE;

/** Stands for the words a variable region may hold; no input word equals it. */
export const PLACEHOLDER = "\u0001";
