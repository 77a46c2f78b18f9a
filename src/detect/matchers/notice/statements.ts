/**
 * From references to statements: one statement per notice. References joined
 * by "or" / "and" make one choice or conjunction; mentions, URLs and Debian
 * pointers near a statement belong to it; an exception clause attaches to the
 * licence it modifies; boilerplate around a notice widens its line range.
 */
import { join, normalizeExpression } from "../../expression.ts";
import { masked, type Ref, resolveRef } from "./refs.ts";
import { matched, type Rules, versionKeys } from "./rules.ts";

interface Operand {
  ref?: Ref;
  /** A fixed expression (phrase rules). */
  expression?: string;
  score: number;
  families: string[];
}

interface Statement {
  operands: Operand[];
  op: "OR" | "AND";
  start: number;
  end: number;
  /** 3: a grant or a standard phrase; 2: a field value or "X licensed"; 1: a pointer or a lone exception. */
  strength: number;
  /** Which of two overlapping statements wins (the Unlicense's opening over "public domain"). */
  priority: number;
  /** Confidence of the way it was stated (grant 1, field 0.9, ...). */
  factor: number;
  exception?: { id: string; appliesTo: string[] };
  /** Names a licence that has versions without saying which ("covered by the GNU FDL"). */
  vague?: boolean;
}

/** Normalised characters between two pieces of evidence that still belong together. */
const NEAR = 500;
/** How far boilerplate may be from the notice it extends. */
const TAIL_GAP = 200;
const LEAD_GAP = 80;
/** How far from its licence an exception clause may be. */
const EXCEPTION_AFTER = 1500;
const EXCEPTION_BEFORE = 800;

const gap = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
  Math.max(0, b.start - a.end, a.start - b.end);

const familiesOf = (s: Statement): string[] => s.operands.flatMap((o) => o.families);

const shares = (s: Statement, families: readonly string[]): boolean =>
  familiesOf(s).some((f) => families.includes(f));

const ADJACENT = /(?:^| )(or|and|and\/or)(?: the| either)? $/;

/**
 * How two consecutive references are joined, if they are: by "or" or "and", as
 * the same licence said twice, or as the next item of a list ("either of: *
 * Apache-2.0 * MIT"), which only a grant that offered a choice may have.
 */
function link(text: string, rules: Rules, a: Ref, b: Ref): "or" | "and" | "same" | "list" | null {
  if (b.start < a.end) return null;
  const gapText = text.slice(a.end, b.start);
  if (gapText.length > 400) return null;
  const tokens = gapText.split(/[ \n]+/).filter(Boolean);
  if (tokens.length > rules.link.maxTokens) return null;
  // "...the BSD-style license (found in the LICENSE file) and the GPLv2": a
  // connective right before the next name joins them whatever came between.
  const adjacent = gapText.includes("\n") ? null : ADJACENT.exec(gapText);
  if (adjacent) return rules.link.or.has(adjacent[1]!) ? "or" : "and";
  let foreign = 0;
  for (const t of tokens) {
    if (!rules.link.gapWord.test(t) && !/[/.]/.test(t)) foreign++;
  }
  // Across a blank line only pure connectives join ("...later version.\n\nor\n\nthe GNU GPL").
  if (foreign > (gapText.includes("\n\n") ? 0 : rules.link.maxForeign)) return null;
  if (tokens.some((t) => rules.link.or.has(t))) return "or";
  if (tokens.some((t) => rules.link.and.has(t))) return "and";
  if (a.name === b.name && tokens.length <= 6) return "same";
  return "list";
}

/** Fold what `from` says into `into` when both name the same licence. */
function completes(into: Ref, from: Ref): void {
  if (into.version === undefined && from.version !== undefined) {
    into.version = from.version;
    into.later ||= from.later;
    if (from.alt) into.alt = from.alt;
  }
  if (!into.variant && from.variant) into.variant = from.variant;
}

const refOperand = (ref: Ref): Operand => ({ ref, score: 0, families: [ref.family] });

/** "2" and "2.0" are one version. */
const sameVersion = (a: Ref, b: Ref): boolean =>
  a.version !== undefined &&
  b.version !== undefined &&
  versionKeys(a.version).some((k) => versionKeys(b.version!).includes(k));

