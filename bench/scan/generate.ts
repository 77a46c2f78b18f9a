/**
 * Generated corpora for the scan benchmark: deterministic (a seeded PRNG), so
 * every run measures the same bytes. Files look like small source files of a
 * few languages; some carry an SPDX tag, every package has a package.json
 * with a `license` field and a real licence text, as real trees do. Pure:
 * the caller writes what it returns.
 */

/** Mulberry32: small, fast, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LICENCES = [
  "MIT",
  "Apache-2.0",
  "ISC",
  "BSD-3-Clause",
  "GPL-3.0-or-later",
  "MPL-2.0",
] as const;
const EXTENSIONS = [
  ["js", "//"],
  ["ts", "//"],
  ["py", "#"],
  ["go", "//"],
  ["rs", "//"],
  ["c", "//"],
] as const;
const WORDS =
  "value index result buffer count parse render token stream node error state config options handler cache entry offset length field".split(
    " ",
  );

/** One source file's text: an optional SPDX line, then code-like lines, about `size` bytes. */
export function sourceText(
  rand: () => number,
  comment: string,
  licence: string | null,
  size: number,
): string {
  const lines: string[] = [];
  if (licence) lines.push(`${comment} SPDX-License-Identifier: ${licence}`);
  let length = 0;
  while (length < size) {
    const indent = " ".repeat(2 * Math.floor(rand() * 4));
    const n = 2 + Math.floor(rand() * 8);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    const line = `${indent}${words.join(rand() < 0.5 ? "." : " = ")};`;
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

export interface GeneratedFile {
  path: string;
  text: string;
}

/** Sizes skewed like real code: mostly small, a tail of larger files (mean about 2.5 KB). */
const sizeOf = (rand: () => number) => Math.floor(300 + 6000 * rand() ** 3);

/**
 * The files of package `p` of a generated tree: package.json, LICENSE (the
 * licence's real text, given by the caller), and `count - 2` source files in
 * a few subdirectories, 30% of them with an SPDX tag.
 */
export function packageFiles(
  p: number,
  count: number,
  licenceTexts: Record<string, string>,
): GeneratedFile[] {
  const rand = prng(p + 1);
  const licence = LICENCES[p % LICENCES.length]!;
  const name = `pkg-${String(p).padStart(5, "0")}`;
  const files: GeneratedFile[] = [
    {
      path: `${name}/package.json`,
      text: `${JSON.stringify({ name, version: "1.0.0", license: licence }, null, 2)}\n`,
    },
    { path: `${name}/LICENSE`, text: licenceTexts[licence] ?? licence },
  ];
  for (let i = 0; i < count - 2; i++) {
    const [ext, comment] = EXTENSIONS[Math.floor(rand() * EXTENSIONS.length)]!;
    const tagged = rand() < 0.3 ? licence : null;
    const dir = ["src", "lib", "test", "src/util"][i % 4];
    files.push({
      path: `${name}/${dir}/file-${i}.${ext}`,
      text: sourceText(rand, comment, tagged, sizeOf(rand)),
    });
  }
  return files;
}

/** One dataset row in The Stack's layout. */
export function datasetRow(i: number): Record<string, unknown> {
  const rand = prng(1_000_003 + i);
  const [ext, comment] = EXTENSIONS[i % EXTENSIONS.length]!;
  const repo = i % 1000;
  const licence = LICENCES[repo % LICENCES.length]!;
  const tagged = rand() < 0.3 ? licence : null;
  return {
    content: sourceText(rand, comment, tagged, sizeOf(rand)),
    path: `src/module-${i % 97}/file-${i}.${ext}`,
    repo_name: `org-${repo % 37}/repo-${repo}`,
    detected_licenses: repo % 5 === 0 ? [] : [licence],
    license_type: repo % 5 === 0 ? "no_license" : "permissive",
  };
}
