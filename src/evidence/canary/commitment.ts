/**
 * The commitment a campaign publishes (and has timestamped) before the marked
 * code is released: sha256 over a canonical text that fixes the seed, every
 * canary, which were published, and the pre-registered test. Revealing the
 * vault later proves that none of it was chosen after seeing a model.
 *
 * Canonical text (UTF-8, "\n" after every line, no trailing spaces):
 *
 *   tgpl-canary-commitment/1
 *   seed <64 hex digits>
 *   wordlist <wordlist version>
 *   statistic <statistic>
 *   test <test>
 *   alpha <alpha, shortest decimal form>
 *   contexts <context kinds joined by ",">
 *   canary <index> <P or H> <canary>        (one line per canary, in index order)
 *
 * Check by hand: write those lines to a file and run `sha256sum` on it.
 */
import { createHash } from "node:crypto";
import type { Canary } from "./draw.ts";

export interface Preregistration {
  statistic: string;
  test: string;
  alpha: number;
  /** Context kinds every canary is scored in (e.g. "js-esm", "python"). */
  contexts: string[];
}

export function commitmentText(
  seedHex: string,
  wordlist: string,
  pre: Preregistration,
  canaries: readonly Canary[],
): string {
  const lines = [
    "tgpl-canary-commitment/1",
    `seed ${seedHex}`,
    `wordlist ${wordlist}`,
    `statistic ${pre.statistic}`,
    `test ${pre.test}`,
    `alpha ${String(pre.alpha)}`,
    `contexts ${pre.contexts.join(",")}`,
    ...[...canaries]
      .sort((a, b) => a.index - b.index)
      .map((c) => `canary ${c.index} ${c.published ? "P" : "H"} ${c.text}`),
  ];
  return `${lines.join("\n")}\n`;
}

export const commitmentHash = (text: string): string =>
  createHash("sha256").update(text, "utf8").digest("hex");
