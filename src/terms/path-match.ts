/**
 * Path patterns of robots.txt (RFC 9309 section 2.2.2 and 2.2.3), which
 * TDMRep's `location` and the Content-Usage rule reuse: `*` stands for any
 * run of octets, a final `$` anchors the end, and everything else matches a
 * prefix. Both sides are normalised to one percent-encoding first.
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * One encoding for comparison: octets outside printable ASCII are
 * percent-encoded, escapes of unreserved characters are decoded (RFC 9309:
 * `%62%61%7A` matches `baz`), other escapes keep their meaning with
 * upper-case hex. Reserved characters stay as written. `literal` is for
 * paths of URLs, where `$` and `*` are characters, not operators: they are
 * encoded, as a pattern that means them literally writes them (RFC 9309 2.2.3).
 */
export function normalizePath(path: string, literal = false): string {
  const bytes = new TextEncoder().encode(path);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      const v = Number.parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16);
      const c = String.fromCharCode(v);
      out += v < 0x80 && UNRESERVED.test(c) ? c : `%${hex(v)}`;
      i += 2;
    } else if (b <= 0x20 || b >= 0x7f || (literal && (b === 0x24 || b === 0x2a)))
      out += `%${hex(b)}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

const isHex = (b: number | undefined) =>
  b !== undefined &&
  ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
const hex = (v: number) => v.toString(16).toUpperCase().padStart(2, "0");

export interface PathPattern {
  /** The pattern as written. */
  raw: string;
  /** Normalised, `*` runs collapsed. */
  norm: string;
  /** Matches the whole path (ended with `$`). */
  anchored: boolean;
  /** Octets of the normalised pattern: the longer, the more specific (RFC 9309 2.2.2). */
  length: number;
}

export function compilePattern(raw: string): PathPattern {
  let norm = normalizePath(raw).replace(/\*+/g, "*");
  const anchored = norm.endsWith("$");
  if (anchored) norm = norm.slice(0, -1);
  return { raw, norm, anchored, length: normalizePath(raw).length };
}

/**
 * Whether a (normalised) path matches. A wildcard matcher with one
 * backtracking point, so it runs in O(path × pattern) whatever the input:
 * a regular expression with many `.*` can take exponential time on a
 * hostile robots.txt.
 */
export function matches(pattern: PathPattern, path: string): boolean {
  const p = pattern.norm;
  const s = path;
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && p[pi] !== "*" && p[pi] === s[si]) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === "*") {
      star = pi++;
      mark = si;
    } else if (pi >= p.length && !pattern.anchored) {
      return true; // the pattern is a prefix of the path
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi >= p.length;
}

/**
 * The rule that decides for a path (RFC 9309 2.2.2): the matching one with
 * the longest pattern, an allow winning a tie; null when none matches. ai.txt
 * borrows the rule from robots.txt along with its syntax.
 */
export function decidingRule<R extends { allow: boolean; pattern: PathPattern }>(
  rules: readonly R[],
  path: string,
): R | null {
  let best: R | null = null;
  for (const r of rules) {
    if (!matches(r.pattern, path)) continue;
    if (
      !best ||
      r.pattern.length > best.pattern.length ||
      (r.pattern.length === best.pattern.length && r.allow)
    )
      best = r;
  }
  return best;
}

/** The path (with query) of a URL in the form patterns are compared with. */
export function pathOf(url: URL): string {
  return normalizePath(`${url.pathname || "/"}${url.search}`, true);
}
