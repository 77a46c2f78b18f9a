/**
 * The 512-byte tar header, as GNU tar, bsdtar and Python's tarfile write it:
 * ustar (with its 155-byte prefix), GNU (base-256 sizes; long names come as
 * separate 'L'/'K' members), and pax extended headers ('x') whose records
 * override the next header's fields. Pure: bytes in, fields out.
 */

export const BLOCK = 512;

export interface TarHeader {
  /** Member name, with the ustar prefix joined on. */
  name: string;
  size: number;
  /** Type flag: '0' file, '1' hard link, '2' symlink, '5' directory, 'L'/'K' GNU long name/link, 'x'/'g' pax... */
  type: string;
  linkname: string;
}

export type ParsedHeader =
  | { kind: "end" }
  | { kind: "header"; header: TarHeader }
  | { kind: "corrupt"; message: string };

function cString(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return Buffer.from(field.subarray(0, nul === -1 ? length : nul)).toString("utf8");
}

/** Octal digits padded with spaces or NULs; GNU stores numbers too big for them in base-256 (high bit set). */
function numeric(block: Uint8Array, start: number, length: number): number | null {
  const field = block.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    if (((field[0] ?? 0) & 0x40) !== 0) return null; // negative
    let value = (field[0] ?? 0) & 0x3f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return Number.isSafeInteger(value) ? value : null;
  }
  const text = Buffer.from(field)
    .toString("latin1")
    .replace(/[\0 ]+$/, "")
    .replace(/^ +/, "");
  if (text === "") return 0;
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : null;
}

export function parseHeader(block: Uint8Array): ParsedHeader {
  if (block.every((b) => b === 0)) return { kind: "end" };
  const stored = numeric(block, 148, 8);
  // The checksum counts its own field as eight spaces. Some old writers summed signed bytes.
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const b = block[i] ?? 0;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  if (stored === null || (stored !== unsigned && stored !== signed))
    return { kind: "corrupt", message: "header checksum does not match" };
  const size = numeric(block, 124, 12);
  if (size === null) return { kind: "corrupt", message: "header has an unreadable size field" };
  let name = cString(block, 0, 100);
  // Only POSIX ustar ("ustar\0" "00") has a prefix field; GNU keeps other data there.
  if (Buffer.from(block.subarray(257, 265)).toString("latin1") === "ustar\u000000") {
    const prefix = cString(block, 345, 155);
    if (prefix !== "") name = `${prefix}/${name}`;
  }
  const flag = block[156] ?? 0;
  return {
    kind: "header",
    header: {
      name,
      size,
      type: flag === 0 ? "0" : String.fromCharCode(flag),
      linkname: cString(block, 157, 100),
    },
  };
}

/** Records of a pax extended header: `"<length> <key>=<value>\n"`, length in bytes and counting itself. */
export function parsePax(data: Uint8Array): Map<string, string> | null {
  const records = new Map<string, string>();
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  while (at < buf.length) {
    if (buf[at] === 0) break; // NUL padding after the last record
    const space = buf.indexOf(0x20, at);
    if (space === -1) return null;
    const length = Number(buf.toString("latin1", at, space));
    if (!Number.isInteger(length) || length <= space - at || at + length > buf.length) return null;
    if (buf[at + length - 1] !== 0x0a) return null;
    const record = buf.toString("utf8", space + 1, at + length - 1);
    const eq = record.indexOf("=");
    if (eq === -1) return null;
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** Bytes of padding after `size` bytes of member data. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
