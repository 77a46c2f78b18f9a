/**
 * Training sources from a manifest written by `tgpl scan`: one source per
 * effective licence expression (with its file count), and one for the files
 * with no licence at all, so that they stay visible as unknown.
 */
import { ManifestReader } from "../manifest/reader.node.ts";
import { summarize } from "../manifest/summary.node.ts";
import type { SourceSpec } from "./types.ts";

/**
 * @throws InputError when the file is not a finished manifest
 */
export async function manifestSources(path: string): Promise<SourceSpec[]> {
  const reader = await ManifestReader.open(path);
  try {
    const summary = await summarize(reader.store, reader.meta);
    const out: SourceSpec[] = summary.licences.map((l) => ({
      name: `${path}: files under ${l.licence}`,
      licence: l.licence,
      files: Number(l.files),
    }));
    if (summary.unknown > 0)
      out.push({
        name: `${path}: files with no licence`,
        licence: null,
        files: Number(summary.unknown),
      });
    return out;
  } finally {
    reader.close();
  }
}
