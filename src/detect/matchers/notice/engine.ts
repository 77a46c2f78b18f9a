/**
 * The notice engine over a whole file: a cheap keyword scan first; only the
 * lines around keyword hits are normalised and read for notices, so a file
 * without licence words costs one regular-expression pass.
 */
import { lineIndexOf, lineStarts } from "../../lines.ts";
import type { Match } from "../../types.ts";
import { lineAt, normalize } from "./normalize.ts";
import { findRefs } from "./refs.ts";
import type { Rules } from "./rules.ts";
import { buildStatements } from "./statements.ts";

/** Lines read before and after a keyword hit: a notice's grant sits near its keywords. */
const LINES_BEFORE = 6;
const LINES_AFTER = 12;
/** ...but never more characters than this, so one huge line stays cheap. */
const REACH = 2000;

interface Region {
  from: number;
  to: number;
  line: number;
}

/**
 * Characters of keyword regions read per file. A notice is found in the first
 * megabyte of licence wording (the detector reads 1 MB of a file by default);
 * past it, a file made of licence words costs no more.
 */
const BUDGET = 1 << 20;

/** Keyword hits above which a text may be a whole licence. */
const MANY_HITS = 12;

/** Character ranges around keyword hits, merged where they overlap, and the number of hits. */
export function findRegions(text: string, prefilter: RegExp): { regions: Region[]; hits: number } {
  prefilter.lastIndex = 0;
  let hit = prefilter.exec(text);
  if (!hit) return { regions: [], hits: 0 };
  let hits = 0;
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
    hits++;
    hit = prefilter.exec(text);
  }
  return { regions, hits };
}

/** Every short licence notice in a text. */
export function findNotices(text: string, rules: Rules): Match[] {
  const matches: Match[] = [];
  const { regions, hits } = findRegions(text, rules.prefilter);
  if (regions.length === 0) return matches;
  // Past "How to apply these terms" comes the licence's own sample notice, not this file's.
  // Only a licence text explains how to apply itself, and licence texts say
  // "license" all the time: a source header with a few hits need not be searched.
  const gated = hits > MANY_HITS && rules.suppressGate.some((g) => text.includes(g));
  const end = (gated && rules.suppressRe.exec(text)?.index) || text.length;
  let budget = BUDGET;
  for (const region of regions) {
    if (region.from >= end || budget <= 0) break;
    const to = Math.min(region.to, end, region.from + budget);
    budget -= to - region.from;
    const norm = normalize(text, region.from, to, region.line);
    const refs = findRefs(norm, rules, norm.text.length);
    for (const r of buildStatements(norm.text, rules, refs)) {
      const first = lineAt(norm, r.start);
      const last = Math.max(first, lineAt(norm, Math.max(r.start, r.end - 1)));
      const duplicate = matches.some(
        (m) => m.spdx === r.spdx && m.lines[0] === first && m.lines[1] === last,
      );
      if (!duplicate)
        matches.push({ spdx: r.spdx, matcher: "notice", score: r.score, lines: [first, last] });
    }
  }
  return matches;
}
