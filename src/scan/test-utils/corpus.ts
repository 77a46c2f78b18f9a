/**
 * A small real-world corpus for scan tests, built in a temp directory from
 * files that ship with the project: its own package.json and sources, and
 * real npm packages copied from node_modules.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(new URL(import.meta.url).pathname), "..", "..", "..");
const pkgDir = (name: string) => join(ROOT, "node_modules", name);

export interface Corpus {
  dir: string;
  /** The project directory scanned. */
  project: string;
  cleanup(): void;
}

/**
 * Layout:
 * - package.json (this project's, AGPL-3.0-or-later) and src/ files with no licence of their own;
 * - docs/changelog.gz (binary), docs/empty.txt (empty), a dangling symlink (an error row);
 * - node_modules/{ignore (MIT), smol-toml (BSD-3-Clause, SPDX tags), pend (MIT)} copied as installed;
 * - node_modules/strnum with its licence file and licence field removed: licence unknown, and
 *   never inherited from the project around it.
 */
export function makeCorpus(): Corpus {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-scan-"));
  const project = join(dir, "proj");
  mkdirSync(join(project, "src"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(project, "package.json"));
  for (const f of ["errors.ts", "version.ts", "detect/expression.ts", "detect/combine.ts"])
    cpSync(join(ROOT, "src", f), join(project, "src", f.replace("/", "-")));
  mkdirSync(join(project, "docs"));
  writeFileSync(
    join(project, "docs", "changelog.gz"),
    gzipSync(readFileSync(join(pkgDir("pend"), "LICENSE"))),
  );
  writeFileSync(join(project, "docs", "empty.txt"), "");
  symlinkSync("../nowhere/README", join(project, "docs", "README"));
  for (const name of ["ignore", "smol-toml", "pend"])
    cpSync(pkgDir(name), join(project, "node_modules", name), { recursive: true });
  const strnum = join(project, "node_modules", "strnum");
  cpSync(pkgDir("strnum"), strnum, { recursive: true });
  rmSync(join(strnum, "LICENSE"), { force: true });
  const manifest = JSON.parse(readFileSync(join(strnum, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  delete manifest.license;
  writeFileSync(join(strnum, "package.json"), JSON.stringify(manifest, null, 2));
  return { dir, project, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
