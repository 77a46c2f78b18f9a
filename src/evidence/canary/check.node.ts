/** `tgpl canary check`: which published canaries a copy of the code still holds. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../errors.ts";
import { findCanaries, type Presence } from "./check.ts";
import type { Vault } from "./vault.ts";
import { readText, walkTree } from "./walk.node.ts";

export interface CheckResult {
  repo: string;
  commitment: string;
  published: Presence[];
  /** Held-out canaries found in the copy: they were never published, so this means the vault leaked or the copy is not what it seems. */
  heldOutFound: Presence[];
  present: number;
  total: number;
  filesSearched: number;
  /** The files the vault marked, as found at the same paths: unchanged since marking, modified, or missing. */
  markedFiles: { path: string; status: "unchanged" | "modified" | "missing" }[];
}

/**
 * Searches every text file under `repo` (all directories but .git) for the vault's canaries.
 * @throws InputError when the repository is missing, or neither a canary nor a marked file of the vault is in it.
 */
export function checkRepository(repo: string, vault: Vault): CheckResult {
  let root: string;
  try {
    root = realpathSync(repo);
  } catch {
    throw new InputError(`${repo}: no such directory`);
  }
  if (!statSync(root).isDirectory()) throw new InputError(`${repo}: not a directory`);
  const files = walkTree(root, new Set([".git", ".hg", ".svn"]));
  let searched = 0;
  const texts = (function* () {
    for (const f of files) {
      const text = readText(f, 64 * 1024 * 1024);
      if (text === null) continue;
      searched++;
      yield { path: f.path, text };
    }
  })();
  const found = findCanaries(texts, vault.canaries);
  const published = found.filter((p) => p.published);
  const present = published.filter((p) => p.files.length > 0).length;
  if (present === 0 && !vault.files.some((f) => existsSync(join(root, f.path))))
    throw new InputError(
      `${repo} does not match the vault: none of its ${published.length} published canaries and none of the files it marked (${vault.files
        .slice(0, 3)
        .map((f) => f.path)
        .join(", ")}${vault.files.length > 3 ? ", ..." : ""}) are there`,
      `The vault was made for ${vault.repository.name} (${vault.repository.path}). Pass that repository, or a copy of it.`,
    );
  const markedFiles = vault.files.map((f) => {
    const abs = join(root, f.path);
    if (!existsSync(abs)) return { path: f.path, status: "missing" as const };
    const hash = createHash("sha256").update(readFileSync(abs)).digest("hex");
    return {
      path: f.path,
      status: hash === f.sha256 ? ("unchanged" as const) : ("modified" as const),
    };
  });
  return {
    repo: root,
    commitment: vault.commitment,
    markedFiles,
    published,
    heldOutFound: found.filter((p) => !p.published && p.files.length > 0),
    present,
    total: published.length,
    filesSearched: searched,
  };
}
