/** Heritage of models on disk: open each path (headers only), compare in one pass, close. */
import type { CompareOptions } from "./compare.ts";
import { type HeritageResult, heritage } from "./heritage.ts";
import { openSource } from "./open.node.ts";
import type { AdapterSource, ModelSource, Source } from "./source.ts";

export interface ModelInput {
  path: string;
  /** The id to report it under; by default its folder's ORG/NAME or its file name. */
  id?: string;
}

/**
 * Opens every input; closes what was opened if one fails.
 * @throws InputError for a path that holds no readable weights, or a damaged file.
 */
export function openAll(inputs: readonly ModelInput[]): Source[] {
  const opened: Source[] = [];
  const used = new Map<string, number>();
  try {
    for (const input of inputs) {
      const s = openSource(input.path, input.id);
      // Two inputs from folders of the same name would otherwise be indistinguishable.
      const n = (used.get(s.id) ?? 0) + 1;
      used.set(s.id, n);
      if (n > 1) s.id = `${s.id}#${n}`;
      opened.push(s);
    }
  } catch (e) {
    for (const s of opened) s.close();
    throw e;
  }
  return opened;
}

/**
 * @throws InputError for unreadable inputs.
 */
export function heritageOfPaths(
  inputs: readonly ModelInput[],
  options: CompareOptions = {},
): HeritageResult {
  const sources = openAll(inputs);
  try {
    const models = sources.filter((s): s is ModelSource => s.kind === "model");
    const adapters = sources.filter((s): s is AdapterSource => s.kind === "adapter");
    return heritage(models, adapters, options);
  } finally {
    for (const s of sources) s.close();
  }
}
