/**
 * Git's exclusion rules over nested `.gitignore` files: each file's patterns
 * are relative to its own directory, and a deeper file overrides a shallower
 * one (including re-including with `!`). Pure: the walk feeds in file texts.
 */
import ignore, { type Ignore } from "ignore";

export class IgnoreRules {
  readonly #levels: { base: string; rules: Ignore }[] = [];

  /** Adds the rules of the `.gitignore` in directory `base` ('' for the root). */
  push(base: string, text: string): void {
    this.#levels.push({ base, rules: ignore().add(text) });
  }

  /** Drops the rules added for `base`, when the walk leaves that directory. */
  pop(base: string): void {
    if (this.#levels.at(-1)?.base === base) this.#levels.pop();
  }

  /** Whether `path` (relative to the root) is excluded; directories are matched as `path/`. */
  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, rules } of this.#levels) {
      if (base !== "" && !path.startsWith(`${base}/`)) continue;
      const rel = base === "" ? path : path.slice(base.length + 1);
      const result = rules.test(isDir ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
