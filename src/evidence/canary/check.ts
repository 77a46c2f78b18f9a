/**
 * Finding canaries in a copy of the code. The search runs on letters and
 * digits only, lower-cased, so a canary is found after reformatting,
 * minification (its string constant survives), comment stripping, or a change
 * of case or separator (QUIET_HARBOR_LANTERN_47, quiet-harbor-lantern-47).
 */
import { type Canary, normalizeCanary } from "./draw.ts";

export interface Presence {
  index: number;
  text: string;
  published: boolean;
  /** Files where it was found. */
  files: string[];
}

export function findCanaries(
  files: Iterable<{ path: string; text: string }>,
  canaries: readonly Canary[],
): Presence[] {
  const wanted = canaries.map((c) => ({ c, n: normalizeCanary(c.text), files: [] as string[] }));
  for (const f of files) {
    const n = normalizeCanary(f.text);
    for (const w of wanted) if (n.includes(w.n)) w.files.push(f.path);
  }
  return wanted.map((w) => ({
    index: w.c.index,
    text: w.c.text,
    published: w.c.published,
    files: w.files,
  }));
}
