export * from "./dtypes.ts";
export * from "./header.ts";
export * from "./writer.ts";
