/** The training-data manifest: rows, hashes, the Merkle tree, proofs, the store. */
export { classify, type Marks, type Role } from "./classify.ts";
export { EXPORT_FORMATS, type ExportFormat } from "./exports/index.ts";
export { ContentHasher, type ContentHashes, hashBytes, swhidOf } from "./hash.ts";
export { type Carrier, type Inherited, resolveInheritance } from "./inherit.ts";
export { languageOf } from "./language.ts";
export {
  auditPath,
  ChunkedTree,
  EMPTY_ROOT,
  leafHash,
  levelsOf,
  nodeHash,
  RootAccumulator,
  rootOfLevels,
  verifyInclusion,
} from "./merkle.ts";
export {
  type ExclusionProof,
  type InclusionProof,
  type Proof,
  parseProof,
  serializeProof,
  type Verdict,
  verifyProof,
} from "./proof.ts";
export { MemoryTree, prove, type SortedTree } from "./prove.ts";
export { ManifestReader, type Occurrence } from "./reader.node.ts";
export { COLUMNS, type LicenceSource, type ManifestRow } from "./record.ts";
export { type FileFacts, rowOf } from "./row.ts";
export { ManifestStore, type ScanMeta } from "./store.node.ts";
export { type ManifestSummary, summarize } from "./summary.node.ts";
