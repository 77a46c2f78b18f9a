/**
 * Corpus 3: about 20,000 real source files in several languages, for speed
 * and for how often each tool names a licence. Unlabelled: no accuracy claim.
 * The pick is deterministic: within each language, files in order of a hash
 * of their path, so the set is a spread over packages rather than the first
 * folders of a walk.
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface SourceFile {
  path: string;
  bytes: number;
  language: string;
}

/** Where each language is found on a Debian machine with the bench's packages, and its share. */
const LANGUAGES: { language: string; ext: RegExp; roots: string[]; quota: number }[] = [
  {
    language: "JavaScript/TypeScript",
    ext: /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/,
    roots: ["<npm>"],
    quota: 7000,
  },
  { language: "C/C++ headers", ext: /\.(h|hh|hpp)$/, roots: ["/usr/include"], quota: 3000 },
  {
    language: "C",
    ext: /\.c$/,
    roots: ["/usr/share/cargo/registry", "/usr/share/gocode", "/usr/include"],
    quota: 500,
  },
  {
    language: "Python",
    ext: /\.py$/,
    roots: ["/usr/lib/python3", "/usr/lib/python3.11"],
    quota: 3000,
  },
  {
    language: "Perl",
    ext: /\.(pm|pl)$/,
    roots: ["/usr/share/perl5", "/usr/share/perl", "/usr/lib/x86_64-linux-gnu/perl5"],
    quota: 1500,
  },
  { language: "Go", ext: /\.go$/, roots: ["/usr/share/gocode"], quota: 2000 },
  { language: "Rust", ext: /\.rs$/, roots: ["/usr/share/cargo/registry"], quota: 2000 },
  {
    language: "Ruby",
    ext: /\.rb$/,
    roots: ["/usr/lib/ruby", "/usr/share/rubygems-integration"],
    quota: 1000,
  },
];

const MAX_BYTES = 1 << 20;

function walk(root: string, ext: RegExp, out: Map<string, number>): void {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) stack.push(path);
      else if (
        st.isFile() &&
        ext.test(name) &&
        st.size > 0 &&
        st.size <= MAX_BYTES &&
        !/[\t\n\r]/.test(path)
      )
        out.set(path, st.size);
    }
  }
}

const rank = (path: string) => createHash("sha1").update(path).digest("hex");

/**
 * Pick `total` source files (fewer if the machine has fewer): each language
 * up to its quota, the rest filled from what is left in hash order. Files
 * over 1 MiB are left out (tgpl reads 1 MiB of a file by default).
 */
export function sourceFiles(nodeModules: string, total = 20_000): SourceFile[] {
  const picked: SourceFile[] = [];
  const leftovers: (SourceFile & { key: string })[] = [];
  const taken = new Set<string>();
  for (const lang of LANGUAGES) {
    const found = new Map<string, number>();
    for (const root of lang.roots) {
      const r = root === "<npm>" ? nodeModules : root;
      if (existsSync(r)) walk(r, lang.ext, found);
    }
    const files = [...found]
      .filter(([p]) => !taken.has(p))
      .map(([path, bytes]) => ({ path, bytes, language: lang.language, key: rank(path) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const quota = Math.round((lang.quota * total) / 20_000);
    for (const f of files.slice(0, quota)) {
      picked.push({ path: f.path, bytes: f.bytes, language: f.language });
      taken.add(f.path);
    }
    for (const f of files.slice(quota, quota + total)) leftovers.push(f);
  }
  leftovers.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const f of leftovers) {
    if (picked.length >= total) break;
    if (taken.has(f.path)) continue;
    picked.push({ path: f.path, bytes: f.bytes, language: f.language });
    taken.add(f.path);
  }
  return picked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
