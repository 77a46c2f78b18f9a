/**
 * The vault: everything a campaign must keep secret until it is revealed in
 * evidence (the seed, the held-out canaries, which canaries were published)
 * plus where each published canary was planted. Validation redraws the
 * canaries from the seed and recomputes the commitment, so a vault that was
 * edited after the commitment was published is refused.
 */
import { InputError } from "../../errors.ts";
import { commitmentHash, commitmentText, type Preregistration } from "./commitment.ts";
import { type Canary, drawCanaries } from "./draw.ts";
import type { PlantKind } from "./plant.ts";

export const VAULT_FORMAT = "tgpl-canary-vault/1";
export const STATISTIC = "mean-token-loss-over-canary-span";
export const TEST = "exact-wilcoxon-mann-whitney-one-sided";
/** Context kinds a campaign can be scored in (TypeScript files share the ES-module form). */
export const CONTEXT_KINDS = ["js-esm", "js-cjs", "js-script", "python"];

export interface VaultCanary extends Canary {
  /** Where a published canary was planted (repository-relative path). */
  file?: string;
  kind?: PlantKind;
  line?: number;
  statement?: string;
}

export interface Vault {
  format: typeof VAULT_FORMAT;
  created: string;
  repository: { name: string; path: string };
  seed: string;
  wordlist: string;
  preregistration: Preregistration;
  canaries: VaultCanary[];
  /** Files that received a canary, with their sha256 after marking. */
  files: { path: string; sha256: string }[];
  commitment: string;
}

const HINT =
  "The vault was edited or damaged. Use the copy made when the code was marked: its commitment hash is the one you published.";

function fail(name: string, field: string, problem: string): never {
  throw new InputError(`${name}: ${field}: ${problem}`, HINT);
}

/**
 * A vault read from JSON, checked field by field and against its own seed and commitment.
 * @throws InputError naming the first field that is wrong.
 */
export function validateVault(json: unknown, name = "vault"): Vault {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new InputError(
      `${name}: not a tgpl canary vault (expected a JSON object)`,
      "Pass the vault file written by 'tgpl canary mark'.",
    );
  const v = json as Record<string, unknown>;
  if (v.format !== VAULT_FORMAT)
    throw new InputError(
      `${name}: not a tgpl canary vault (format is ${JSON.stringify(v.format)}, expected "${VAULT_FORMAT}")`,
      "Pass the vault file written by 'tgpl canary mark'.",
    );
  if (typeof v.seed !== "string" || !/^[0-9a-f]{64}$/.test(v.seed))
    fail(name, "seed", "must be 64 lowercase hex digits");
  if (typeof v.wordlist !== "string") fail(name, "wordlist", "missing");
  if (typeof v.commitment !== "string" || !/^[0-9a-f]{64}$/.test(v.commitment))
    fail(name, "commitment", "must be a sha256 in hex");
  const repo = v.repository as Record<string, unknown> | undefined;
  if (typeof repo?.name !== "string" || typeof repo.path !== "string")
    fail(name, "repository", "needs name and path");
  const pre = v.preregistration as Record<string, unknown> | undefined;
  if (
    !pre ||
    pre.statistic !== STATISTIC ||
    pre.test !== TEST ||
    typeof pre.alpha !== "number" ||
    !(pre.alpha > 0 && pre.alpha < 1) ||
    !Array.isArray(pre.contexts) ||
    pre.contexts.length === 0 ||
    !pre.contexts.every((c) => typeof c === "string")
  )
    fail(
      name,
      "preregistration",
      `needs statistic "${STATISTIC}", test "${TEST}", alpha in (0, 1) and contexts`,
    );
  const unknownContext = (pre.contexts as string[]).find((c) => !CONTEXT_KINDS.includes(c));
  if (unknownContext !== undefined)
    fail(
      name,
      "preregistration.contexts",
      `unknown context kind ${JSON.stringify(unknownContext)} (known: ${CONTEXT_KINDS.join(", ")})`,
    );
  if (!Array.isArray(v.canaries) || v.canaries.length < 2)
    fail(name, "canaries", "needs at least two canaries");
  const canaries = v.canaries as VaultCanary[];
  canaries.forEach((c, i) => {
    if (
      typeof c !== "object" ||
      c === null ||
      c.index !== i ||
      typeof c.text !== "string" ||
      typeof c.published !== "boolean"
    )
      fail(name, `canaries[${i}]`, "needs index (its position), text and published");
    if (
      c.published &&
      (typeof c.file !== "string" || typeof c.kind !== "string" || typeof c.statement !== "string")
    )
      fail(name, `canaries[${i}]`, "a published canary needs file, kind and statement");
  });
  const published = canaries.filter((c) => c.published).length;
  const heldOut = canaries.length - published;
  if (published === 0 || heldOut === 0)
    fail(name, "canaries", "needs published and held-out canaries");
  const redrawn = drawCanaries(v.seed as string, published, heldOut);
  redrawn.forEach((c, i) => {
    const listed = canaries[i]!;
    if (listed.text !== c.text || listed.published !== c.published)
      fail(
        name,
        `canaries[${i}]`,
        `the seed gives ${c.text} (${c.published ? "published" : "held out"}), the vault says ${listed.text} (${listed.published ? "published" : "held out"})`,
      );
  });
  if (!Array.isArray(v.files)) fail(name, "files", "missing");
  const vault = v as unknown as Vault;
  const expected = commitmentHash(
    commitmentText(vault.seed, vault.wordlist, vault.preregistration, vault.canaries),
  );
  if (expected !== vault.commitment)
    fail(name, "commitment", `recomputed ${expected}, the vault says ${vault.commitment}`);
  return vault;
}
