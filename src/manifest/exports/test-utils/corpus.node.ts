/**
 * Real manifests for the export and release tests: corpora built in a temp
 * directory from files the project ships (npm packages as installed in
 * node_modules, the TGPL's own text, a source file of this project with no
 * licence of its own), scanned with `tgpl scan`'s library call.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scan } from "../../../scan/scan.node.ts";
import { openSource } from "../../../sources/index.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const pkgDir = (name: string) => join(ROOT, "node_modules", name);

export interface Workspace {
  dir: string;
  cleanup(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-export-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Scan `input` into `out` (one worker: the tests run side by side on two cores). */
export async function scanInto(input: string, out: string): Promise<string> {
  await scan({
    inputs: [input],
    out,
    workers: 1,
    maxBytes: 1 << 20,
    openSource: (i) => openSource(i),
  });
  return out;
}

/**
 * A corpus like a vendored node_modules tree, with the cases documents must
 * show: packages under MIT and BSD-3-Clause (pend, ms, smol-toml,
 * spdx-expression-parse, copied as installed), a package under the TGPL
 * (its LICENSE is licenses/TGPL-1.0.txt, its package.json says
 * LicenseRef-TGPL-1.0-or-later), and (unless `unlicensed: false`) a file
 * with no licence anywhere above it.
 */
export function makeTrainingCorpus(dir: string, options: { unlicensed?: boolean } = {}): string {
  const root = join(dir, options.unlicensed === false ? "licensed-corpus" : "corpus");
  for (const name of ["pend", "ms", "smol-toml", "spdx-expression-parse"])
    cpSync(pkgDir(name), join(root, "node_modules", name), { recursive: true });
  const tgpl = join(root, "tgpl-lib");
  mkdirSync(tgpl, { recursive: true });
  cpSync(join(ROOT, "licenses", "TGPL-1.0.txt"), join(tgpl, "LICENSE"));
  writeFileSync(
    join(tgpl, "package.json"),
    `${JSON.stringify({ name: "tgpl-lib", version: "1.0.0", license: "LicenseRef-TGPL-1.0-or-later" }, null, 2)}\n`,
  );
  cpSync(join(ROOT, "src", "errors.ts"), join(tgpl, "index.ts"));
  if (options.unlicensed !== false) {
    mkdirSync(join(root, "loose"), { recursive: true });
    cpSync(join(ROOT, "src", "version.ts"), join(root, "loose", "version.ts"));
  }
  return root;
}

/** One file, with its licence in an SPDX tag (the smallest corpus that has a licence). */
export function makeOneFileCorpus(dir: string): string {
  const root = join(dir, "one");
  mkdirSync(root, { recursive: true });
  cpSync(join(pkgDir("smol-toml"), "dist", "index.js"), join(root, "index.js"));
  return root;
}

export function makeEmptyCorpus(dir: string): string {
  const root = join(dir, "empty");
  mkdirSync(root, { recursive: true });
  return root;
}

/**
 * A dataset in The Stack's layout (JSONL rows with repo_name, path, content
 * and detected_licenses), `files` rows over a thousand-odd repositories:
 * large enough that a document listing files would show it.
 */
export function makeStackDataset(dir: string, files: number): string {
  const licences = ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only"];
  const lines: string[] = [];
  for (let i = 0; i < files; i++) {
    const repo = i % 1500;
    lines.push(
      JSON.stringify({
        repo_name: `org${repo}/repo${repo}`,
        path: `src/f${i}.js`,
        content: `// part ${i} of repo${repo}\nexport const value${i} = ${i};\n`,
        detected_licenses: [licences[repo % licences.length]],
      }),
    );
  }
  const path = join(dir, "stack.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}
