/**
 * Corpus 1: licence files of popular npm packages and their dependencies,
 * installed with scripts off into bench/.cache/npm. A package's licence file is
 * labelled with its package.json `license` when the package has exactly one
 * licence file and the field is a usable SPDX expression.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { isLicenseFileName, labelOf } from "./npm-labels.ts";
import type { Sample } from "./score.ts";

const HERE = new URL("./", import.meta.url).pathname;
const LIST = join(HERE, "npm-packages.json");
/**
 * The resolved tree of the first install, kept in the repository so a fresh
 * machine installs the same versions and the figures stay comparable.
 */
const LOCK = join(HERE, "npm-corpus.package-lock");

export interface NpmStats {
  packages: number;
  labelled: number;
  noLicenseFile: number;
  severalLicenseFiles: number;
  unusableLabel: Record<string, number>;
}

/** Install the package list (once) and return the node_modules folder. */
export function installNpmCorpus(cacheDir: string, log: (m: string) => void): string {
  return ensureNpmCorpus(cacheDir, log).nodeModules;
}

/**
 * The same, also saying whether the tree was installed just now (so lists
 * built from an older tree are stale).
 */
export function ensureNpmCorpus(
  cacheDir: string,
  log: (m: string) => void,
): { nodeModules: string; fresh: boolean } {
  const dir = join(cacheDir, "npm");
  mkdirSync(dir, { recursive: true });
  const list = readFileSync(LIST, "utf8");
  const stamp = createHash("sha256")
    .update(list)
    .update(existsSync(LOCK) ? readFileSync(LOCK) : "")
    .digest("hex");
  const stampFile = join(dir, ".tgpl-bench-stamp");
  if (
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp &&
    existsSync(join(dir, "node_modules"))
  ) {
    return { nodeModules: join(dir, "node_modules"), fresh: false };
  }
  const packages: string[] = JSON.parse(list).packages;
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "tgpl-bench-npm-corpus", private: true, dependencies: Object.fromEntries(packages.map((p) => [p, "*"])) }, null, 2)}\n`,
  );
  const flags = [
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--legacy-peer-deps",
    "--loglevel=error",
  ];
  // `npm install` over a copied lock installs the locked versions; `npm ci`
  // would be stricter than the install that made the lock (one package asks
  // for a dist-tag, `node-fetch@cjs`, that npm ci will not resolve).
  const locked = existsSync(LOCK);
  if (locked) copyFileSync(LOCK, join(dir, "package-lock.json"));
  log(
    `npm install of ${packages.length} packages${locked ? " (locked versions)" : ""} into ${dir} (minutes, once)`,
  );
  execFileSync("npm", ["install", ...flags], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  if (!locked) copyFileSync(join(dir, "package-lock.json"), LOCK);
  writeFileSync(stampFile, stamp);
  return { nodeModules: join(dir, "node_modules"), fresh: true };
}

/** Every installed package folder, nested node_modules included, in sorted order. */
function packageDirs(nodeModules: string): string[] {
  const out: string[] = [];
  const visit = (nm: string) => {
    let names: string[];
    try {
      names = readdirSync(nm).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      if (name.startsWith("@")) {
        for (const sub of safeList(join(nm, name))) visitPackage(join(nm, name, sub));
      } else visitPackage(join(nm, name));
    }
  };
  const visitPackage = (dir: string) => {
    if (!existsSync(join(dir, "package.json"))) return;
    out.push(dir);
    visit(join(dir, "node_modules"));
  };
  visit(nodeModules);
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Build the labelled samples from an installed tree. */
export function npmSamples(nodeModules: string): { samples: Sample[]; stats: NpmStats } {
  const stats: NpmStats = {
    packages: 0,
    labelled: 0,
    noLicenseFile: 0,
    severalLicenseFiles: 0,
    unusableLabel: {},
  };
  const samples: Sample[] = [];
  for (const dir of packageDirs(nodeModules)) {
    stats.packages++;
    let pkg: { name?: string; version?: string } | undefined;
    try {
      pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      pkg = undefined;
    }
    const entries = readdirSync(dir, { withFileTypes: true });
    const licenseEntries = entries.filter(
      (e) => isLicenseFileName(e.name) || (e.isDirectory() && /^licen[cs]es$/i.test(e.name)),
    );
    if (licenseEntries.length === 0) {
      stats.noLicenseFile++;
      continue;
    }
    if (licenseEntries.length > 1 || !licenseEntries[0]!.isFile()) {
      stats.severalLicenseFiles++;
      continue;
    }
    const label = labelOf(pkg);
    if (!label.ok) {
      stats.unusableLabel[label.reason] = (stats.unusableLabel[label.reason] ?? 0) + 1;
      continue;
    }
    const path = join(dir, licenseEntries[0]!.name);
    if (/[\t\n\r]/.test(path)) continue; // licensecheck's tab-separated output could not be read back
    const bytes = readFileSync(path);
    if (bytes.length === 0) continue;
    stats.labelled++;
    samples.push({
      path,
      subset: label.alternatives.length > 0 ? "npm-or" : "npm",
      expected: label.expression,
      accepted: [label.expression, ...label.alternatives],
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      origin: `${pkg?.name ?? "?"}@${pkg?.version ?? "?"}`,
    });
  }
  return { samples, stats };
}
