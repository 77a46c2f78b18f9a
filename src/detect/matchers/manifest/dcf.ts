/**
 * Debian control file syntax (DCF), which R's DESCRIPTION and the Debian
 * copyright format (.reuse/dep5) both use: paragraphs of `Field: value`
 * separated by blank lines, values continued on lines that start with a space.
 */

export interface DcfField {
  name: string;
  /** The text after the colon on the field's first line, trimmed. */
  first: string;
  /** The continuation lines, trimmed, with Debian's lone "." turned into "". */
  rest: string[];
  /** 1-based first and last line. */
  lines: [number, number];
}

export interface DcfParagraph {
  /** Fields by lower-cased name (field names are case-insensitive). */
  fields: Map<string, DcfField>;
  lines: [number, number];
}

/** The whole value: first line and continuation lines joined by newlines. */
export const fieldText = (f: DcfField): string => [f.first, ...f.rest].join("\n").trim();

/** Split a DCF text into paragraphs; lines that fit no rule are skipped, not fatal. */
export function parseDcf(text: string): DcfParagraph[] {
  const paragraphs: DcfParagraph[] = [];
  let current: DcfParagraph | undefined;
  let field: DcfField | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    const n = i + 1;
    if (line.trim() === "") {
      current = undefined;
      field = undefined;
      continue;
    }
    if (line.startsWith("#")) continue;
    if (/^[ \t]/.test(line)) {
      if (!field || !current) continue;
      const t = line.trim();
      field.rest.push(t === "." ? "" : t);
      field.lines[1] = n;
      current.lines[1] = n;
      continue;
    }
    const m = /^([^\s:][^:]*?)\s*:(.*)$/.exec(line);
    if (!m) {
      field = undefined;
      continue;
    }
    if (!current) {
      current = { fields: new Map(), lines: [n, n] };
      paragraphs.push(current);
    }
    field = { name: m[1]!, first: m[2]!.trim(), rest: [], lines: [n, n] };
    current.fields.set(field.name.toLowerCase(), field);
    current.lines[1] = n;
  }
  return paragraphs;
}
