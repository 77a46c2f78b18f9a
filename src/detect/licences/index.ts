/**
 * The licence index at run time: loaded once, lazily, from the compiled blob
 * in data/spdx/; finds which templates a text may hold (trigram containment)
 * and aligns the text with each of them.
 */
import { readFileSync } from "node:fs";
import { type Alignment, align, type TemplateView, uniqueGrams } from "./align.ts";
import { GRAM, gramAt, UNKNOWN } from "./gram.ts";
import { deserialize, type EntryMeta, type IndexData } from "./index-data.ts";
import { forEachWord } from "./tokenize.ts";
import { WordIds, type WordIdsOf } from "./word-ids.ts";

const INDEX_URL = new URL("../../../data/spdx/licence-index.bin", import.meta.url);

/** A text prepared for matching: word ids, their trigram hashes, their lines. */
export interface PreparedText {
  ids: Uint16Array;
  hashes: Int32Array;
  lines: Int32Array;
}

export interface Candidate {
  entry: number;
  /** Share of the entry's informative trigrams found in the text. */
  containment: number;
  /** Dice overlap of the entry's and the text's informative trigrams: high when each is most of the other. */
  dice: number;
}

export interface EntryAlignment extends Alignment {
  entry: EntryMeta;
}

export class LicenceIndex {
  private readonly vocab = new Map<string, number>();
  private readonly views = new Map<number, TemplateView>();
  private readonly hits: Uint32Array;
  /** From trigram hash to 1 + its index in gramHashes (0: empty), as shipped (gramTableOf). */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Per-trigram stamp of the last call that counted it, to count each trigram once per text. */
  private readonly stamps: Uint32Array;
  private call = 0;
  private readonly wordIds: WordIds;

  constructor(readonly data: IndexData) {
    for (const [i, w] of data.vocab.entries()) this.vocab.set(w, i);
    this.hits = new Uint32Array(data.entries.length);
    this.table = data.gramTable;
    this.mask = data.gramTable.length - 1;
    this.stamps = new Uint32Array(data.gramHashes.length);
    this.wordIds = new WordIds(this.vocab);
  }

  get entries(): readonly EntryMeta[] {
    return this.data.entries;
  }

  /** Words of a text (starting on line `firstLine`) as ids and trigram hashes. */
  prepare(text: string, firstLine = 1): PreparedText {
    const { ids, lines } = this.wordIds.of(text, firstLine) ?? this.wordIdsOfAny(text, firstLine);
    const n = ids.length;
    const hashes = new Int32Array(n).fill(-1);
    for (let i = 0; i + GRAM <= n; i++) hashes[i] = gramAt(ids, i);
    return { ids, hashes, lines };
  }

  /** Word ids of a text in any script, through the general tokenizer. */
  wordIdsOfAny(text: string, firstLine = 1): WordIdsOf {
    const cap = (text.length >> 1) + 2;
    let ids = new Uint16Array(cap);
    let lines = new Int32Array(cap);
    let n = 0;
    forEachWord(
      text,
      (w, line) => {
        if (n === ids.length) {
          ids = grow(ids, new Uint16Array(n * 2));
          lines = grow(lines, new Int32Array(n * 2));
        }
        ids[n] = this.vocab.get(w) ?? UNKNOWN;
        lines[n++] = line;
      },
      () => {
        n--;
      },
      { firstLine },
    );
    return { ids: ids.subarray(0, n), lines: lines.subarray(0, n) };
  }

  /**
   * Entries whose informative trigrams the text holds to at least `min` (0..1),
   * best containment first. Positions marked in `skip` (already explained by a
   * match) are left out.
   */
  candidates(text: PreparedText, min: number, skip?: Uint8Array): Candidate[] {
    const d = this.data;
    const hits = this.hits;
    const touched: number[] = [];
    const call = ++this.call;
    let known = 0;
    for (let i = 0; i < text.hashes.length; i++) {
      const h = text.hashes[i]!;
      if (h < 0 || skip?.[i]) continue;
      const g = this.find(h);
      if (g < 0 || this.stamps[g] === call) continue;
      this.stamps[g] = call;
      known++;
      for (let k = d.gramOffsets[g]!; k < d.gramOffsets[g + 1]!; k++) {
        const e = d.gramEntries[k]!;
        if (hits[e] === 0) touched.push(e);
        hits[e] = hits[e]! + 1;
      }
    }
    const out: Candidate[] = [];
    for (const e of touched) {
      const total = d.gramCounts[e]!;
      const n = hits[e]!;
      hits[e] = 0;
      if (total === 0) continue;
      const containment = n / total;
      if (containment >= min && n >= Math.min(3, total)) {
        out.push({ entry: e, containment, dice: (2 * n) / (total + known) });
      }
    }
    return out.sort((a, b) => b.containment - a.containment);
  }

  /** Index of a trigram hash in gramHashes, or -1. */
  private find(h: number): number {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.table[slot]!;
      if (v === 0) return -1;
      if (this.data.gramHashes[v - 1] === h) return v - 1;
    }
  }

  view(entry: number): TemplateView {
    let v = this.views.get(entry);
    if (!v) {
      const e = this.data.entries[entry]!;
      const tokens = this.data.tokens.subarray(e.start, e.start + e.length);
      const hashes = new Int32Array(tokens.length).fill(-1);
      for (let i = 0; i + GRAM <= tokens.length; i++) hashes[i] = gramAt(tokens, i);
      v = {
        tokens,
        flags: this.data.flags.subarray(e.start, e.start + e.length),
        caps: this.data.caps.subarray(e.start, e.start + e.length),
        required: e.required,
        unique: uniqueGrams(hashes),
      };
      this.views.set(entry, v);
    }
    return v;
  }

  /**
   * Alignments of the text (or of its words `from` to `to`, exclusive) with one
   * template; words marked in `skip` anchor nothing (they are explained already).
   */
  align(
    text: PreparedText,
    entry: number,
    from = 0,
    to = text.ids.length,
    skip?: Uint8Array,
  ): EntryAlignment[] {
    const ids = text.ids.subarray(from, to);
    // A trigram that runs past the end of the window is not the window's own.
    const hashes = text.hashes.slice(from, to);
    for (let i = Math.max(0, hashes.length - 2); i < hashes.length; i++) hashes[i] = -1;
    if (skip) for (let i = 0; i < hashes.length; i++) if (skip[from + i]) hashes[i] = -1;
    return align(ids, hashes, this.view(entry)).map((a) => ({
      ...a,
      from: a.from + from,
      to: a.to + from,
      entry: this.data.entries[entry]!,
    }));
  }
}

let shared: LicenceIndex | undefined;

/**
 * The index shipped with tgpl, loaded on first use.
 * @throws Error when data/spdx/licence-index.bin is missing or stale.
 */
export function licenceIndex(): LicenceIndex {
  shared ??= new LicenceIndex(deserialize(readFileSync(INDEX_URL)));
  return shared;
}

function grow<T extends Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
