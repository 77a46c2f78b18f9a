/**
 * Proof documents: what `tgpl lookup` writes and `tgpl proof verify` checks.
 * Self-describing (format version, algorithm, tree size) and small: an
 * inclusion proof in a tree of a million leaves is 20 sibling hashes, about
 * 1.6 KB of JSON. Checking one needs only the proof and a root obtained from
 * somewhere trusted (the model builder's published summary), never the manifest.
 */
import { err, ok, type Result } from "../errors.ts";
import { isSha256Hex } from "./hash.ts";
import { EMPTY_ROOT, leafOfSha256, verifyInclusion } from "./merkle.ts";

export const PROOF_FORMAT = "tgpl-proof/1";
/** See merkle.ts for the exact definition. */
export const PROOF_ALGORITHM = "rfc6962-sha256-sorted-content";

/** Where one leaf sits: enough to recompute the root from its content hash. */
export interface LeafPath {
  /** The content's SHA-256 (hex); the leaf is SHA-256(0x00 || digest). */
  sha256: string;
  index: number;
  /** Sibling hashes, hex, from the leaf up. */
  path: string[];
}

/** Informative, not covered by the proof: what the manifest says about the content. */
export interface ProofContext {
  path?: string;
  swhid?: string;
  licence?: string | null;
}

export interface InclusionProof extends LeafPath {
  format: typeof PROOF_FORMAT;
  type: "inclusion";
  algorithm: typeof PROOF_ALGORITHM;
  root: string;
  treeSize: number;
  file?: ProofContext;
}

/**
 * A content is absent when its two sorted neighbours are adjacent leaves, one
 * below it and one above. `below` is null when it sorts before every leaf,
 * `above` null when after every leaf (both null: the tree is empty).
 */
export interface ExclusionProof {
  format: typeof PROOF_FORMAT;
  type: "exclusion";
  algorithm: typeof PROOF_ALGORITHM;
  root: string;
  treeSize: number;
  sha256: string;
  below: LeafPath | null;
  /**
   * Adjacent leaves share every sibling above their lowest common ancestor,
   * so `above.path` leaves out its last `shared` hashes: they are the last
   * `shared` hashes of `below.path`. This keeps an exclusion proof about the
   * size of one inclusion proof.
   */
  above: (LeafPath & { shared?: number }) | null;
}

export type Proof = InclusionProof | ExclusionProof;

/** The verdict on a proof: valid, or why not. */
export type Verdict = { valid: true; statement: string } | { valid: false; reason: string };

/**
 * Check a proof against a trusted root (hex). The root inside the proof is
 * only a label: a proof that carries another root than the trusted one fails.
 */
export function verifyProof(proof: Proof, trustedRoot: string): Verdict {
  const root = trustedRoot.toLowerCase();
  if (proof.root !== root)
    return { valid: false, reason: `the proof is for root ${proof.root}, not ${root}` };
  const rootBytes = Buffer.from(root, "hex");
  const leafOk = (leaf: LeafPath) =>
    verifyInclusion(
      leafOfSha256(leaf.sha256),
      leaf.index,
      proof.treeSize,
      leaf.path.map((h) => Buffer.from(h, "hex")),
      rootBytes,
    );
  if (proof.type === "inclusion") {
    return leafOk(proof)
      ? {
          valid: true,
          statement: `${proof.sha256} is in the tree (leaf ${proof.index} of ${proof.treeSize})`,
        }
      : { valid: false, reason: "the path does not lead from this content to the root" };
  }
  const { below, above, sha256, treeSize } = proof;
  if (treeSize === 0)
    return below === null && above === null && rootBytes.equals(EMPTY_ROOT)
      ? { valid: true, statement: `${sha256} is not in the tree (the tree is empty)` }
      : { valid: false, reason: "an empty tree has the root of the empty string and no leaves" };
  if (below === null && above === null)
    return { valid: false, reason: "a non-empty tree needs at least one neighbour" };
  if (below && !(below.sha256 < sha256))
    return { valid: false, reason: "the lower neighbour does not sort below the content" };
  if (above && !(above.sha256 > sha256))
    return { valid: false, reason: "the upper neighbour does not sort above the content" };
  if (below === null && above!.index !== 0)
    return { valid: false, reason: "with no lower neighbour, the upper one must be leaf 0" };
  if (above === null && below!.index !== treeSize - 1)
    return { valid: false, reason: "with no upper neighbour, the lower one must be the last leaf" };
  if (below && above && above.index !== below.index + 1)
    return { valid: false, reason: "the neighbours are not adjacent leaves" };
  if (below && !leafOk(below))
    return { valid: false, reason: "the lower neighbour's path does not lead to the root" };
  const shared = above?.shared ?? 0;
  if (shared > 0 && (below === null || shared > below.path.length))
    return {
      valid: false,
      reason: "the upper neighbour shares more of the path than the lower one has",
    };
  const aboveFull = above && {
    ...above,
    path: [
      ...above.path,
      ...(below && shared > 0 ? below.path.slice(below.path.length - shared) : []),
    ],
  };
  if (aboveFull && !leafOk(aboveFull))
    return { valid: false, reason: "the upper neighbour's path does not lead to the root" };
  return {
    valid: true,
    statement: `${sha256} is not in the tree of ${treeSize} leaves (between leaves ${below?.index ?? "start"} and ${above?.index ?? "end"})`,
  };
}

