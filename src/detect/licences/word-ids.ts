/**
 * Word ids of an ASCII text, read straight from its characters. A region
 * around licence keywords in a source file is mostly identifiers no template
 * holds; making a string of each and looking it up in three maps (the
 * vocabulary and the two kinds of equivalent words) was most of the cost of
 * preparing a text. Here a word's hash is summed as its characters are read
 * and probed in one table of every word that matters (vocabulary words,
 * equivalents, the first words of equivalent pairs): an unknown word costs
 * one probe and no string. The ids are exactly those of `forEachWord` and a
 * vocabulary lookup (tested on every SPDX text and on source files); texts
 * with other characters than ASCII go that way.
 */
import { UNKNOWN } from "./gram.ts";
import { ALNUM, EQUIVALENTS, foldForWords, NON_ASCII } from "./tokenize.ts";

export interface WordIdsOf {
  ids: Uint16Array;
  /** The line each word starts on. */
  lines: Int32Array;
}

const AMPERSAND = 38;
const NEWLINE = 10;

export class WordIds {
  private readonly words: string[] = [];
  /** The word's id when it stands for itself. */
  private readonly own: number[] = [];
  /** Ids of what an equivalent word is read as ("licence" → "license"). */
  private readonly mapped: (readonly number[] | undefined)[] = [];
  /** The word a following one may pair with ("sub" of "sub license"), if any. */
  private readonly pairWith: (string | undefined)[] = [];
  /** Open addressing, two cells a slot: the word's hash, then 1 + its entry (0: empty). */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** The most ids one word may be read as (an equivalent of several words). */
  private readonly widest: number;
  /** Reused between texts; each text's ids are copied out. */
  private scratchIds = new Uint16Array(1 << 12);
  private scratchLines = new Int32Array(1 << 12);

  constructor(private readonly vocab: ReadonlyMap<string, number>) {
    const { single, pairs, pairFirst } = EQUIVALENTS;
    this.widest = Math.max(1, ...[...single.values(), ...pairs.values()].map((to) => to.length));
    const id = (w: string) => vocab.get(w) ?? UNKNOWN;
    const all = new Set([...vocab.keys(), ...single.keys(), ...pairFirst]);
    // A quarter full: most words are not in it, and a miss should end at an empty slot.
    let size = 1;
    while (size < all.size * 4) size <<= 1;
    this.mask = size - 1;
    this.table = new Int32Array(size * 2);
    for (const w of all) {
      const to = single.get(w);
      // What the next word may pair with: the word as read (the last of its equivalent).
      const read = to ? to[to.length - 1] : w;
      const e = this.words.length;
      this.words.push(w);
      const h = hashOf(w);
      this.own.push(id(w));
      this.mapped.push(to?.map(id));
      this.pairWith.push(read !== undefined && pairFirst.has(read) ? read : undefined);
      let slot = mix(h) & this.mask;
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = h;
      this.table[2 * slot + 1] = e + 1;
    }
  }

  /** Ids and lines of the words of `text` (starting on `firstLine`); undefined if it is not ASCII. */
  of(text: string, firstLine: number): WordIdsOf | undefined {
    // Checked before folding, so the tokenizer that takes other texts folds them once.
    if (NON_ASCII.test(text)) return undefined;
    const lower = foldForWords(text);
    const { pairs } = EQUIVALENTS;
    const n = lower.length;
    // At most one word per two characters, each read as at most `widest` ids.
    const room = ((n >> 1) + 1) * this.widest;
    if (this.scratchIds.length < room) {
      this.scratchIds = new Uint16Array(room);
      this.scratchLines = new Int32Array(room);
    }
    const ids = this.scratchIds;
    const lines = this.scratchLines;
    let count = 0;
    let line = firstLine;
    let prevLine = line;
    let pairWith: string | undefined;
    for (let i = 0; i < n; ) {
      const c = lower.charCodeAt(i);
      if (c === NEWLINE) {
        line++;
        i++;
        continue;
      }
      const start = i;
      let h = 0;
      if (ALNUM[c] === 1) {
        do {
          h = (Math.imul(h, 31) + lower.charCodeAt(i)) | 0;
          i++;
        } while (i < n && ALNUM[lower.charCodeAt(i)] === 1);
      } else if (c === AMPERSAND) {
        h = AMPERSAND;
        i++;
      } else {
        i++;
        continue;
      }
      if (pairWith !== undefined) {
        const pair = pairs.get(`${pairWith} ${lower.slice(start, i)}`);
        pairWith = undefined;
        if (pair) {
          // The pair replaces the word before it: "sub license" is one "sublicense".
          count--;
          for (const w of pair) {
            ids[count] = this.vocab.get(w) ?? UNKNOWN;
            lines[count++] = prevLine;
          }
          continue;
        }
      }
      const e = this.find(lower, start, i, h);
      if (e < 0) {
        ids[count] = UNKNOWN;
        lines[count++] = line;
      } else {
        const mapped = this.mapped[e];
        if (mapped) {
          for (const id of mapped) {
            ids[count] = id;
            lines[count++] = line;
          }
        } else {
          ids[count] = this.own[e]!;
          lines[count++] = line;
        }
        pairWith = this.pairWith[e];
      }
      prevLine = line;
    }
    return { ids: ids.slice(0, count), lines: lines.slice(0, count) };
  }

  /** Entry of the word lower[start, end) with hash h, or -1. */
  private find(lower: string, start: number, end: number, h: number): number {
    const table = this.table;
    for (let slot = mix(h) & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = table[2 * slot + 1]!;
      if (v === 0) return -1;
      if (table[2 * slot] !== h) continue;
      const w = this.words[v - 1]!;
      if (w.length !== end - start) continue;
      let k = 0;
      while (k < w.length && w.charCodeAt(k) === lower.charCodeAt(start + k)) k++;
      if (k === w.length) return v - 1;
    }
  }
}

/** The hash the reading loop sums: h·31 + c over the characters, in 32 bits. */
function hashOf(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  return h;
}

/** Spread the low bits, which decide the slot. */
function mix(h: number): number {
  return (h ^ (h >>> 16) ^ (h >>> 7)) >>> 0;
}
