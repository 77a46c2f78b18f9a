export * from "./constants.ts";
export * from "./reader.ts";
export * from "./values.ts";
export * from "./writer.ts";