/** The operand of `s` that names the same licence rule as `ref`, if any. */
const sameRule = (s: Statement, ref: Ref): Operand | undefined =>
  s.operands.find((o) => o.ref && ref.name && o.ref.name === ref.name);

/**
 * The notices of a normalised region, each with its SPDX expression, score and
 * span. `refs` are in text order.
 */
export function buildStatements(text: string, rules: Rules, refs: readonly Ref[]): Resolved[] {
  const used = new Set<Ref>();
  const statements = linkReferences(text, rules, refs, used);
  addPhrases(text, rules, statements);
  resolveOverlaps(statements);
  const extend = extender(text, rules);
  for (const s of statements) extend(s);
  const loose = refs.filter((r) => !used.has(r));
  const pointers = absorbLoose(statements, loose, used);
  for (const pointer of pointers) {
    const s = pointerStatement(rules, pointer, loose, used);
    extend(s);
    statements.push(s);
  }
  attachExceptions(text, rules, statements);
  return mergeStatements(statements, text);
}

/** Grants, fields and "X licensed", with the names joined to them by "or", "and" or a list. */
function linkReferences(
  text: string,
  rules: Rules,
  refs: readonly Ref[],
  used: Set<Ref>,
): Statement[] {
  const statements: Statement[] = [];
  let current: { statement: Statement; last: Ref; links: string[]; choice: boolean } | null = null;
  const close = () => {
    if (!current) return;
    const { statement, links, choice } = current;
    statement.op = links.includes("or") || (links.includes("and") && choice) ? "OR" : "AND";
    current = null;
  };
  for (const ref of refs) {
    if (ref.source !== "name") continue;
    if (current) {
      const found = link(text, rules, current.last, ref);
      const joined = found === "list" ? (current.choice ? "or" : null) : found;
      if (joined) {
        const { statement } = current;
        const same = sameRule(statement, ref);
        // The same licence again, with nothing new to say, is the same operand.
        if (
          same?.ref &&
          (joined === "same" || ref.version === undefined || sameVersion(ref, same.ref))
        ) {
          completes(same.ref, ref);
        } else if (joined !== "same") {
          statement.operands.push(refOperand(ref));
          current.links.push(joined);
        }
        statement.end = Math.max(statement.end, ref.end);
        current.last = ref;
        used.add(ref);
        continue;
      }
      close();
    }
    const previous = statements.at(-1);
    if (ref.orWithPrevious && previous) {
      previous.operands.push(refOperand(ref));
      previous.op = "OR";
      previous.end = Math.max(previous.end, ref.end);
      current = { statement: previous, last: ref, links: ["or"], choice: true };
      used.add(ref);
      continue;
    }
    if (ref.context === "grant" || ref.context === "field" || ref.context === "post") {
      const statement: Statement = {
        operands: [refOperand(ref)],
        op: "AND",
        start: ref.lead,
        end: ref.end,
        strength: ref.context === "grant" ? 3 : 2,
        priority: 2,
        factor: rules.contexts[ref.context],
      };
      if (ref.name?.versions && ref.version === undefined) statement.vague = true;
      statements.push(statement);
      current = { statement, last: ref, links: [], choice: ref.choice };
      used.add(ref);
    }
  }
  close();
  return statements;
}

/**
 * Mentions, URLs and pointers near a statement of their family belong to it
 * (and may tell the version it left out). Returns the pointers no statement
 * took: they stand for a notice themselves.
 */
function absorbLoose(statements: Statement[], loose: readonly Ref[], used: Set<Ref>): Ref[] {
  const pointers: Ref[] = [];
  for (const ref of loose) {
    const home = nearest(statements, ref, (s) => shares(s, [ref.family]), NEAR);
    if (home) {
      const same = sameRule(home, ref);
      if (same?.ref && ref.source !== "name") completes(same.ref, ref);
      home.start = Math.min(home.start, ref.start);
      home.end = Math.max(home.end, ref.end);
      used.add(ref);
    } else if (ref.source === "pointer") pointers.push(ref);
  }
  return pointers;
}

