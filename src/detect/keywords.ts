/**
 * Finding any of a set of keywords in a text, case-insensitively, faster than
 * one regular expression of alternatives. Every file is scanned for licence
 * words before anything else is done to it, so this pass is the floor of
 * detection's cost on source files; a regex tries each alternative at almost
 * every character (~300 MB/s here), while this skips ahead several characters
 * at a time (Wu-Manber: a shift table over two-character blocks, keywords
 * checked only where a block ends a keyword's first characters).
 *
 * Results are exactly a global case-insensitive regex's (`/a|b|c/gi`, no `u`
 * flag): the same offsets, the first keyword in list order winning where two
 * start at one offset, the next match looked for after the end of the last.
 * Only ASCII letters fold case, as they do for such a regex.
 */

/** Characters per block of the shift table. */
const BLOCK = 2;
/** Char codes past Latin-1 share the table's last row: no ASCII keyword holds them. */
const CLAMP = 255;

export class Keywords {
  private readonly ascii: string[];
  /** Characters of every ASCII keyword that the skip table sees. */
  private readonly span: number;
  /** How far the window may move when its last block is (a, b): table[a << 8 | b]. */
  private readonly shift = new Uint8Array(256 * 256);
  /** Keywords (indexes into `ascii`) whose first `span` characters end in a block. */
  private readonly ending: (number[] | undefined)[] = new Array(256 * 256);
  /** Keywords with characters past ASCII, found by a regex (on one-byte texts it fails at once). */
  private readonly other: RegExp | undefined;

  constructor(words: readonly string[]) {
    this.ascii = words.filter((w) => /^[\x00-\x7f]+$/.test(w)).map((w) => w.toLowerCase());
    const other = words.filter((w) => !/^[\x00-\x7f]+$/.test(w));
    // Sharing no character, the two kinds of keyword never overlap, and their
    // offsets can simply be merged (a regex would not take both of "licens" and "licensé").
    // Without ASCII they hold no regex syntax either: they join as they are.
    const mixed = other.find((w) => /[\x00-\x7f]/.test(w));
    if (mixed !== undefined)
      throw new Error(`keyword "${mixed}" mixes ASCII with other characters; split it`);
    this.other = other.length > 0 ? new RegExp(other.join("|"), "gi") : undefined;
    this.span = this.ascii.length > 0 ? Math.min(...this.ascii.map((w) => w.length)) : BLOCK;
    if (this.span < BLOCK) {
      throw new Error(`keywords must be at least ${BLOCK} characters long`);
    }
    this.shift.fill(this.span - BLOCK + 1);
    this.ascii.forEach((w, k) => {
      for (let j = BLOCK - 1; j < this.span; j++) {
        for (const block of blocks(w.charCodeAt(j - 1), w.charCodeAt(j))) {
          this.shift[block] = Math.min(this.shift[block]!, this.span - 1 - j);
          if (j === this.span - 1) this.ending[block] = [...(this.ending[block] ?? []), k];
        }
      }
    });
  }

  /** Whether the text says any keyword. */
  test(text: string): boolean {
    if (this.ascii.length > 0 && this.scan(text, true).length > 0) return true;
    if (!this.other) return false;
    this.other.lastIndex = 0;
    return this.other.test(text);
  }

  /** Offsets at which keywords start, ascending. */
  offsets(text: string): number[] {
    const found = this.ascii.length > 0 ? this.scan(text, false) : [];
    if (!this.other) return found;
    const more: number[] = [];
    this.other.lastIndex = 0;
    for (let m = this.other.exec(text); m; m = this.other.exec(text)) more.push(m.index);
    return more.length === 0 ? found : [...found, ...more].sort((a, b) => a - b);
  }

  private scan(text: string, first: boolean): number[] {
    const out: number[] = [];
    const { shift, span } = this;
    const n = text.length;
    // A keyword may start at `next` or later: matches do not overlap.
    let next = 0;
    for (let i = span - 1; i < n; ) {
      const block =
        (Math.min(text.charCodeAt(i - 1), CLAMP) << 8) | Math.min(text.charCodeAt(i), CLAMP);
      const s = shift[block]!;
      if (s !== 0) {
        i += s;
        continue;
      }
      const at = i - span + 1;
      if (at >= next) {
        for (const k of this.ending[block]!) {
          const word = this.ascii[k]!;
          if (startsWith(text, at, word)) {
            out.push(at);
            if (first) return out;
            next = at + word.length;
            break;
          }
        }
      }
      i++;
    }
    return out;
  }
}

/** The table rows of a block of two keyword characters, in each case. */
function blocks(a: number, b: number): number[] {
  const out: number[] = [];
  for (const x of cases(a)) for (const y of cases(b)) out.push((x << 8) | y);
  return out;
}

function cases(c: number): number[] {
  return c >= 97 && c <= 122 ? [c, c - 32] : [c];
}

/** Whether `word` (lower case ASCII) is in `text` at `at`, ASCII letters in any case. */
function startsWith(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(w >= 97 && w <= 122 && c === w - 32)) return false;
  }
  return true;
}
