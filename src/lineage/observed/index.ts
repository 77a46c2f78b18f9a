/** Observed lineage: heritage read from weights (safetensors, GGUF, PEFT), compared with the declared one. */
export { type AgainstItem, type AgainstResult, against } from "./against.ts";
export { minArborescence } from "./arborescence.ts";
export { type Comparison, type CompareOptions, compare } from "./compare.ts";
export { heritageText } from "./format.ts";
export { type HeritageResult, heritage } from "./heritage.ts";
export { classifyPair, type PairResult } from "./pairs.ts";
export type { AdapterSource, ModelSource, TensorEntry } from "./source.ts";
export { buildTree, type TreeEdge, type TreeResult } from "./tree.ts";
