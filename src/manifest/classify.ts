/**
 * Marks on a manifest row: vendored (third-party code copied in), generated
 * (build output, lock files, code with a generator's banner) and the role a
 * file plays for licence inheritance (a licence file or a package manifest).
 * Patterns live in data/classify.json so they can be extended without code.
 */
import rules from "../../data/classify.json" with { type: "json" };
import { isLicenceFileName } from "../detect/licence-file-names.ts";

/** What a file is for licence inheritance. */
export type Role = "licence-file" | "manifest";

export interface Marks {
  vendored: boolean;
  generated: boolean;
  role: Role | null;
}

/** One pattern that matches where any of `sources` does: one pass per name, not one per rule. */
const anyOf = (sources: string[], flags = "") =>
  new RegExp(sources.map((s) => `(?:${s})`).join("|"), flags);
const MANIFESTS = anyOf(rules.manifests);
const GENERATED_NAMES = anyOf(rules.generatedNames, "i");
const GENERATED_MARKERS = rules.generatedMarkers.map((s) => new RegExp(s));
const VENDORED = new Set(rules.vendoredDirs);
const GENERATED_DIRS = new Set(rules.generatedDirs);
const PACKAGE_DIRS = new Set(rules.vendoredPackageDirs.dirs);
const SCOPED = new Set(rules.vendoredPackageDirs.scoped);
const MINIFIED_EXT = new Set(rules.minified.extensions);

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const dirSegments = (path: string) => path.split("/").slice(0, -1);

export function roleOf(path: string): Role | null {
  const base = baseName(path);
  if (MANIFESTS.test(base)) return "manifest";
  if (isLicenceFileName(base)) return "licence-file";
  return null;
}

export const isVendored = (path: string): boolean => dirSegments(path).some((s) => VENDORED.has(s));

export function isGeneratedPath(path: string): boolean {
  const base = baseName(path);
  return GENERATED_NAMES.test(base) || dirSegments(path).some((s) => GENERATED_DIRS.has(s));
}

/** A generator's banner near the top of the file. */
export function hasGeneratedMarker(head: string): boolean {
  const top = head.slice(0, rules.generatedMarkerBytes);
  // Every banner says "generated" or "DO NOT EDIT": a plain substring search rules most files
  // out before the patterns run (they cost a pass over the text each).
  if (!top.includes("enerated") && !top.includes("DO NOT EDIT")) return false;
  return GENERATED_MARKERS.some((re) => re.test(top));
}

/** Scripts and stylesheets, the files that minifiers write. */
function minifiable(path: string): boolean {
  const base = baseName(path);
  return MINIFIED_EXT.has(base.slice(base.lastIndexOf(".") + 1).toLowerCase());
}

/** Characters of the head the minified test reads: a few lines. */
const MINIFIED_HEAD = 4096;

/** Characters of a file's head that `classify` looks at (the minified test reads more). */
export function headCharsFor(path: string): number {
  return minifiable(path) ? MINIFIED_HEAD : rules.generatedMarkerBytes;
}

/** Minified scripts and stylesheets: very long lines (shebang or banner lines do not hide them). */
export function looksMinified(path: string, head: string): boolean {
  if (!minifiable(path) || head.length < rules.minified.meanLineLength) return false;
  let lines = 1;
  for (let i = head.indexOf("\n"); i >= 0; i = head.indexOf("\n", i + 1)) lines++;
  return head.length / lines >= rules.minified.meanLineLength;
}

/**
 * Marks of one file from its path and the start of its text (empty for binary
 * files: only their names can say they are generated).
 */
export function classify(path: string, headText: string): Marks {
  return {
    vendored: isVendored(path),
    generated:
      isGeneratedPath(path) || hasGeneratedMarker(headText) || looksMinified(path, headText),
    role: roleOf(path),
  };
}

/**
 * The root directory of the vendored package a directory is in
 * (`node_modules/@scope/pkg` for `node_modules/@scope/pkg/lib`), the innermost
 * one when packages nest, or null when it is not inside one. Licence
 * inheritance stops there: a vendored package's licence is its own, never the
 * one of the project that copied it in.
 */
export function vendoredRootOf(dir: string): string | null {
  if (dir === "") return null;
  const parts = dir.split("/");
  let root: string | null = null;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!PACKAGE_DIRS.has(parts[i]!)) continue;
    let end = i + 1;
    if (SCOPED.has(parts[i]!) && parts[end]!.startsWith("@") && end + 1 < parts.length) end++;
    root = parts.slice(0, end + 1).join("/");
  }
  return root;
}
