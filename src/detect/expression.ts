/**
 * SPDX licence expressions: parsing with a real SPDX parser, repair of what
 * people actually write (wrong case, deprecated ids, `GPL-2.0+`), and joining.
 * Pure: no I/O beyond the id lists that ship with the npm packages.
 */
import { createRequire } from "node:module";
import parse from "spdx-expression-parse";
import deprecatedMap from "../../data/deprecated-ids.json" with { type: "json" };
import { type Result, err, ok } from "../errors.ts";

const require = createRequire(import.meta.url);
const licenseIds: string[] = require("spdx-license-ids");
const deprecatedIds: string[] = require("spdx-license-ids/deprecated.json");
const exceptionIds: string[] = require("spdx-exceptions");
const deprecatedExceptionIds: string[] = require("spdx-exceptions/deprecated.json");

/** Parsed expression tree. */
export type ExprNode =
  | { kind: "license"; id: string; plus?: boolean; exception?: string }
  | { kind: "and" | "or"; left: ExprNode; right: ExprNode };

const canonicalLicense = new Map<string, string>();
for (const id of [...licenseIds, ...deprecatedIds]) canonicalLicense.set(id.toLowerCase(), id);
const canonicalException = new Map<string, string>();
for (const id of [...exceptionIds, ...deprecatedExceptionIds])
  canonicalException.set(id.toLowerCase(), id);

const REPLACED: Record<string, string> = Object.fromEntries(
  Object.entries(deprecatedMap).filter(([k]) => !k.startsWith("$")),
);
/** GNU ids whose `+` form means the -or-later id rather than a `+` suffix. */
const GNU_ONLY = /^(A?GPL|LGPL|GFDL)-\d\.\d-only$/;

/** True when `id` is a current or deprecated SPDX licence id (exact case). */
export const isLicenseId = (id: string): boolean => canonicalLicense.get(id.toLowerCase()) === id;
/** True when `id` is an SPDX exception id (exact case). */
export const isExceptionId = (id: string): boolean =>
  canonicalException.get(id.toLowerCase()) === id;

/** Canonical casing of a licence id, or undefined when it is not on the SPDX list. */
export const canonicalLicenseId = (id: string): string | undefined =>
  canonicalLicense.get(id.toLowerCase());

const TOKEN = /[A-Za-z0-9.\-+:]+|\(|\)|\s+|./g;

/**
 * Fix the case of ids and operators, so `mit or apache-2.0` parses; leaves
 * LicenseRef-/DocumentRef- ids and unknown words alone for the parser to judge.
 */
function recase(text: string): string {
  let afterWith = false;
  return text.replace(TOKEN, (tok) => {
    if (/^\s+$/.test(tok) || tok === "(" || tok === ")") return tok;
    const upper = tok.toUpperCase();
    if (upper === "AND" || upper === "OR" || upper === "WITH") {
      afterWith = upper === "WITH";
      return upper;
    }
    if (/^(LicenseRef|DocumentRef)-/i.test(tok)) {
      afterWith = false;
      return tok.replace(/^licenseref-/i, "LicenseRef-").replace(/^documentref-/i, "DocumentRef-");
    }
    const plus = tok.endsWith("+") ? "+" : "";
    const bare = plus ? tok.slice(0, -1) : tok;
    const fixed = afterWith
      ? canonicalException.get(bare.toLowerCase())
      : canonicalLicense.get(bare.toLowerCase());
    afterWith = false;
    return fixed ? fixed + plus : tok;
  });
}

type RawNode = {
  license?: string;
  plus?: boolean;
  exception?: string;
  conjunction?: "and" | "or";
  left?: RawNode;
  right?: RawNode;
};

function fromRaw(raw: RawNode): ExprNode {
  if (raw.conjunction && raw.left && raw.right) {
    return { kind: raw.conjunction, left: fromRaw(raw.left), right: fromRaw(raw.right) };
  }
  const node: ExprNode = { kind: "license", id: raw.license ?? "" };
  if (raw.plus) node.plus = true;
  if (raw.exception) node.exception = raw.exception;
  return node;
}

/** Replace deprecated ids by their current equivalents (GPL-2.0+ → GPL-2.0-or-later). */
function modernise(node: ExprNode): ExprNode {
  if (node.kind !== "license") {
    return { kind: node.kind, left: modernise(node.left), right: modernise(node.right) };
  }
  const replacement = REPLACED[node.id];
  if (!replacement) return node;
  let replaced = fromRaw(parse(replacement) as RawNode);
  if (replaced.kind === "license") {
    if (node.plus && GNU_ONLY.test(replaced.id)) {
      replaced = { ...replaced, id: replaced.id.replace(/-only$/, "-or-later") };
    } else if (node.plus) {
      replaced = { ...replaced, plus: true };
    }
    if (node.exception && !replaced.exception)
      replaced = { ...replaced, exception: node.exception };
  }
  return replaced;
}

