/**
 * The standalone `License:` paragraphs of Debian machine-readable copyright
 * files (DEP-5, copyright-format 1.0). Pure: text in, paragraphs out.
 */

/** One standalone licence paragraph: its short name and its text. */
export interface LicenseParagraph {
  /** The short name as written after `License:`, trimmed. */
  name: string;
  /** The body: continuation lines de-indented, ` .` lines turned into empty lines. */
  text: string;
  /** 1-based line of the `License:` field in the copyright file. */
  line: number;
}

const FORMAT_LINE = /^Format:\s*\S*copyright-format\/1\.0\/?\s*$/im;

/** True when the file declares the machine-readable format (any URL spelling of 1.0). */
export const isMachineReadable = (text: string): boolean =>
  FORMAT_LINE.test(text.split(/\r?\n\s*\r?\n/, 1)[0] ?? "");

interface Field {
  value: string;
  body: string[];
  line: number;
}

interface RawParagraph {
  fields: Map<string, Field>;
}

function paragraphs(text: string): RawParagraph[] {
  const out: RawParagraph[] = [];
  let current: RawParagraph | undefined;
  let field: Field | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*$/.test(line)) {
      current = undefined;
      field = undefined;
      continue;
    }
    if (line.startsWith("#")) continue; // comments are allowed between fields
    if (/^[ \t]/.test(line)) {
      // A continuation line of the current field; a stray one before any field is ignored.
      field?.body.push(line);
      continue;
    }
    const m = /^([^\s:]+):(.*)$/.exec(line);
    if (!m) continue;
    if (!current) {
      current = { fields: new Map() };
      out.push(current);
    }
    field = { value: m[2]!.trim(), body: [], line: i + 1 };
    current.fields.set(m[1]!.toLowerCase(), field);
  }
  return out;
}

/**
 * De-indent continuation lines: the indentation they share goes (one space
 * at least, the continuation marker), and ` .` is an empty line.
 */
function bodyText(body: string[]): string {
  const lines = body.map((l) => (l.trim() === "." ? "" : l.replace(/\s+$/, "")));
  const indents = lines.filter((l) => l !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = Math.max(1, Math.min(...indents));
  const out = lines.map((l) => l.slice(cut));
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  while (out.length > 0 && out[0] === "") out.shift();
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/**
 * The standalone `License:` paragraphs (a paragraph with a License field and
 * no Files field, other than the header) that carry a text. Paragraphs with
 * only a short name are left out: there is nothing to detect in them.
 */
export function licenseParagraphs(text: string): LicenseParagraph[] {
  if (!isMachineReadable(text)) return [];
  const out: LicenseParagraph[] = [];
  for (const p of paragraphs(text)) {
    if (p.fields.has("files") || p.fields.has("format")) continue;
    const license = p.fields.get("license");
    if (!license || license.value === "") continue;
    const body = bodyText(license.body);
    if (body === "") continue;
    out.push({ name: license.value, text: body, line: license.line });
  }
  return out;
}
