/**
 * Planting a canary in a source file as code that cleaning pipelines keep: a
 * constant whose name and string value are both the canary, placed as the
 * first statement after the file's prologue (shebang, header comments,
 * directives, Python docstring and __future__ imports). Comment stripping
 * leaves it (it is code), minifiers leave it (an export or a property of
 * `exports` is kept, and so is its string), reformatting leaves it (it is
 * found by its letters and digits, whatever the spacing or case).
 */
import { constantName } from "./draw.ts";

/** How a canary is written in a file, by language and module system. */
export type PlantKind = "js-esm" | "js-cjs" | "js-script" | "ts" | "python";

/** The statement that plants `canary` in a file of this kind. */
export function statementFor(kind: PlantKind, canary: string): string {
  const name = constantName(canary);
  switch (kind) {
    case "js-esm":
    case "ts":
      return `export const ${name} = "${canary}";`;
    case "js-cjs":
      return `exports.${name} = "${canary}";`;
    case "js-script":
      return `var ${name} = "${canary}";`;
    case "python":
      return `${name} = "${canary}"`;
  }
}

/** Context kinds a canary is scored in: kinds whose statements read the same share one. */
export const contextKind = (kind: PlantKind): string => (kind === "ts" ? "js-esm" : kind);

const ESM_SYNTAX =
  /^\s*(import\s*[\w{*"'$]|export\s+(\{|\*|default\b|const\b|let\b|var\b|function\b|async\b|class\b|type\b|interface\b|enum\b|abstract\b|declare\b))/m;
const CJS_SYNTAX = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/;

/**
 * The kind of a file from its name and text, or null when canaries are not
 * planted in such files: a wrong guess would break the file, so unclear cases are left alone.
 */
export function plantKind(path: string, text: string): PlantKind | null {
  const lower = path.toLowerCase();
  if (lower.endsWith(".d.ts") || lower.endsWith(".d.mts") || lower.endsWith(".d.cts")) return null;
  if (/\.(ts|tsx|mts|cts)$/.test(lower)) {
    // A TS script would become a module; `export =` allows no other export.
    if (!ESM_SYNTAX.test(text) || /^\s*export\s*=/m.test(text)) return null;
    return "ts";
  }
  if (lower.endsWith(".mjs")) return "js-esm";
  if (lower.endsWith(".cjs")) return "js-cjs";
  if (/\.(js|jsx)$/.test(lower)) {
    const esm = ESM_SYNTAX.test(text);
    const cjs = CJS_SYNTAX.test(text);
    if (esm && cjs) return null; // which module system runs it is not in the file
    if (esm) return "js-esm";
    return cjs ? "js-cjs" : "js-script";
  }
  if (lower.endsWith(".py")) return "python";
  return null;
}

/** Index of the first line after a JavaScript/TypeScript file's prologue. */
function jsPrologueEnd(lines: readonly string[]): number {
  let i = 0;
  if (lines[0]?.startsWith("#!")) i = 1;
  while (i < lines.length) {
    const l = lines[i]!.trim();
    if (l === "" || l.startsWith("//")) {
      i++;
      continue;
    }
    if (l.startsWith("/*")) {
      let j = i;
      let rest = l.slice(2);
      while (!rest.includes("*/") && j + 1 < lines.length) rest = lines[++j]!;
      const after = rest.slice(rest.indexOf("*/") + 2).trim();
      if (!rest.includes("*/") || (after !== "" && !after.startsWith("//"))) return i;
      i = j + 1;
      continue;
    }
    if (/^(['"])use [^'"]*\1;?$/.test(l)) {
      i++;
      continue;
    }
    return i;
  }
  return i;
}

/** Index of the first line after a Python file's prologue (docstring and __future__ imports). */
function pythonPrologueEnd(lines: readonly string[]): number {
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!)) i++;
  };
  skipBlank();
  const first = lines[i] ?? "";
  const triple = /^[rRuUbB]{0,2}("""|''')/.exec(first);
  if (triple) {
    const q = triple[1]!;
    const afterOpen = first.slice(triple[0].length);
    if (afterOpen.includes(q)) i++;
    else {
      i++;
      while (i < lines.length && !lines[i]!.includes(q)) i++;
      i++;
    }
  } else if (/^[rRuU]?("|')(?:\\.|(?!\1).)*\1\s*$/.test(first)) i++;
  for (;;) {
    const save = i;
    skipBlank();
    const l = lines[i] ?? "";
    if (!/^from\s+__future__\s+import\b/.test(l)) {
      i = save;
      break;
    }
    if (l.includes("(") && !l.includes(")")) {
      while (i < lines.length && !lines[i]!.includes(")")) i++;
    } else {
      while (i < lines.length && lines[i]!.trimEnd().endsWith("\\")) i++;
    }
    i++;
  }
  skipBlank();
  return i;
}

export interface Planted {
  text: string;
  /** 1-based line number of the planted statement. */
  line: number;
  statement: string;
}

/** The file's text with the canary's statement planted after its prologue. */
export function plant(text: string, kind: PlantKind, canary: string): Planted {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom ? text.slice(1) : text;
  const eol = body.includes("\r\n") ? "\r\n" : "\n";
  const lines = body.split(/\r?\n/);
  const at = kind === "python" ? pythonPrologueEnd(lines) : jsPrologueEnd(lines);
  const statement = statementFor(kind, canary);
  const before = lines.slice(0, at);
  const after = lines.slice(at);
  // A file that is all prologue may lack a final newline: keep the statement on its own line.
  const out = [...before, statement, ...after];
  if (at === lines.length) out.push("");
  return { text: bom + out.join(eol), line: at + 1, statement };
}
