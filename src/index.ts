/** The tgpl library: every CLI command is a call of what is exported here. */
export * from "./detect/index.ts";
export { InputError, InternalError, UsageError } from "./errors.ts";
