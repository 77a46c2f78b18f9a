/** A model (or dataset) as read from any document: the common output of every reader. */
import type { ModelSpec } from "../policy/types.ts";

export type DocFormat = "tgpl" | "hf-card" | "cyclonedx" | "spdx3";

export interface ModelDoc {
  format: DocFormat;
  /** A dataset card says what its dataset is licensed under; a model card describes a model. */
  kind: "model" | "dataset";
  spec: ModelSpec;
  /** Manifests named as training data (paths as written, relative to the document), read at the I/O edge. */
  manifests?: string[];
  /** What the reader saw but could not use. */
  warnings: string[];
}
