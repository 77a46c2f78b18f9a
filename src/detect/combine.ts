/**
 * Joining a file's matches into one expression: texts found together are
 * ANDed; a stated choice (an OR expression from a tag, manifest or dual-licence
 * notice) absorbs the texts of the licences it offers a choice between.
 */
import { join, licenseIdsOf, parseExpression } from "./expression.ts";
import type { Match } from "./types.ts";

export function combine(matches: readonly Match[]): string | null {
  const parsed = matches
    .filter((m) => !m.paths) // evidence about other files does not license this one
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
