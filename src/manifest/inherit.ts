/**
 * Licence inheritance: a file with no licence of its own takes the licence of
 * the nearest licence file or package manifest in its directory or above, in
 * the same project. Pure: the store feeds it the carriers and the directories
 * that need a licence, and writes back what it returns.
 *
 * Rules:
 * - Several carriers in one directory are joined as detection joins matches
 *   in one file (detect/combine.ts): their licences are ANDed, except that a
 *   stated choice (a manifest's `MIT OR Apache-2.0`) absorbs the licence texts
 *   it chooses between (LICENSE-MIT and LICENSE-APACHE beside Cargo.toml).
 * - The search never climbs out of a vendored package (node_modules/pkg,
 *   vendor/pkg...): a copied-in package with no licence file is unknown, not
 *   licensed under the project that copied it.
 */
import { combine } from "../detect/combine.ts";
import type { Match } from "../detect/types.ts";
import { type Role, vendoredRootOf } from "./classify.ts";

/** A file whose own licence other files may inherit. */
export interface Carrier {
  project: string;
  path: string;
  licence: string;
  role: Role;
}

export interface Inherited {
  project: string;
  dir: string;
  licence: string;
  /** The carriers' paths, joined with ", ". */
  from: string;
}

/** Directory part of a '/'-separated path ('' at the top). */
export const dirOf = (path: string): string => {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
};

const key = (project: string, dir: string) => `${project}\0${dir}`;

/** What each directory holding carriers gives the files below it. */
function carrierDirs(carriers: readonly Carrier[]): Map<string, { licence: string; from: string }> {
  const grouped = new Map<string, Carrier[]>();
  for (const c of carriers) {
    const k = key(c.project, dirOf(c.path));
    const list = grouped.get(k);
    if (list) list.push(c);
    else grouped.set(k, [c]);
  }
  const out = new Map<string, { licence: string; from: string }>();
  for (const [k, list] of grouped) {
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const matches: Match[] = list.map((c) => ({
      spdx: c.licence,
      matcher: c.role === "manifest" ? "manifest" : "text",
      score: 1,
      lines: [1, 1],
    }));
    const licence = combine(matches);
    if (licence) out.set(k, { licence, from: list.map((c) => c.path).join(", ") });
  }
  return out;
}

/**
 * The inherited licence of each directory in `dirs` that has one.
 * @param dirs the (project, directory) pairs of files with no licence of their own
 */
export function resolveInheritance(
  carriers: readonly Carrier[],
  dirs: Iterable<{ project: string; dir: string }>,
): Inherited[] {
  const byDir = carrierDirs(carriers);
  const out: Inherited[] = [];
  for (const { project, dir } of dirs) {
    const stop = vendoredRootOf(dir);
    let at = dir;
    for (;;) {
      const found = byDir.get(key(project, at));
      if (found) {
        out.push({ project, dir, licence: found.licence, from: found.from });
        break;
      }
      if (at === "" || at === stop) break;
      at = dirOf(at);
    }
  }
  return out;
}
