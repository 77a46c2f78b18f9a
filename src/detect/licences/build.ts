/**
 * Building the licence index from compiled templates (pure: the script in
 * scripts/build-licence-data.ts does the reading and writing).
 */
import { GRAM, gramAt, UNKNOWN } from "./gram.ts";
import { type EntryMeta, gramTableOf, type IndexData } from "./index-data.ts";
import { PLACEHOLDER, REQUIRED, type Template } from "./template.ts";

/**
 * A trigram found in more templates than this says little about which licence
 * a text is (it is in every BSD or every GNU text) and is left out of the
 * candidate index; the alignment still uses every word.
 */
export const MAX_POSTINGS = 400;

/** Of several ids with the same text, the one a bare text is reported as. */
function preferred(ids: string[]): string {
  // A licence text alone does not say "or later": that takes a notice.
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0]!;
}
const rank = (id: string) => (id.endsWith("-only") ? 0 : id.endsWith("-or-later") ? 2 : 1);

export function buildIndex(templates: Template[], source: Record<string, string>): IndexData {
  // Entries with word-for-word the same template are one entry with several ids.
  const byText = new Map<string, Template[]>();
  for (const t of templates) {
    const key = `${t.kind}\u0000${t.words.join(" ")}\u0000${t.flags.join("")}`;
    const group = byText.get(key);
    if (group) group.push(t);
    else byText.set(key, [t]);
  }
  const groups = [...byText.values()].sort((a, b) =>
    preferred(a.map((t) => t.id)).localeCompare(preferred(b.map((t) => t.id))),
  );
  if (groups.length >= UNKNOWN) throw new Error("too many licence entries for 16-bit entry ids");

  const vocabMap = new Map<string, number>();
  const vocab: string[] = [];
  const idOf = (w: string) => {
    let id = vocabMap.get(w);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(w);
      vocabMap.set(w, id);
    }
    return id;
  };
  idOf(PLACEHOLDER);

  const entries: EntryMeta[] = [];
  const tokens: number[] = [];
  const flags: number[] = [];
  const caps: number[] = [];
  for (const group of groups) {
    const t = group[0]!;
    const ids = group.map((g) => g.id).sort();
    entries.push({
      id: preferred(ids),
      ids,
      name: group.find((g) => g.id === preferred(ids))!.name,
      kind: t.kind,
      start: tokens.length,
      length: t.words.length,
      required: t.flags.filter((f) => f === REQUIRED).length,
    });
    for (let i = 0; i < t.words.length; i++) {
      tokens.push(idOf(t.words[i]!));
      flags.push(t.flags[i]!);
      caps.push(Math.min(255, t.caps[i]!));
    }
  }
  if (vocab.length >= UNKNOWN) throw new Error("vocabulary too large for 16-bit word ids");

  // Informative trigrams: all three words required, posted to at most MAX_POSTINGS entries.
  const postings = new Map<number, Set<number>>();
  const perEntry: number[][] = entries.map(() => []);
  entries.forEach((e, index) => {
    const seen = new Set<number>();
    for (let i = e.start; i + GRAM <= e.start + e.length; i++) {
      if (flags[i] !== REQUIRED || flags[i + 1] !== REQUIRED || flags[i + 2] !== REQUIRED) continue;
      const h = gramAt(tokens, i);
      if (h < 0 || seen.has(h)) continue;
      seen.add(h);
      perEntry[index]!.push(h);
      const set = postings.get(h) ?? new Set<number>();
      set.add(index);
      postings.set(h, set);
    }
  });
  const hashes = [...postings.keys()]
    .filter((h) => postings.get(h)!.size <= MAX_POSTINGS)
    .sort((a, b) => a - b);
  const kept = new Set(hashes);
  const gramOffsets = new Uint32Array(hashes.length + 1);
  const gramEntries: number[] = [];
  hashes.forEach((h, i) => {
    gramOffsets[i] = gramEntries.length;
    gramEntries.push(...[...postings.get(h)!].sort((a, b) => a - b));
  });
  gramOffsets[hashes.length] = gramEntries.length;

  const gramHashes = Uint32Array.from(hashes);
  return {
    source,
    vocab,
    entries,
    tokens: Uint16Array.from(tokens),
    flags: Uint8Array.from(flags),
    caps: Uint8Array.from(caps),
    gramHashes,
    gramOffsets,
    gramEntries: Uint16Array.from(gramEntries),
    gramCounts: Uint32Array.from(perEntry.map((hs) => hs.filter((h) => kept.has(h)).length)),
    gramTable: gramTableOf(gramHashes),
  };
}
