/**
 * Member names inside archives are untrusted: a name like `../../.bashrc` or
 * `/etc/passwd` is how archives attack whoever extracts them. We never extract,
 * but a manifest row must not name a path outside its project either.
 */
import { Code, type ErrorCode } from "./codes.ts";

export type Checked = { ok: true; path: string } | { ok: false; code: ErrorCode; message: string };

/** A member name as a clean relative path ('/'-separated, no '.' or empty segments), or a refusal. */
export function memberPath(name: string): Checked {
  if (name.includes("\0"))
    return { ok: false, code: Code.corrupt, message: `member name contains a NUL byte` };
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name))
    return {
      ok: false,
      code: Code.pathTraversal,
      message: `member ${JSON.stringify(name)} has an absolute path; refused, as extracting it would write outside the target directory`,
    };
  const segments = name.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes(".."))
    return {
      ok: false,
      code: Code.pathTraversal,
      message: `member ${JSON.stringify(name)} has '..' in its path; refused, as extracting it could write outside the target directory`,
    };
  if (segments.length === 0)
    return { ok: false, code: Code.corrupt, message: `member has an empty name` };
  return { ok: true, path: segments.join("/") };
}

/**
 * Where a symlink stored at `path` points, as a path inside the archive, or
 * null when the target is absolute or climbs out of the archive's root.
 */
export function symlinkTarget(path: string, target: string): string | null {
  if (target.startsWith("/") || /^[A-Za-z]:/.test(target)) return null;
  const stack = path.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length === 0) return null;
      stack.pop();
    } else stack.push(segment);
  }
  return stack.join("/");
}
