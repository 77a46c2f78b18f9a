/**
 * The licence index at run time: loaded once, lazily, from the compiled blob
 * in data/spdx/; finds which templates a text may hold (trigram containment)
 * and aligns the text with each of them.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { type Alignment, align, type TemplateView, uniqueGrams } from "./align.ts";
import { GRAM, gramAt, UNKNOWN } from "./gram.ts";
import { deserialize, type EntryMeta, type IndexData } from "./index-data.ts";
import { tokenize } from "./tokenize.ts";

const INDEX_URL = new URL("../../../data/spdx/licence-index.bin.gz", import.meta.url);

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

  constructor(readonly data: IndexData) {
    for (const [i, w] of data.vocab.entries()) this.vocab.set(w, i);
    this.hits = new Uint32Array(data.entries.length);
  }

  get entries(): readonly EntryMeta[] {
    return this.data.entries;
  }

  /** Words of a text (starting on line `firstLine`) as ids and trigram hashes. */
  prepare(text: string, firstLine = 1): PreparedText {
    const { words, lines } = tokenize(text, { firstLine });
    const ids = new Uint16Array(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = this.vocab.get(words[i]!) ?? UNKNOWN;
    const hashes = new Int32Array(Math.max(0, ids.length));
    hashes.fill(-1);
    for (let i = 0; i + GRAM <= ids.length; i++) hashes[i] = gramAt(ids, i);
    return { ids, hashes, lines };
  }

  /**
   * Entries whose informative trigrams the text holds to at least `min` (0..1),
   * best containment first. Positions marked in `skip` (already explained by a
   * match) are left out.
   */
  candidates(text: PreparedText, min: number, skip?: Uint8Array): Candidate[] {
    const d = this.data;
    const grams: number[] = [];
    for (let i = 0; i < text.hashes.length; i++) {
      const h = text.hashes[i]!;
      if (h >= 0 && !(skip && skip[i])) grams.push(h);
    }
    const distinct = Int32Array.from(grams).sort();
    const hits = this.hits;
    const touched: number[] = [];
    let known = 0;
    let last = -1;
    for (const h of distinct) {
      if (h === last) continue;
      last = h;
      let lo = 0;
      let hi = d.gramHashes.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = d.gramHashes[mid]!;
        if (v < h) lo = mid + 1;
        else if (v > h) hi = mid - 1;
        else {
          known++;
          for (let k = d.gramOffsets[mid]!; k < d.gramOffsets[mid + 1]!; k++) {
            const e = d.gramEntries[k]!;
            if (hits[e] === 0) touched.push(e);
            hits[e] = hits[e]! + 1;
          }
          break;
        }
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

  align(text: PreparedText, entry: number): EntryAlignment[] {
    return align(text.ids, text.hashes, this.view(entry)).map((a) => ({
      ...a,
      entry: this.data.entries[entry]!,
    }));
  }
}

let shared: LicenceIndex | undefined;

/**
 * The index shipped with tgpl, loaded on first use.
 * @throws Error when data/spdx/licence-index.bin.gz is missing or stale.
 */
export function licenceIndex(): LicenceIndex {
  shared ??= new LicenceIndex(deserialize(gunzipSync(readFileSync(INDEX_URL))));
  return shared;
}
