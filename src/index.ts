/**
 * The tgpl library: every CLI command is a call of what is exported here.
 * Detection is exported flat (it is what most callers want); each other stage
 * of the pipeline is a namespace, named as its folder.
 *
 * @example
 *   import { detectText, manifest, policy } from "tgpl";
 *   detectText("LICENSE", text).expression; // "MIT"
 */
export * from "./detect/index.ts";
export { InputError, InternalError, UsageError } from "./errors.ts";
export * as evidence from "./evidence/index.ts";
export * as formats from "./formats/index.ts";
export * as lineage from "./lineage/index.ts";
export * as manifest from "./manifest/index.ts";
export * as policy from "./policy/index.ts";
export * as scan from "./scan/index.ts";
export * as sources from "./sources/index.ts";
export * as terms from "./terms/index.ts";
