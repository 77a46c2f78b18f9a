/** Model genealogy: declared (cards, BOMs, SPDX documents, model files) and observed (weights). */
export * from "./cyclonedx.ts";
export * from "./doc.ts";
export * from "./format.ts";
export * from "./graph.ts";
export * from "./hf-card.ts";
export * from "./model-file.ts";
export * from "./read.node.ts";
export * from "./spdx3.ts";
export * as observed from "./observed/index.ts";
