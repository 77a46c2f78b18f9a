/**
 * Vault files: written once with mode 0600, never inside the tree being
 * marked (a vault published with the code would give the held-out canaries away).
 */
import {
  closeSync,
  existsSync,
  fchmodSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { InputError } from "../../errors.ts";
import { validateVault, type Vault } from "./vault.ts";

/** The vault's absolute path, refusing one inside `repoReal` (a real path). */
export function vaultPathOutside(vaultPath: string, repoReal: string): string {
  const abs = resolve(vaultPath);
  let parent: string;
  try {
    parent = realpathSync(dirname(abs));
  } catch {
    throw new InputError(
      `${vaultPath}: the directory ${dirname(abs)} does not exist`,
      "Create it first, outside the repository.",
    );
  }
  const real = join(parent, basename(abs));
  const rel = relative(repoReal, real);
  if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel)))
    throw new InputError(
      `${vaultPath}: the vault must not be inside the repository being marked (${repoReal})`,
      "It holds the held-out canaries and the seed; anything in the tree may be published. Keep it elsewhere, e.g. ~/tgpl-vaults/",
    );
  return real;
}

/**
 * Writes a new vault with mode 0600, atomically (temporary file, then rename).
 * @throws InputError when the file exists: a vault is never overwritten.
 */
export function writeVault(path: string, vault: Vault): void {
  if (existsSync(path))
    throw new InputError(
      `${path}: a file is already there`,
      "A vault is never overwritten (it may hold another campaign's seed). Choose a new file name.",
    );
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "wx", 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${JSON.stringify(vault, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}

/**
 * Reads and validates a vault.
 * @throws InputError when it is missing, not JSON, or fails validation.
 */
export function readVault(path: string): Vault {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(
      `${path}: cannot read the vault (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `${path}: the vault is not valid JSON (${(e as Error).message})`,
      "Use the copy made when the code was marked.",
    );
  }
  return validateVault(json, path);
}
