/**
 * The `error.code` values sources put on records they could not read or refused.
 * A consumer counts them by code; the message says what to do about each one.
 */
export const Code = {
  /** An archive member named with `..` segments or an absolute path. */
  pathTraversal: "path-traversal",
  /** A symlink that resolves (or, in an archive, points) outside the scanned root. */
  symlinkOutsideRoot: "symlink-outside-root",
  /** A hard link in an archive naming a member outside it. */
  linkOutsideRoot: "link-outside-root",
  /** A directory symlink that leads back to one of its own ancestors, or a link chain that never ends. */
  symlinkLoop: "symlink-loop",
  /** A symlink whose target does not exist. */
  symlinkBroken: "symlink-broken",
  /** A symlink inside a git tree or archive: not followed, its target is scanned at its own path. */
  symlink: "symlink",
  /** A hard link inside an archive: same content as the member it names. */
  hardlink: "hardlink",
  /** A git submodule: its files live in another repository. */
  submodule: "submodule",
  /** A device, socket, FIFO, or a directory where a file was expected. */
  notAFile: "not-a-file",
  /** Missing file (paths listed on stdin). */
  notFound: "not-found",
  /** The file or directory exists but could not be read (permissions, I/O). */
  unreadable: "unreadable",
  /** Bigger than `maxEntryBytes`. */
  entryTooLarge: "entry-too-large",
  /** Expands more than `maxRatio` times: a zip or gzip bomb. */
  decompressionBomb: "decompression-bomb",
  /** The archive expands past `maxTotalBytes`; the rest of it is not read. */
  archiveTooLarge: "archive-too-large",
  /** The input ends in the middle of a member. */
  truncated: "truncated",
  /** Bytes that are not what the format says (bad checksum, bad header, bad deflate data). */
  corrupt: "corrupt",
  /** A format feature tgpl does not read (sparse tar members, zip methods other than store/deflate). */
  unsupported: "unsupported",
  /** An encrypted zip member. */
  encrypted: "encrypted",
  /** A dataset row that is not a JSON object. */
  malformedRow: "malformed-row",
  /** A dataset row without text in its content column. */
  missingContent: "missing-content",
} as const;

export type ErrorCode = (typeof Code)[keyof typeof Code];

/** Thrown inside a source when a cap or a format error ends it; the source turns it into a record. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** As a record's `error`. */
  toRecordError(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A file over `maxEntryBytes`; every source words it the same, so users meet one message. */
export function entryTooLarge(size: number, maxEntryBytes: number): Refusal {
  return new Refusal(
    Code.entryTooLarge,
    `${size} bytes, over the ${maxEntryBytes}-byte limit per file (maxEntryBytes)`,
  );
}

/** An input that expands past `maxTotalBytes`: the rest of it is not read. */
export function archiveTooLarge(input: string, maxTotalBytes: number): Refusal {
  return new Refusal(
    Code.archiveTooLarge,
    `${input} expands past ${maxTotalBytes} bytes; the rest is not read (raise maxTotalBytes if you trust it)`,
  );
}
