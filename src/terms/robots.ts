/**
 * robots.txt as RFC 9309 defines it, with the two usage rules that ride on
 * it: the IETF AI-preferences `Content-Usage` rule (draft-ietf-aipref-attach)
 * and Cloudflare's `Content-Signal`. Pure: the fetcher decides what a 4xx,
 * 5xx or redirect means (RFC 9309 section 2.3.1) and hands the bytes here.
 *
 * Real files are messier than the RFC's grammar; where a widely deployed
 * parser (Google's) accepts a variant, so does this one, and the repair is
 * recorded as a warning rather than silently applied.
 */
import { combine, parseUsage, preferenceFor, type Stated, type Statement } from "./aipref.ts";
import { compilePattern, decidingRule, matches, type PathPattern } from "./path-match.ts";

/** RFC 9309 section 2.5: parsers must read at least this much; we read exactly this much. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

export interface AccessRule {
  allow: boolean;
  pattern: PathPattern;
  line: number;
}

export interface UsageRule {
  pattern: PathPattern;
  /** The preference expression as written. */
  value: string;
  statement: Statement;
  line: number;
}

export interface SignalRule {
  pattern: PathPattern;
  value: string;
  /** Signals with a yes/no value, keys lower-cased. */
  signals: Map<string, boolean>;
  line: number;
}

export interface Group {
  /** Product tokens as written (`*` for all). */
  agents: string[];
  access: AccessRule[];
  usage: UsageRule[];
  contentSignals: SignalRule[];
  line: number;
}

export interface Robots {
  groups: Group[];
  sitemaps: string[];
  /** Lines the parser repaired or could not use, with their line numbers. */
  warnings: string[];
  /** The file was longer than ROBOTS_MAX_BYTES and was cut. */
  truncated: boolean;
}

const KEY_ALIASES: Record<string, string> = {
  "user-agent": "user-agent",
  useragent: "user-agent",
  "user agent": "user-agent",
  allow: "allow",
  disallow: "disallow",
  dissallow: "disallow",
  dissalow: "disallow",
  disalow: "disallow",
  diasllow: "disallow",
  disallaw: "disallow",
  "content-usage": "content-usage",
  "content-signal": "content-signal",
  sitemap: "sitemap",
  "site-map": "sitemap",
};

/** Keys that belong to a group: a user-agent line after one of these starts a new group. */
const GROUP_KEYS = new Set(["allow", "disallow", "content-usage", "content-signal", "crawl-delay"]);

/**
 * Parse robots.txt bytes (or text). Input beyond ROBOTS_MAX_BYTES is cut at
 * the last full line before the limit, and `truncated` says so.
 */
export function parseRobots(input: Uint8Array | string): Robots {
  let bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const warnings: string[] = [];
  let truncated = false;
  if (bytes.length > ROBOTS_MAX_BYTES) {
    truncated = true;
    bytes = bytes.subarray(0, ROBOTS_MAX_BYTES);
    // A cut line could read as a broader rule ("/adm" from "/admin"): drop it.
    const lastBreak = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
    bytes = bytes.subarray(0, lastBreak + 1);
    warnings.push(`only the first ${ROBOTS_MAX_BYTES} bytes were parsed (RFC 9309 section 2.5)`);
  }
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const robots: Robots = { groups: [], sitemaps: [], warnings, truncated };
  let current: Group | null = null;
  let inRules = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, rawLine] of lines.entries()) {
    const lineNo = index + 1;
    const hash = rawLine.indexOf("#");
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (line === "") continue;
    const kv = splitLine(line);
    if (!kv) {
      warnings.push(`line ${lineNo}: no "key: value" form, ignored: ${clip(line)}`);
      continue;
    }
    if (kv.repaired) warnings.push(`line ${lineNo}: read without a colon: ${clip(line)}`);
    const key = KEY_ALIASES[kv.key] ?? kv.key;
    if (KEY_ALIASES[kv.key] && kv.key !== key)
      warnings.push(`line ${lineNo}: "${kv.key}" read as "${key}"`);
    const value = kv.value;
    if (key === "user-agent") {
      if (!current || inRules) {
        current = { agents: [], access: [], usage: [], contentSignals: [], line: lineNo };
        robots.groups.push(current);
        inRules = false;
      }
      const token = productToken(value);
      if (token) current.agents.push(token);
      else warnings.push(`line ${lineNo}: user-agent without a product token, ignored`);
      continue;
    }
    if (key === "sitemap") {
      if (value) robots.sitemaps.push(value);
      continue;
    }
    if (!GROUP_KEYS.has(key)) continue; // other records (host, clean-param...) MAY be ignored (RFC 9309 2.2.4)
    if (!current) {
      warnings.push(`line ${lineNo}: ${key} before any user-agent line, ignored`);
      continue;
    }
    inRules = true;
    if (key === "allow" || key === "disallow") {
      if (value === "") continue; // an empty path matches nothing
      if (!value.startsWith("/") && !value.startsWith("*")) {
        warnings.push(
          `line ${lineNo}: ${key} path does not start with "/" or "*", ignored: ${clip(value)}`,
        );
        continue;
      }
      current.access.push({ allow: key === "allow", pattern: compilePattern(value), line: lineNo });
    } else if (key === "content-usage") {
      const rule = usageRule(value, lineNo, warnings);
      if (rule) current.usage.push(rule);
    } else if (key === "content-signal") {
      const rule = signalRule(value, lineNo, warnings);
      if (rule) current.contentSignals.push(rule);
    }
  }
  return robots;
}

