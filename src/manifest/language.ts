/** Language of a file by name, from data/languages.json (Linguist's names). */
import table from "../../data/languages.json" with { type: "json" };

const byName = new Map<string, string>(Object.entries(table.filenames));
const byExtension = new Map<string, string>(Object.entries(table.extensions));

/** The language of `path` ('/'-separated), or null when its name says nothing. */
export function languageOf(path: string): string | null {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const named = byName.get(base);
  if (named) return named;
  const dot = base.lastIndexOf(".");
  // A leading dot is a hidden file's name, not an extension (`.bashrc`).
  if (dot <= 0) return null;
  return byExtension.get(base.slice(dot + 1).toLowerCase()) ?? null;
}