/**
 * A Debian pointer with no notice around it: common-licenses/GPL-2 is
 * GPL-2.0-only unless the words around it say "or later".
 */
function pointerStatement(
  rules: Rules,
  pointer: Ref,
  loose: readonly Ref[],
  used: Set<Ref>,
): Statement {
  const s: Statement = {
    operands: [refOperand(pointer)],
    op: "AND",
    start: pointer.start,
    end: pointer.end,
    strength: 1,
    priority: 2,
    factor: rules.contexts.pointer,
  };
  for (const ref of loose) {
    if (used.has(ref) || ref.family !== pointer.family || gap(s, ref) > NEAR) continue;
    if (ref.name && ref.name === pointer.name) {
      const same = ref.version === undefined || sameVersion(ref, pointer);
      if (same && ref.later) pointer.later = true;
      if (!pointer.variant && ref.variant) pointer.variant = ref.variant;
      if (pointer.version === undefined) completes(pointer, ref);
    }
    s.start = Math.min(s.start, ref.lead);
    s.end = Math.max(s.end, ref.end);
    used.add(ref);
  }
  return s;
}

function addPhrases(text: string, rules: Rules, statements: Statement[]): void {
  if (!rules.gates.phrases.some((g) => text.includes(g))) return;
  for (const m of text.matchAll(rules.phrases.re)) {
    const phrase = matched(rules.phrases, m)?.item;
    if (!phrase || masked(text, rules, m.index)) continue;
    const lead = /^\n+/.exec(m[0])?.[0].length ?? 0;
    statements.push({
      operands: [{ expression: phrase.spdx, score: phrase.score, families: phrase.families }],
      op: "AND",
      start: m.index + lead,
      end: m.index + m[0].length,
      strength: 3,
      priority: phrase.priority,
      factor: 1,
    });
  }
  statements.sort((a, b) => a.start - b.start);
}

/** Of two statements over the same words, the one with the higher priority stays. */
function resolveOverlaps(statements: Statement[]): void {
  for (let i = 0; i < statements.length; i++) {
    const a = statements[i]!;
    for (let j = i + 1; j < statements.length; j++) {
      const b = statements[j]!;
      if (b.start >= a.end) break;
      if (a.priority === b.priority) continue;
      const [keep, drop] = a.priority > b.priority ? [a, b] : [b, a];
      keep.start = Math.min(keep.start, drop.start);
      keep.end = Math.max(keep.end, drop.end);
      statements.splice(statements.indexOf(drop), 1);
      if (drop === a) {
        i--;
        break;
      }
      j--;
    }
  }
}

/** Longest boilerplate phrase an extent pattern matches, near enough. */
const EXTENT_SPAN = 300;

/** Widens a statement over the boilerplate before and after it; only nearby text is scanned. */
function extender(text: string, rules: Rules): (s: Statement) => void {
  return (s) => {
    for (;;) {
      const window = text.slice(s.end, s.end + TAIL_GAP + EXTENT_SPAN);
      rules.tailRe.lastIndex = 0;
      const m = rules.tailRe.exec(window);
      if (!m || m.index > TAIL_GAP || m[0].length === 0) break;
      s.end += m.index + m[0].length;
    }
    const from = Math.max(0, s.start - LEAD_GAP - EXTENT_SPAN);
    const window = text.slice(from, s.start);
    for (const m of window.matchAll(rules.leadRe)) {
      if (m.index + m[0].length >= window.length - LEAD_GAP) {
        s.start = from + m.index;
        break;
      }
    }
  };
}

function nearest(
  statements: readonly Statement[],
  span: { start: number; end: number },
  accept: (s: Statement) => boolean,
  within: number,
  before = within,
): Statement | undefined {
  let best: Statement | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const s of statements) {
    if (!accept(s)) continue;
    const d = gap(s, span);
    const limit = span.start >= s.end ? within : before;
    if (d <= limit && d < bestGap) {
      best = s;
      bestGap = d;
    }
  }
  return best;
}