/** A proof as JSON text: one field a line, each path on one line, so it reads and diffs well. */
export function serializeProof(proof: Proof): string {
  const lines = Object.entries(proof).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  return `{\n${lines.join(",\n")}\n}\n`;
}

const isHex64 = (v: unknown): v is string => typeof v === "string" && isSha256Hex(v);
const isCount = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function leafPathError(v: unknown, where: string): string | null {
  if (typeof v !== "object" || v === null) return `${where} must be an object`;
  const o = v as Record<string, unknown>;
  if (!isHex64(o.sha256)) return `${where}.sha256 must be 64 lower-case hex digits`;
  if (!isCount(o.index)) return `${where}.index must be a whole number`;
  if (!Array.isArray(o.path) || !o.path.every(isHex64))
    return `${where}.path must be a list of 64-digit hex hashes`;
  if (o.path.length > 64) return `${where}.path is longer than any tree allows`;
  return null;
}

/** Validate parsed JSON as a proof; messages name the field at fault. */
export function validateProof(value: unknown): Result<Proof> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return err("a proof is a JSON object");
  const o = value as Record<string, unknown>;
  if (o.format !== PROOF_FORMAT)
    return err(`format must be "${PROOF_FORMAT}" (got ${JSON.stringify(o.format)})`);
  if (o.algorithm !== PROOF_ALGORITHM)
    return err(`algorithm must be "${PROOF_ALGORITHM}" (got ${JSON.stringify(o.algorithm)})`);
  if (!isHex64(o.root)) return err("root must be 64 lower-case hex digits");
  if (!isCount(o.treeSize)) return err("treeSize must be a whole number");
  if (!isHex64(o.sha256)) return err("sha256 must be 64 lower-case hex digits");
  if (o.type === "inclusion") {
    const problem = leafPathError(o, "proof");
    return problem ? err(problem) : ok(o as unknown as InclusionProof);
  }
  if (o.type === "exclusion") {
    for (const side of ["below", "above"] as const) {
      if (o[side] === null) continue;
      const problem = leafPathError(o[side], side);
      if (problem) return err(problem);
      const shared = (o[side] as Record<string, unknown>).shared;
      if (shared !== undefined && !isCount(shared))
        return err(`${side}.shared must be a whole number`);
    }
    return ok(o as unknown as ExclusionProof);
  }
  return err(`type must be "inclusion" or "exclusion" (got ${JSON.stringify(o.type)})`);
}

/** Parse proof text; bad JSON and bad fields are values, not throws. */
export function parseProof(text: string): Result<Proof> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err(`not JSON: ${(e as Error).message}`);
  }
  return validateProof(value);
}