function splitLine(line: string): { key: string; value: string; repaired: boolean } | null {
  const colon = line.indexOf(":");
  if (colon > 0) {
    const key = line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, " ");
    return { key, value: line.slice(colon + 1).trim(), repaired: false };
  }
  // "Disallow /private": accepted by Google's parser for the core keys.
  const m = /^(user-agent|allow|disallow)[ \t]+(\S.*)$/i.exec(line);
  return m ? { key: m[1]!.toLowerCase(), value: m[2]!.trim(), repaired: true } : null;
}

/** RFC 9309 2.2.1: a product token is letters, `_` and `-`; "Googlebot/2.1" names Googlebot. */
function productToken(value: string): string | null {
  if (value.startsWith("*")) return "*";
  return /^[A-Za-z_-]+/.exec(value)?.[0] ?? null;
}

/** `Content-Usage: /path pref`; the path-less form of early drafts is read as `/`. */
function usageRule(value: string, line: number, warnings: string[]): UsageRule | null {
  let path = "/";
  let pref = value;
  if (value.startsWith("/") || value.startsWith("*")) {
    const m = /^(\S+)[ \t]+(.*)$/.exec(value);
    if (!m) {
      warnings.push(`line ${line}: content-usage with a path but no preference, ignored`);
      return null;
    }
    path = m[1]!;
    pref = m[2]!.trim();
  } else {
    warnings.push(`line ${line}: content-usage without a path, read as applying to "/"`);
  }
  const statement = parseUsage(pref);
  if (!statement.parsed)
    warnings.push(
      `line ${line}: content-usage value does not parse as a structured dictionary, so it states no preference: ${clip(pref)}`,
    );
  return { pattern: compilePattern(path), value: pref, statement, line };
}

/** `Content-Signal: search=yes, ai-train=no` (Cloudflare); an optional leading path is tolerated. */
function signalRule(value: string, line: number, warnings: string[]): SignalRule | null {
  let path = "/";
  let rest = value;
  const m = /^(\/\S*)[ \t]+(.*)$/.exec(value);
  if (m) {
    path = m[1]!;
    rest = m[2]!;
  }
  const signals = new Map<string, boolean>();
  for (const part of rest.split(",")) {
    const kv = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*([A-Za-z]+)\s*$/.exec(part);
    if (!kv) {
      if (part.trim())
        warnings.push(
          `line ${line}: content-signal part not understood, ignored: ${clip(part.trim())}`,
        );
      continue;
    }
    const v = kv[2]!.toLowerCase();
    if (v === "yes" || v === "no") signals.set(kv[1]!.toLowerCase(), v === "yes");
  }
  return { pattern: compilePattern(path), value: rest.trim(), signals, line };
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

/** The rules that apply to one crawler, merged from every group that names it (RFC 9309 2.2.1). */
export interface Applicable {
  /** The product tokens of the groups used; `["*"]` for the catch-all; empty when no group applies. */
  agents: string[];
  access: AccessRule[];
  usage: UsageRule[];
  contentSignals: SignalRule[];
}

export function groupFor(robots: Robots, productToken: string): Applicable {
  const token = productToken.toLowerCase();
  let groups = robots.groups.filter((g) => g.agents.some((a) => a.toLowerCase() === token));
  let agents = groups.length > 0 ? [productToken] : [];
  if (groups.length === 0) {
    groups = robots.groups.filter((g) => g.agents.includes("*"));
    agents = groups.length > 0 ? ["*"] : [];
  }
  return {
    agents,
    access: groups.flatMap((g) => g.access),
    usage: groups.flatMap((g) => g.usage),
    contentSignals: groups.flatMap((g) => g.contentSignals),
  };
}

/** The access decision for a path: longest match wins, allow wins a tie, no match allows. */
export function accessFor(
  rules: Applicable,
  path: string,
): { allowed: boolean; rule: AccessRule | null } {
  if (path === "/robots.txt") return { allowed: true, rule: null }; // implicitly allowed (2.2.2)
  const best = decidingRule(rules.access, path);
  return { allowed: best ? best.allow : true, rule: best };
}

/**
 * The Content-Usage rules that govern a path: those with the longest matching
 * path (attach draft: same prefix matching as Allow/Disallow); rules with an
 * identical path are all kept, to be combined (vocab 5.1), unlike Allow/Disallow.
 */
export function usageRulesFor(rules: Applicable, path: string): UsageRule[] {
  return longest(rules.usage.filter((r) => matches(r.pattern, path)));
}

export function signalRulesFor(rules: Applicable, path: string): SignalRule[] {
  return longest(rules.contentSignals.filter((r) => matches(r.pattern, path)));
}

function longest<T extends { pattern: PathPattern }>(found: T[]): T[] {
  const max = Math.max(-1, ...found.map((r) => r.pattern.length));
  return found.filter((r) => r.pattern.length === max);
}

/** The training preference the Content-Usage rules state for a path (crawlable paths only). */
export function trainingUsage(
  rules: Applicable,
  path: string,
  category: "train-genai" | "train-ai" = "train-genai",
): {
  stated: Stated | null;
  rules: UsageRule[];
} {
  const found = usageRulesFor(rules, path);
  return { stated: combine(found.map((r) => preferenceFor(r.statement, category))), rules: found };
}
