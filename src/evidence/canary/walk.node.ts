/** Files of a repository tree for marking and checking (symbolic links are not followed). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface TreeFile {
  /** Path relative to the root, with "/" separators. */
  path: string;
  abs: string;
  bytes: number;
}

/** Every regular file under `root`, sorted, skipping directories named in `skip`. */
export function walkTree(root: string, skip: ReadonlySet<string>): TreeFile[] {
  const out: TreeFile[] = [];
  const visit = (dir: string, rel: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const abs = join(dir, e.name);
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skip.has(e.name)) visit(abs, path);
      } else if (e.isFile()) out.push({ path, abs, bytes: statSync(abs).size });
    }
  };
  visit(root, "");
  return out;
}

/** A file's text when it looks like text (no NUL in its first 8 KiB), else null. */
export function readText(file: TreeFile, maxBytes: number): string | null {
  if (file.bytes > maxBytes) return null;
  const buf = readFileSync(file.abs);
  if (buf.subarray(0, 8192).includes(0)) return null;
  return buf.toString("utf8");
}
