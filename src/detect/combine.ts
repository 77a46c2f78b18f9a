/**
 * Joining a file's matches into one expression: texts found together are
 * ANDed; a stated choice (an OR expression from a tag, manifest or dual-licence
 * notice) absorbs the texts of the licences it offers a choice between; a
 * statement of "or later" completes a bare GNU text; vague evidence counts only
 * when there is nothing better.
 */
import {
  canonicalExpression,
  isExceptionId,
  join,
  licenseIdsOf,
  parseExpression,
} from "./expression.ts";
import type { Match } from "./types.ts";

/** Evidence at or below this score (a GPL with no version, a "BSD-style" licence) is vague. */
export const VAGUE = 0.6;
/** Evidence at or above this score makes vague evidence in the same file redundant. */
const FIRM = 0.9;

export function combine(matches: readonly Match[]): string | null {
  // Evidence about other files (REUSE annotations) does not license this one.
  let own = attachExceptions(matches.filter((m) => !m.paths));
  own = dropVague(own);
  own = completeGnuTexts(own);
  const parsed = own
    .map((m) => ({ m, tree: parseExpression(m.spdx) }))
    .flatMap(({ m, tree }) => (tree.ok ? [{ m, ids: licenseIdsOf(tree.value) }] : []));
  const choices = parsed.filter(({ m }) => / OR /.test(m.spdx));
  const kept = parsed.filter(({ m, ids }) => {
    if (/ OR /.test(m.spdx)) {
      // A choice inside a wider choice is the same statement said twice.
      return !choices.some(
        (c) => c.m !== m && c.ids.length > ids.length && ids.every((id) => c.ids.includes(id)),
      );
    }
    return !choices.some((c) => ids.every((id) => c.ids.includes(id)));
  });
  // Canonical (sorted, without repeats): the same licences give the same expression
  // whatever order the file states them in.
  const joined = join(
    kept.map(({ m }) => m.spdx),
    "and",
  );
  return joined === null ? null : canonicalExpression(joined);
}

/**
 * An exception text found beside a licence (the Classpath exception after the
 * GPL) modifies that licence: `GPL-2.0-only WITH Classpath-exception-2.0`. It
 * goes to the nearest single licence before it, else after it; an exception
 * with no licence to attach to says nothing on its own and is left out.
 */
function attachExceptions(matches: readonly Match[]): Match[] {
  const exceptions = matches.filter((m) => isExceptionId(m.spdx));
  if (exceptions.length === 0) return [...matches];
  const out = matches.filter((m) => !isExceptionId(m.spdx)).map((m) => ({ ...m }));
  for (const e of exceptions) {
    const targets = out.filter((m) => /^[A-Za-z0-9.+-]+$/.test(m.spdx));
    const before = targets
      .filter((m) => m.lines[0] <= e.lines[0])
      .sort((a, b) => b.lines[0] - a.lines[0]);
    const after = targets
      .filter((m) => m.lines[0] > e.lines[0])
      .sort((a, b) => a.lines[0] - b.lines[0]);
    const target = before[0] ?? after[0];
    if (target) target.spdx = `${target.spdx} WITH ${e.spdx}`;
  }
  return out;
}

/**
 * A GNU licence text alone reads as `-only` (the text cannot say "or later");
 * a notice, tag or manifest in the same file that names the same licence
 * `-or-later` says which, and the text's reading gives way to it.
 */
function completeGnuTexts(matches: Match[]): Match[] {
  const stated = new Set(
    matches
      .filter((m) => m.matcher !== "text")
      .flatMap((m) => m.spdx.match(/[\w.-]+-or-later/g) ?? []),
  );
  if (stated.size === 0) return matches;
  return matches.filter(
    (m) => !(m.matcher === "text" && stated.has(m.spdx.replace(/-only$/, "-or-later"))),
  );
}

/**
 * Vague evidence counts only when nothing firm is there, except a vague choice
 * whose licences the firm evidence confirms ("either the BSD License or the
 * GPL version 2" above the BSD-3-Clause and GPL-2.0 texts): its choice stands.
 */
function dropVague(matches: Match[]): Match[] {
  const firm = matches.filter((m) => m.score >= FIRM);
  if (firm.length === 0) return matches;
  const confirmed = new Set(firm.flatMap((m) => idsOf(m.spdx)));
  return matches.filter(
    (m) =>
      m.score > VAGUE || (/ OR /.test(m.spdx) && idsOf(m.spdx).every((id) => confirmed.has(id))),
  );
}

function idsOf(spdx: string): string[] {
  const tree = parseExpression(spdx);
  return tree.ok ? licenseIdsOf(tree.value) : [];
}
