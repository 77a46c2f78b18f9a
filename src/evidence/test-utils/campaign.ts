/**
 * Canary campaigns without a repository, for tests and benchmarks: the vault
 * that marking would write, and the documents a crawler would have collected
 * from the marked code (each published canary's statement `repeats` times).
 */
import { commitmentHash, commitmentText } from "../canary/commitment.ts";
import { drawCanaries } from "../canary/draw.ts";
import { type PlantKind, statementFor } from "../canary/plant.ts";
import { STATISTIC, TEST, VAULT_FORMAT, type Vault } from "../canary/vault.ts";
import { WORDLIST_VERSION } from "../canary/words.ts";

export function campaignVault(
  seed: string,
  published: number,
  heldOut: number,
  contexts: PlantKind[] = ["js-cjs"],
  alpha = 0.05,
): Vault {
  const pre = { statistic: STATISTIC, test: TEST, alpha, contexts };
  const canaries = drawCanaries(seed, published, heldOut).map((c, i) =>
    c.published
      ? {
          ...c,
          file: `src/file${i}.js`,
          kind: contexts[0]!,
          line: 1,
          statement: statementFor(contexts[0]!, c.text),
        }
      : c,
  );
  return {
    format: VAULT_FORMAT,
    created: "2025-01-01T00:00:00.000Z",
    repository: { name: "campaign", path: "/nonexistent/campaign" },
    seed,
    wordlist: WORDLIST_VERSION,
    preregistration: pre,
    canaries,
    files: [],
    commitment: commitmentHash(commitmentText(seed, WORDLIST_VERSION, pre, canaries)),
  };
}

/** One document per occurrence: a published canary's planted statement inside a line of ordinary code. */
export function canaryDocuments(vault: Vault, repeats: number): string[] {
  const docs: string[] = [];
  for (const c of vault.canaries)
    if (c.published)
      for (let r = 0; r < repeats; r++) docs.push(`${statementFor(c.kind ?? "js-cjs", c.text)}\n`);
  return docs;
}
