/**
 * `tgpl canary mark`: plant a campaign's published canaries in a repository
 * and write its vault. Nothing is half-written: every marked file is first
 * written beside the original, then the vault, then the files are swapped in;
 * any failure puts every original back and removes the vault.
 */
import { randomBytes, createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename } from "node:path";
import { InputError } from "../../errors.ts";
import { commitmentHash, commitmentText, type Preregistration } from "./commitment.ts";
import { type Canary, drawCanaries, normalizeCanary, SEED_BYTES } from "./draw.ts";
import { contextKind, plant } from "./plant.ts";
import {
  type Candidate,
  candidate,
  chooseFiles,
  isCandidate,
  SKIPPED_DIRS,
  type Skipped,
} from "./select.ts";
import { STATISTIC, TEST, VAULT_FORMAT, type Vault, type VaultCanary } from "./vault.ts";
import { vaultPathOutside, writeVault } from "./vault.node.ts";
import { readText, walkTree } from "./walk.node.ts";
import { WORDLIST_VERSION } from "./words.ts";

export interface MarkOptions {
  repo: string;
  vault: string;
  /** Published canaries. */
  count: number;
  /** Held-out canaries (default: as many as published). */
  heldOut?: number;
  /** Pre-registered significance level (default 0.05). */
  alpha?: number;
  /** A fixed seed (64 hex digits), for reproducible tests only: a real campaign's seed must be secret and random. */
  seed?: string;
  now?: Date;
}

export interface MarkResult {
  vault: Vault;
  vaultPath: string;
  commitment: string;
  commitmentText: string;
  planted: { index: number; canary: string; file: string; line: number; statement: string }[];
  candidates: number;
  skipped: Skipped[];
}

const MAX_READ = 4 * 1024 * 1024;

/**
 * Marks a repository.
 * @throws InputError for a missing repository, a vault path inside it or already taken, or too few files to mark.
 */
export function markRepository(options: MarkOptions): MarkResult {
  let repoReal: string;
  try {
    repoReal = realpathSync(options.repo);
  } catch {
    throw new InputError(`${options.repo}: no such directory`);
  }
  if (!statSync(repoReal).isDirectory()) throw new InputError(`${options.repo}: not a directory`);
  const vaultPath = vaultPathOutside(options.vault, repoReal);
  if (existsSync(vaultPath))
    throw new InputError(
      `${options.vault}: a file is already there`,
      "A vault is never overwritten (it may hold another campaign's seed). Choose a new file name.",
    );
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1))
    throw new InputError(`alpha must be between 0 and 1, got ${alpha}`);
  const heldOut = options.heldOut ?? options.count;

  const texts = new Map<string, string>();
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  for (const f of walkTree(repoReal, SKIPPED_DIRS)) {
    const text = readText(f, MAX_READ);
    if (text === null) continue;
    texts.set(f.path, text);
    const c = candidate(f.path, text, f.bytes);
    if (isCandidate(c)) candidates.push(c);
    else if (!c.reason.startsWith("not a JavaScript")) skipped.push(c);
  }
  if (candidates.length < options.count)
    throw new InputError(
      `${options.repo}: ${candidates.length} file(s) can receive a canary, ${options.count} needed (one per file)`,
      candidates.length > 0
        ? `Use --count ${candidates.length} or fewer. Canaries go in JavaScript, TypeScript modules and Python files that are not vendored, generated or minified.`
        : "Canaries go in JavaScript, TypeScript modules and Python files that are not vendored, generated or minified.",
    );

  // A drawn canary that already occurs in the code would not be a canary; draw again from a new seed.
  const normalizedTexts = [...texts.values()].map(normalizeCanary);
  let seed = options.seed ?? randomBytes(SEED_BYTES).toString("hex");
  let canaries: Canary[] = [];
  for (let attempt = 0; ; attempt++) {
    canaries = drawCanaries(seed, options.count, heldOut);
    const clash = canaries.find((c) =>
      normalizedTexts.some((t) => t.includes(normalizeCanary(c.text))),
    );
    if (!clash) break;
    if (options.seed || attempt >= 5)
      throw new InputError(
        `canary ${clash.text} already occurs in ${options.repo}`,
        "Run again without --seed to draw new canaries.",
      );
    seed = randomBytes(SEED_BYTES).toString("hex");
  }

  const chosen = chooseFiles(candidates, options.count, seed);
  const published = canaries.filter((c) => c.published);
  const planted: MarkResult["planted"] = [];
  const newTexts = new Map<string, string>();
  const vaultCanaries: VaultCanary[] = canaries.map((c) => ({ ...c }));
  published.forEach((c, k) => {
    const file = chosen[k]!;
    const p = plant(texts.get(file.path)!, file.kind, c.text);
    newTexts.set(file.path, p.text);
    planted.push({
      index: c.index,
      canary: c.text,
      file: file.path,
      line: p.line,
      statement: p.statement,
    });
    Object.assign(vaultCanaries[c.index]!, {
      file: file.path,
      kind: file.kind,
      line: p.line,
      statement: p.statement,
    });
  });
  const preregistration: Preregistration = {
    statistic: STATISTIC,
    test: TEST,
    alpha,
    contexts: [...new Set(chosen.map((c) => contextKind(c.kind)))].sort(),
  };
  const ctext = commitmentText(seed, WORDLIST_VERSION, preregistration, canaries);
  const commitment = commitmentHash(ctext);
  const vault: Vault = {
    format: VAULT_FORMAT,
    created: (options.now ?? new Date()).toISOString(),
    repository: { name: basename(repoReal), path: repoReal },
    seed,
    wordlist: WORDLIST_VERSION,
    preregistration,
    canaries: vaultCanaries,
    files: [...newTexts].map(([path, text]) => ({
      path,
      sha256: createHash("sha256").update(text).digest("hex"),
    })),
    commitment,
  };

  writeAll(
    repoReal,
    newTexts,
    texts,
    () => writeVault(vaultPath, vault),
    () => unlinkSync(vaultPath),
  );
  return {
    vault,
    vaultPath,
    commitment,
    commitmentText: ctext,
    planted,
    candidates: candidates.length,
    skipped,
  };
}

/** Writes the new texts beside the originals, then the vault, then swaps them in; undoes everything on failure. */
function writeAll(
  root: string,
  newTexts: Map<string, string>,
  originals: Map<string, string>,
  writeVaultFile: () => void,
  removeVaultFile: () => void,
): void {
  const temps: [string, string][] = [];
  const swapped: string[] = [];
  let vaultWritten = false;
  try {
    for (const [path, text] of newTexts) {
      const abs = `${root}/${path}`;
      const tmp = `${abs}.tgpl-mark-${process.pid}`;
      writeFileSync(tmp, text, { flag: "wx" });
      chmodSync(tmp, statSync(abs).mode & 0o7777);
      temps.push([tmp, abs]);
    }
    writeVaultFile();
    vaultWritten = true;
    for (const [tmp, abs] of temps) {
      renameSync(tmp, abs);
      swapped.push(abs);
    }
  } catch (e) {
    for (const [tmp, abs] of temps) {
      if (swapped.includes(abs)) writeFileSync(abs, originals.get(abs.slice(root.length + 1))!);
      else if (existsSync(tmp)) unlinkSync(tmp);
    }
    if (vaultWritten) removeVaultFile();
    throw e;
  }
}
