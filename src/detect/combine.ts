/**
 * Joining a file's matches into one expression: texts found together are
 * ANDed; a stated choice (an OR expression from a tag, manifest or dual-licence
 * notice) absorbs the texts of the licences it offers a choice between.
 */
import { isExceptionId, join, licenseIdsOf, parseExpression } from "./expression.ts";
import type { Match } from "./types.ts";

export function combine(matches: readonly Match[]): string | null {
  const own = attachExceptions(matches.filter((m) => !m.paths)); // evidence about other files does not license this one
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
  return join(
    kept.map(({ m }) => m.spdx),
    "and",
  );
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
