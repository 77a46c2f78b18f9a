/**
 * Cargo.toml: `[package] license` (and `[workspace.package] license`, which
 * members inherit) is an SPDX expression. Crates published before Cargo
 * required SPDX syntax used `/` to mean OR ("MIT/Apache-2.0"), and crates.io
 * still reads it that way.
 */
import {
  type Found,
  fieldMatch,
  MAPPED,
  quote,
  type Reader,
  orWarn,
  resolveDeclared,
} from "./declared.ts";
import { findEntry, readToml, table } from "./toml-lines.ts";

const FILE = "Cargo.toml";

export const readCargoToml: Reader = (text, warn) => {
  const doc = readToml(text, FILE, warn);
  if (!doc) return [];
  const matches = [];
  const tables: [string, Record<string, unknown> | undefined][] = [
    ["package", table(doc.value["package"])],
    ["workspace.package", table(table(doc.value["workspace"])?.["package"])],
  ];
  for (const [name, pkg] of tables) {
    if (!pkg) continue;
    const license = pkg["license"];
    const lines = findEntry(doc.layout, name, "license") ??
      findEntry(doc.layout, name, "license.workspace") ?? [1, 1];
    const where = `${FILE} line ${lines[0]}: [${name}] license`;
    if (typeof license === "string") {
      const found = cargoLicense(license, where, warn);
      if (found) matches.push(fieldMatch(found, lines));
    } else if (table(license)?.["workspace"] === true) {
      warn(
        `${where} is inherited from the workspace ("license.workspace = true"); ` +
          "scan the workspace root Cargo.toml, whose [workspace.package] license applies",
      );
    } else if (license !== undefined) {
      warn(`${where} is not a string; write license = "<SPDX expression>"`);
    }
    const file = pkg["license-file"];
    if (typeof file === "string") {
      const at = findEntry(doc.layout, name, "license-file")?.[0] ?? lines[0];
      warn(
        `${FILE} line ${at}: [${name}] license-file = ${quote(file)} points at a file of terms ` +
          `instead of naming an SPDX licence; scan ${file} to detect them`,
      );
    }
  }
  return matches;
};

function cargoLicense(value: string, where: string, warn: (m: string) => void): Found | undefined {
  const direct = resolveDeclared(value);
  if (!direct.ok && value.includes("/")) {
    const slashed = resolveDeclared(value.split(/\s*\/\s*/).join(" OR "));
    if (slashed.ok) return { spdx: slashed.spdx, score: Math.min(slashed.score, MAPPED) };
  }
  return orWarn(direct, value, where, warn);
}
