/**
 * Line numbers of TOML keys. smol-toml gives values but no positions, so this
 * pass walks the text once, tracking table headers and the extent of each
 * value (arrays, inline tables and multi-line strings can span lines).
 * It only locates; the values always come from the real parser.
 */
import { parse, TomlError } from "smol-toml";

export interface TomlEntry {
  /** Dotted table name ("package", "tool.poetry"); "" for the root table. */
  table: string;
  /** Which `[[table]]` element this is (0-based); 0 for plain tables. */
  element: number;
  /** Dotted key within the table ("license", "license.workspace"). */
  key: string;
  /** 1-based first and last line of `key = value`. */
  lines: [number, number];
}

export interface TomlHeader {
  table: string;
  element: number;
  line: number;
  array: boolean;
}

export interface TomlLayout {
  entries: TomlEntry[];
  headers: TomlHeader[];
}

const BARE_OR_QUOTED = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const KEY = new RegExp(`^\\s*(${BARE_OR_QUOTED}(?:\\s*\\.\\s*${BARE_OR_QUOTED})*)\\s*=`);
const HEADER = new RegExp(
  `^\\s*(\\[\\[?)\\s*(${BARE_OR_QUOTED}(?:\\s*\\.\\s*${BARE_OR_QUOTED})*)\\s*\\]`,
);

/** "a . 'b.c' . \"d\"" → "a.b.c.d" (quoted parts keep their dots: fine for our lookups). */
function dotted(raw: string): string {
  const parts = raw.match(new RegExp(BARE_OR_QUOTED, "g")) ?? [];
  return parts.map((p) => (p.startsWith('"') || p.startsWith("'") ? p.slice(1, -1) : p)).join(".");
}

/** Walk a TOML text and record every table header and key with its lines. */
export function tomlLayout(text: string): TomlLayout {
  const lines = text.split("\n");
  const entries: TomlEntry[] = [];
  const headers: TomlHeader[] = [];
  const elements = new Map<string, number>();
  let table = "";
  let element = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = HEADER.exec(line);
    if (header) {
      table = dotted(header[2]!);
      const array = header[1] === "[[";
      element = array ? (elements.get(table) ?? -1) + 1 : 0;
      if (array) elements.set(table, element);
      headers.push({ table, element, line: i + 1, array });
      continue;
    }
    const key = KEY.exec(line);
    if (!key) continue;
    const last = valueEnd(lines, i, key[0].length);
    entries.push({ table, element, key: dotted(key[1]!), lines: [i + 1, last + 1] });
    i = last;
  }
  return { entries, headers };
}

/** Index of the line where the value that starts at `lines[row][col]` ends. */
function valueEnd(lines: string[], row: number, col: number): number {
  let depth = 0;
  let quote: string | undefined; // the open string's delimiter: ", ', """ or '''
  for (let r = row; r < lines.length; r++) {
    const line = lines[r]!;
    for (let c = r === row ? col : 0; c < line.length; c++) {
      const ch = line[c]!;
      if (quote) {
        if (ch === "\\" && quote.startsWith('"')) c++;
        else if (line.startsWith(quote, c)) {
          c += quote.length - 1;
          quote = undefined;
        }
        continue;
      }
      if (ch === "#") break;
      if (ch === '"' || ch === "'") {
        quote = line.startsWith(ch.repeat(3), c) ? ch.repeat(3) : ch;
        c += quote.length - 1;
      } else if (ch === "[" || ch === "{") depth++;
      else if (ch === "]" || ch === "}") depth--;
    }
    // A single-line string left open is a syntax error the parser reports; stop here.
    if (quote && quote.length === 1) quote = undefined;
    if (depth <= 0 && !quote) return r;
  }
  return lines.length - 1;
}

/** Lines of `key` in `table` (element `element` for arrays of tables), if it is there. */
export function findEntry(
  layout: TomlLayout,
  table: string,
  key: string,
  element = 0,
): [number, number] | undefined {
  return layout.entries.find((e) => e.table === table && e.key === key && e.element === element)
    ?.lines;
}

/** Lines of a whole `[[table]]` element: its header through its last key. */
export function elementLines(layout: TomlLayout, table: string, element: number): [number, number] {
  const header = layout.headers.find((h) => h.table === table && h.element === element && h.array);
  const start = header?.line ?? 1;
  let end = start;
  for (const e of layout.entries) {
    if (e.table === table && e.element === element) end = Math.max(end, e.lines[1]);
  }
  return [start, end];
}

/** A parsed TOML document with the lines of its keys. */
export interface TomlDocument {
  value: Record<string, unknown>;
  layout: TomlLayout;
}

/** Parse `text` as TOML; on failure say where through `warn` and return undefined. */
export function readToml(
  text: string,
  file: string,
  warn: (message: string) => void,
): TomlDocument | undefined {
  let value: Record<string, unknown>;
  try {
    value = parse(text) as Record<string, unknown>;
  } catch (e) {
    const where = e instanceof TomlError ? ` at line ${e.line}` : "";
    const why = (e as Error).message.split("\n")[0];
    warn(`${file} is not valid TOML${where} (${why}); fix the syntax to have its licence read`);
    return undefined;
  }
  return { value, layout: tomlLayout(text) };
}

/** `value` as a table, or undefined. */
export const table = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
