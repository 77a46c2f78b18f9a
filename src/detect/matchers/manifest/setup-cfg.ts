/**
 * setuptools' setup.cfg: `[metadata] license_expression`, `license` and the
 * `classifiers` list (pbr's older spelling `classifier` too). The INI syntax
 * is Python's configparser: `key = value` or `key: value`, values continued on
 * indented lines, `#` and `;` comment lines.
 */
import { classifierMatch } from "./classifiers.ts";
import { fieldMatch, looksLikeText, quote, type Reader, resolveOrWarn } from "./declared.ts";

const FILE = "setup.cfg";

interface IniValue {
  /** The value's lines (first line after the `=`, then continuations), trimmed. */
  parts: { text: string; line: number }[];
  lines: [number, number];
}

/** Sections by lower-cased name, keys lower-cased with `-` read as `_` (as setuptools does). */
export function parseIni(text: string): Map<string, Map<string, IniValue>> {
  const sections = new Map<string, Map<string, IniValue>>();
  let section: Map<string, IniValue> | undefined;
  let value: IniValue | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    const n = i + 1;
    const trimmed = line.trim();
    if (trimmed === "" || /^[#;]/.test(trimmed)) continue;
    if (/^\s/.test(line)) {
      if (value) {
        value.parts.push({ text: trimmed, line: n });
        value.lines[1] = n;
      }
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      const name = header[1]!.trim().toLowerCase();
      section = sections.get(name) ?? new Map();
      sections.set(name, section);
      value = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || !section) {
      value = undefined;
      continue;
    }
    value = { parts: [], lines: [n, n] };
    const first = kv[2]!.trim();
    if (first !== "") value.parts.push({ text: first, line: n });
    section.set(kv[1]!.trim().toLowerCase().replace(/-/g, "_"), value);
  }
  return sections;
}

export const readSetupCfg: Reader = (text, warn) => {
  const metadata = parseIni(text).get("metadata");
  if (!metadata) return [];
  for (const key of ["license_expression", "license"]) {
    const value = metadata.get(key);
    if (!value || value.parts.length === 0) continue;
    const where = `${FILE} line ${value.lines[0]}: [metadata] ${key}`;
    const whole = value.parts.map((p) => p.text).join("\n");
    if (/^file:/.test(whole)) {
      warn(
        `${where} = ${quote(whole)} points at a file of terms; write license_expression = <SPDX expression>`,
      );
      continue;
    }
    if (looksLikeText(whole)) {
      warn(
        `${where} holds a licence text, not its name; write license_expression = <SPDX expression>`,
      );
      continue;
    }
    const found = resolveOrWarn(whole, where, warn);
    if (found) return [fieldMatch(found, value.lines)];
  }
  const classifiers = metadata.get("classifiers") ?? metadata.get("classifier");
  if (!classifiers) return [];
  if (classifiers.parts.some((p) => p.text.startsWith("file:"))) {
    warn(
      `${FILE} line ${classifiers.lines[0]}: [metadata] classifiers are read from a file tgpl does not ` +
        "follow; write license_expression = <SPDX expression>",
    );
    return [];
  }
  const byClassifier = classifierMatch(classifiers.parts, FILE, warn);
  return byClassifier ? [byClassifier] : [];
};
