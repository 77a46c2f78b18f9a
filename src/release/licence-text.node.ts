/**
 * The text of the weights' licence for the bundle's LICENSE: the TGPL as
 * shipped with tgpl, a listed licence from the SPDX list (spdx-license-list,
 * CC0), or a text the user gives. An expression of several licences gets
 * each text, under a line that says how they combine.
 */
import { createRequire } from "node:module";
import { licenceIds } from "../manifest/exports/doc.ts";
import { tgplId } from "../manifest/exports/licences.ts";

const require = createRequire(import.meta.url);
type ListEntry = { name: string; licenseText: string };
let list: Record<string, ListEntry> | undefined;

function listed(id: string): ListEntry | undefined {
  list ??= require("spdx-license-list/full") as Record<string, ListEntry>;
  const key = Object.keys(list).find((k) => k.toLowerCase() === id.toLowerCase());
  return key ? list[key] : undefined;
}

/** The LICENSE text, or the ids tgpl has no text for. */
export function weightsLicenceText(
  expression: string,
  tgplText: string,
): { text: string } | { missing: string[] } {
  const ids = licenceIds(expression);
  const texts: { id: string; text: string }[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    if (tgplId(id)) texts.push({ id, text: tgplText });
    else {
      const entry = listed(id);
      if (entry) texts.push({ id, text: entry.licenseText });
      else missing.push(id);
    }
  }
  if (missing.length > 0) return { missing };
  // The TGPL's two ids share one text: print it once.
  const unique = [...new Map(texts.map((t) => [t.text, t])).values()];
  if (ids.length === 1 || unique.length === 1) return { text: `${unique[0]!.text.trimEnd()}\n` };
  const sep = `\n\n${"-".repeat(72)}\n\n`;
  return {
    text: `The model's weights are licensed under ${expression}. The texts of these licences follow.${sep}${unique
      .map((t) => `${t.id}\n\n${t.text.trimEnd()}`)
      .join(sep)}\n`,
  };
}