/**
 * Parse an expression as people write it: case is repaired, deprecated ids
 * are replaced, and the result is a tree that round-trips through `format`.
 * Errors are values: a message that says what is wrong.
 */
export function parseExpression(text: string): Result<ExprNode> {
  // A corpus repeats a few expressions millions of times (MIT, Apache-2.0):
  // each is parsed once. Cached trees are frozen, so no caller can change them.
  // Long texts (a tag running on through a minified line) are not kept.
  if (text.length > PARSED_CACHE_KEY) return parseUncached(text);
  let parsed = parsedCache.get(text);
  if (!parsed) {
    parsed = parseUncached(text);
    if (parsed.ok) deepFreeze(parsed.value);
    if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.clear();
    parsedCache.set(text, parsed);
  }
  return parsed;
}

const PARSED_CACHE_SIZE = 10_000;
const PARSED_CACHE_KEY = 512;
const parsedCache = new Map<string, Result<ExprNode>>();

function parseUncached(text: string): Result<ExprNode> {
  const trimmed = text.trim();
  if (trimmed === "") return err("empty licence expression");
  let raw: RawNode;
  try {
    raw = parse(recase(trimmed)) as RawNode;
  } catch (e) {
    return err(`not a valid SPDX expression: ${JSON.stringify(trimmed)} (${(e as Error).message})`);
  }
  return ok(modernise(fromRaw(raw)));
}

function deepFreeze(node: ExprNode): void {
  Object.freeze(node);
  if (node.kind !== "license") {
    deepFreeze(node.left);
    deepFreeze(node.right);
  }
}

const PRECEDENCE = { or: 1, and: 2, license: 3 } as const;

/** Write a tree as an SPDX expression with the fewest parentheses. */
export function format(node: ExprNode): string {
  if (node.kind === "license") {
    return node.id + (node.plus ? "+" : "") + (node.exception ? ` WITH ${node.exception}` : "");
  }
  const side = (child: ExprNode) => {
    const s = format(child);
    return PRECEDENCE[child.kind] < PRECEDENCE[node.kind] ? `(${s})` : s;
  };
  return `${side(node.left)} ${node.kind.toUpperCase()} ${side(node.right)}`;
}

/** Parse and re-format; null when the text is not a valid expression. */
export function normalizeExpression(text: string): string | null {
  const parsed = parseExpression(text);
  return parsed.ok ? format(parsed.value) : null;
}

/** The licence ids an expression names (with `+` and exceptions stripped), sorted. */
export function licenseIdsOf(node: ExprNode): string[] {
  const out = new Set<string>();
  const walk = (n: ExprNode) => {
    if (n.kind === "license") out.add(n.id);
    else {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return [...out].sort();
}

/** The operands of a chain of one operator: `a AND (b AND c)` → [a, b, c]. */
function flatten(node: ExprNode, op: "and" | "or"): ExprNode[] {
  return node.kind === op ? [...flatten(node.left, op), ...flatten(node.right, op)] : [node];
}

/**
 * Join expressions with one operator, dropping duplicates (by their text) and
 * keeping first-seen order. Returns null for an empty list.
 */
export function join(expressions: string[], op: "and" | "or"): string | null {
  const seen = new Set<string>();
  const parts: ExprNode[] = [];
  for (const text of expressions) {
    const parsed = parseExpression(text);
    if (!parsed.ok) continue;
    for (const part of flatten(parsed.value, op)) {
      const key = format(part);
      if (!seen.has(key)) {
        seen.add(key);
        parts.push(part);
      }
    }
  }
  if (parts.length === 0) return null;
  const tree = parts.reduce((left, right) => ({ kind: op, left, right }));
  return format(tree);
}

/**
 * The same expression in a canonical form: the operands of every AND and OR
 * chain sorted (by their text) and repeats dropped, so `MIT OR Apache-2.0`
 * and `Apache-2.0 OR MIT` read the same and a scan counts them as one.
 */
export function canonical(node: ExprNode): ExprNode {
  if (node.kind === "license") return node;
  const parts = new Map<string, ExprNode>();
  for (const part of flatten(node, node.kind)) {
    const c = canonical(part);
    parts.set(format(c), c);
  }
  const sorted = [...parts.keys()].sort().map((k) => parts.get(k)!);
  return sorted.reduce((left, right) => ({ kind: node.kind as "and" | "or", left, right }));
}

/** Parse, make canonical and format; null when the text is not a valid expression. */
export function canonicalExpression(text: string): string | null {
  const parsed = parseExpression(text);
  return parsed.ok ? format(canonical(parsed.value)) : null;
}