function attachExceptions(text: string, rules: Rules, statements: Statement[]): void {
  if (!rules.gates.exceptions.some((g) => text.includes(g))) return;
  const taken: { start: number; end: number }[] = [];
  for (const m of text.matchAll(rules.exceptions.re)) {
    const x = matched(rules.exceptions, m)?.item;
    if (!x) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    if (taken.some((t) => gap(t, span) === 0)) continue;
    taken.push(span);
    const home = nearest(
      statements,
      span,
      (s) => !s.exception && shares(s, x.appliesTo),
      EXCEPTION_AFTER,
      EXCEPTION_BEFORE,
    );
    const exception = { id: x.exception, appliesTo: x.appliesTo };
    if (home) {
      home.exception = exception;
      home.start = Math.min(home.start, span.start);
      home.end = Math.max(home.end, span.end);
      continue;
    }
    // An exception on its own still says which licence it modifies, if less surely.
    statements.push({
      operands: [{ expression: x.base, score: 0.5, families: x.appliesTo }],
      op: "AND",
      start: span.start,
      end: span.end,
      strength: 1,
      priority: 2,
      factor: 1,
      exception,
    });
  }
}

export interface Resolved {
  spdx: string;
  score: number;
  start: number;
  end: number;
}

/** The expression and score a statement stands for; null if it is not a valid expression. */
function resolve(s: Statement, text: string): Resolved | null {
  const parts: string[] = [];
  let score = 1;
  for (const o of s.operands) {
    const { ids, score: sc } = o.ref
      ? resolveRef(o.ref, text)
      : { ids: [o.expression!], score: o.score };
    score = Math.min(score, sc);
    const withException = ids.map((id) =>
      s.exception && o.families.some((f) => s.exception!.appliesTo.includes(f)) && !/ /.test(id)
        ? `${id} WITH ${s.exception.id}`
        : id,
    );
    const joined = withException.join(" OR ");
    parts.push(withException.length > 1 && s.op === "AND" ? `(${joined})` : joined);
  }
  // join() also drops a licence named twice ("MIT license (LICENSE-MIT)").
  let expression = join(parts, s.op === "OR" ? "or" : "and") ?? "";
  if (s.exception && s.operands.every((o) => o.expression) && !/ WITH /.test(expression))
    expression = `${expression} WITH ${s.exception.id}`;
  const spdx = normalizeExpression(expression);
  if (!spdx) return null;
  return {
    spdx,
    score: Math.round(Math.min(1, score * s.factor) * 1000) / 1000,
    start: s.start,
    end: s.end,
  };
}

/** A field or pointer is weaker than a grant; a grant that names no version, than one that does. */
const weaker = (a: Statement, b: Statement): boolean =>
  a.strength < b.strength || (a.strength === b.strength && !!a.vague && !b.vague);

/**
 * The same licence stated twice in one notice (a "License:" field above the
 * notice, a pointer below it) is one piece of evidence; a weaker statement of
 * a family that a nearby full notice already states adds nothing.
 */
function mergeStatements(statements: Statement[], text: string): Resolved[] {
  const items = statements
    .map((s) => ({ s, r: resolve(s, text) }))
    .filter((x): x is { s: Statement; r: Resolved } => x.r !== null)
    .sort((a, b) => a.r.start - b.r.start);
  const out: { s: Statement; r: Resolved }[] = [];
  for (const item of items) {
    const host = out.find(
      (o) =>
        gap(o.r, item.r) <= NEAR &&
        (o.r.spdx === item.r.spdx ||
          (weaker(item.s, o.s) && shares(o.s, familiesOf(item.s))) ||
          (weaker(o.s, item.s) && shares(item.s, familiesOf(o.s)))),
    );
    if (!host) {
      out.push(item);
      continue;
    }
    const winner = weaker(host.s, item.s) ? item : host;
    const score =
      host.r.spdx === item.r.spdx ? Math.max(host.r.score, item.r.score) : winner.r.score;
    host.r = {
      spdx: winner.r.spdx,
      score,
      start: Math.min(host.r.start, item.r.start),
      end: Math.max(host.r.end, item.r.end),
    };
    host.s = winner.s;
  }
  return out.map((o) => o.r);
}
