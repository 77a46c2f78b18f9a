export { combine } from "./combine.ts";
export { detectBytes, detectText, MATCHERS } from "./detect.ts";
export { detectFile } from "./detect-file.node.ts";
export * from "./expression.ts";
export type { Detection, DetectInput, Match, Matcher, MatcherName, SkipReason } from "./types.ts";
