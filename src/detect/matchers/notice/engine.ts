/**
 * The notice engine over a whole file: a cheap keyword scan first; only the
 * lines around keyword hits are normalised and read for notices, so a file
 * without licence words costs one regular-expression pass.
 */
import type { Match } from "../../types.ts";
import { lineAt, normalize } from "./normalize.ts";
import { findRefs } from "./refs.ts";
import type { Rules } from "./rules.ts";
import { buildStatements } from "./statements.ts";

/** Lines read before and after a keyword hit: a notice's grant sits near its keywords. */
const LINES_BEFORE = 10;
const LINES_AFTER = 20;
/** ...but never more characters than this, so one huge line stays cheap. */
const REACH = 3000;

interface Region {
  from: number;
  to: number;
  line: number;
}

/** Offsets at which each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Character ranges around keyword hits, merged where they overlap. */
export function findRegions(text: string, prefilter: RegExp): Region[] {
  prefilter.lastIndex = 0;
  let hit = prefilter.exec(text);
  if (!hit) return [];
  const starts = lineStarts(text);
  const regions: Region[] = [];
  let current: Region | undefined;
  while (hit) {
    const at = hit.index;
    const line = lineIndexOf(starts, at);
    const firstLine = Math.max(0, line - LINES_BEFORE);
    let from = starts[firstLine]!;
    let startLine = firstLine;
    if (at - from > REACH) {
      from = at - REACH;
      startLine = lineIndexOf(starts, from);
    }
    const after = starts[line + LINES_AFTER + 1];
    const to = Math.min(after === undefined ? text.length : after - 1, at + REACH, text.length);
    if (current && from <= current.to) current.to = Math.max(current.to, to);
    else {
      current = { from, to, line: startLine + 1 };
      regions.push(current);
    }
    hit = prefilter.exec(text);
  }
  return regions;
}

/** Every short licence notice in a text. */
export function findNotices(text: string, rules: Rules): Match[] {
  const matches: Match[] = [];
  for (const region of findRegions(text, rules.prefilter)) {
    const norm = normalize(text, region.from, region.to, region.line);
    const suppressed = rules.suppressRe.exec(norm.text);
    const limit = suppressed ? suppressed.index : norm.text.length;
    const body = norm.text.slice(0, limit);
    const refs = findRefs(norm, rules, limit);
    for (const r of buildStatements(body, rules, refs)) {
      const first = lineAt(norm, r.start);
      const last = Math.max(first, lineAt(norm, Math.max(r.start, r.end - 1)));
      const duplicate = matches.some(
        (m) => m.spdx === r.spdx && m.lines[0] === first && m.lines[1] === last,
      );
      if (!duplicate)
        matches.push({ spdx: r.spdx, matcher: "notice", score: r.score, lines: [first, last] });
    }
    // Past "How to apply these terms" comes the licence's own sample notice, not this file's.
    if (suppressed) break;
  }
  return matches;
}
