/**
 * Scoring: is an answer exact, wrong or missing, and the counts over a
 * corpus, on all files and on distinct texts. Pure.
 */
import { type ExprNode, format, parseExpression } from "../../src/detect/expression.ts";
import type { PeerAnswer } from "./peer-names.ts";

/** One labelled file. */
export interface Sample {
  path: string;
  /** Which table it is scored in: `npm`, `npm-or`, `debian`. */
  subset: string;
  /** The label as a normalised SPDX expression. */
  expected: string;
  /** Expressions that count as exact: the label, and for OR labels each alternative. */
  accepted: string[];
  sha256: string;
  bytes: number;
  /** Where the label came from (package@version, Debian package), for the report. */
  origin: string;
}

export type Outcome = "exact" | "wrong" | "none";

function flatten(node: ExprNode, op: "and" | "or"): ExprNode[] {
  return node.kind === op ? [...flatten(node.left, op), ...flatten(node.right, op)] : [node];
}

/** Sort the operands of every AND/OR chain, so `A AND B` and `B AND A` compare equal. */
function sortTree(node: ExprNode, loose: boolean): ExprNode {
  if (node.kind === "license") {
    if (!loose) return node;
    // Loose: `GPL-2.0-only`, `GPL-2.0-or-later` and `GPL-2.0+` all become `GPL-2.0`.
    const { plus: _plus, ...rest } = node;
    return { ...rest, id: node.id.replace(/-(only|or-later)$/, "") };
  }
  const parts = flatten(node, node.kind)
    .map((n) => sortTree(n, loose))
    .sort((a, b) => (format(a) < format(b) ? -1 : format(a) > format(b) ? 1 : 0));
  return parts.reduce((left, right) => ({ kind: node.kind, left, right }) as ExprNode);
}

/**
 * The form in which two expressions are compared: normalised (case, deprecated
 * ids, `GPL-2.0+`), with AND/OR operands in a fixed order. `loose` also drops
 * the difference between -only and -or-later, which a full GNU licence text
 * alone cannot show. Null when the text is not an expression.
 */
export function canonical(expression: string, loose = false): string | null {
  const parsed = parseExpression(expression);
  return parsed.ok ? format(sortTree(parsed.value, loose)) : null;
}

/** Exact when any alternative of the answer equals any accepted expression. */
export function outcomeOf(
  answer: PeerAnswer | undefined,
  accepted: string[],
  loose = false,
): Outcome {
  if (!answer || answer.spdx.length === 0) return answer?.unmapped ? "wrong" : "none";
  const want = new Set(accepted.map((a) => canonical(a, loose)));
  return answer.spdx.some((s) => {
    const c = canonical(s, loose);
    return c !== null && want.has(c);
  })
    ? "exact"
    : "wrong";
}

export interface Tally {
  n: number;
  exact: number;
  wrong: number;
  none: number;
  /** Exact when -only / -or-later are not told apart. */
  loose: number;
}

const emptyTally = (): Tally => ({ n: 0, exact: 0, wrong: 0, none: 0, loose: 0 });

function add(t: Tally, o: Outcome, looseExact: boolean): void {
  t.n++;
  t[o]++;
  if (looseExact) t.loose++;
}

/** Counts of one tool over one subset. */
export interface Score {
  all: Tally;
  distinct: Tally;
  /** Per expected expression, on distinct texts. */
  byLabel: Map<string, Tally>;
}

/**
 * Score one tool's answers. Distinct texts are files with the same bytes and
 * the same label, counted once (the first path in sorted order): the same
 * text under two labels stays twice, since one of them is a mislabel worth seeing.
 */
export function score(samples: Sample[], answers: Map<string, PeerAnswer>): Score {
  const result: Score = { all: emptyTally(), distinct: emptyTally(), byLabel: new Map() };
  const seen = new Set<string>();
  const sorted = [...samples].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const s of sorted) {
    const answer = answers.get(s.path);
    const o = outcomeOf(answer, s.accepted);
    const looseExact = outcomeOf(answer, s.accepted, true) === "exact";
    add(result.all, o, looseExact);
    const key = `${s.sha256}\0${s.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(result.distinct, o, looseExact);
    const t = result.byLabel.get(s.expected) ?? emptyTally();
    result.byLabel.set(s.expected, t);
    add(t, o, looseExact);
  }
  return result;
}
