/**
 * What the tar and zip readers share about one member: its record and the
 * refusal of a symlink. Pure; both readers word these alike so a corpus reads
 * the same whichever archive format it came in.
 */
import { Code, Refusal } from "./codes.ts";
import { symlinkTarget } from "./member-path.ts";
import type { SourceFile } from "./types.ts";

/** The record of member `member` (as written in the archive), listed at `path`. */
export function archiveRecord(
  input: string,
  path: string,
  member: string,
  ordinal: number,
): SourceFile {
  return { ordinal, path, project: input, origin: { kind: "archive", input, member } };
}

/**
 * A symlink member is never followed: its target is read as its own member,
 * and one that points out of the archive is refused as such.
 */
export function symlinkRefusal(input: string, path: string, link: string): Refusal {
  const target = symlinkTarget(path, link);
  return target === null
    ? new Refusal(
        Code.symlinkOutsideRoot,
        `${input}: symlink ${path} -> ${link} points outside the archive; not followed`,
      )
    : new Refusal(
        Code.symlink,
        `symlink to ${target}; not followed (its target is read as its own member)`,
      );
}
