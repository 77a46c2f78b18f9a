/** A real code corpus for the learned test models: the JavaScript of packages the project installs. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const NODE_MODULES = fileURLToPath(new URL("../../../node_modules/", import.meta.url));

/** The .js files of these packages, sorted by path. */
export function packageSources(packages: readonly string[]): string[] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) {
        if (e !== "node_modules") walk(p);
      } else if (/\.[cm]?js$/.test(e)) out.push([p, readFileSync(p, "utf8")]);
    }
  };
  for (const pkg of packages) walk(join(NODE_MODULES, pkg));
  return out.map(([, text]) => text);
}
