/**
 * Where the top-level members of a JSON object sit in its text, so a Match can
 * name the lines of `"license": ...`. JSON.parse gives the values but no
 * positions; this one linear pass gives the positions and nothing else.
 */

/** Character offsets of a member: from its key's opening quote to its value's last character. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The top-level members of the object in `text`, by key (the last one wins,
 * as in JSON.parse). Assumes `text` already parsed as JSON.
 */
export function topLevelMembers(text: string): Map<string, Span> {
  const members = new Map<string, Span>();
  let depth = 0;
  let expectKey = false;
  let open: { key: string; start: number } | undefined;
  let lastSolid = 0;
  const close = () => {
    if (open) members.set(open.key, { start: open.start, end: lastSolid });
    open = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (depth === 1 && expectKey) {
        open = { key: JSON.parse(text.slice(i, end + 1)) as string, start: i };
        expectKey = false;
      }
      lastSolid = end;
      i = end;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth === 1) expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth === 1) close();
      depth--;
    } else if (c === 0x2c /* , */ && depth === 1) {
      close();
      expectKey = true;
      continue;
    }
    lastSolid = i;
  }
  return members;
}

/** Offset of the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

/** A parsed JSON object with the positions of its top-level members. */
export interface JsonDocument {
  value: Record<string, unknown>;
  members: Map<string, Span>;
}

/**
 * Parse `text` as a JSON object; on failure say so through `warn` and return
 * undefined. `file` names the format in the message.
 */
export function readJsonObject(
  text: string,
  file: string,
  warn: (message: string) => void,
): JsonDocument | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    warn(
      `${file} is not valid JSON (${(e as Error).message}); fix the syntax to have its licence read`,
    );
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    warn(`${file} holds no JSON object at its top level; its licence cannot be read`);
    return undefined;
  }
  return { value: value as Record<string, unknown>, members: topLevelMembers(text) };
}
