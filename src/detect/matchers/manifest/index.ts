/**
 * Package manifests and REUSE files: the licence a project declares in its
 * package.json, Cargo.toml, pyproject.toml, setup.cfg, *.gemspec,
 * composer.json, pom.xml, R DESCRIPTION, REUSE.toml or .reuse/dep5.
 * The format is picked by the file's base name; other files yield nothing.
 */
import type { Matcher } from "../../types.ts";
import { readCargoToml } from "./cargo.ts";
import { readComposerJson } from "./composer.ts";
import type { Reader } from "./declared.ts";
import { readDep5 } from "./dep5.ts";
import { readGemspec } from "./gemspec.ts";
import { readPackageJson } from "./package-json.ts";
import { readPom } from "./pom.ts";
import { readPyproject } from "./pyproject.ts";
import { readRDescription } from "./r-description.ts";
import { readReuseToml } from "./reuse-toml.ts";
import { readSetupCfg } from "./setup-cfg.ts";

const BY_NAME: Record<string, Reader> = {
  "package.json": readPackageJson,
  "composer.json": readComposerJson,
  "Cargo.toml": readCargoToml,
  "pyproject.toml": readPyproject,
  "setup.cfg": readSetupCfg,
  "pom.xml": readPom,
  DESCRIPTION: readRDescription,
  "REUSE.toml": readReuseToml,
  dep5: readDep5,
};

/** The reader for a file name, if it is a manifest this matcher knows. */
export function readerFor(path: string): Reader | undefined {
  const base = path.split(/[\\/]/).pop() ?? path;
  if (Object.hasOwn(BY_NAME, base)) return BY_NAME[base];
  if (base.endsWith(".gemspec")) return readGemspec;
  if (base.endsWith(".pom")) return readPom;
  return undefined;
}

export const manifestMatcher: Matcher = (input, warnings) => {
  const reader = readerFor(input.path);
  if (!reader) return [];
  const base = input.path.split(/[\\/]/).pop() ?? input.path;
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  try {
    return reader(text, (message) => warnings.warn(message), base);
  } catch (e) {
    // A reader bug must not stop a scan: say so and go on with the next file.
    warnings.warn(
      `${base} could not be read as a manifest (${(e as Error).message}); ` +
        "this is a bug in tgpl, please report it with the file",
    );
    return [];
  }
};
