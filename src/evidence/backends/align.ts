/**
 * Puts token pieces back onto the text they came from. Backends report each
 * token's decoded text, but decoders drop or add a leading space, print byte
 * tokens as U+FFFD and show special tokens as "<s>"; this finds each piece in
 * the text and gives tokens it cannot place the range up to the next one it can.
 */

export interface Alignment {
  spans: [number, number][];
  /** True when every non-empty piece was found where expected. */
  exact: boolean;
}

const normalize = (piece: string) => piece.replaceAll("\u2581", " ");

export function alignPieces(text: string, pieces: readonly string[]): Alignment {
  const spans: [number, number][] = [];
  const pending: number[] = [];
  let pos = 0;
  let exact = true;
  const settlePending = (until: number) => {
    // Tokens placed on no text of their own (special tokens such as "<s>") are exact; ones standing for text are not.
    if (pending.length > 0 && until > pos) exact = false;
    for (const i of pending) spans[i] = [pos, until];
    pending.length = 0;
  };
  pieces.forEach((raw, i) => {
    const piece = normalize(raw);
    if (piece.length === 0) {
      spans[i] = [pos, pos];
      return;
    }
    let at = -1;
    let len = piece.length;
    if (text.startsWith(piece, pos)) at = pos;
    else if (piece.startsWith(" ") && text.startsWith(piece.slice(1), pos)) {
      at = pos;
      len = piece.length - 1;
    } else if (!piece.includes("\uFFFD")) {
      // A decoder that dropped a leading space, or (after unplaced tokens) the text those stand for.
      const window = pending.length > 0 ? 16 * pending.length + 8 : 4;
      const found = text.indexOf(piece, pos);
      if (
        found >= 0 &&
        found - pos <= window &&
        (pending.length > 0 || /^\s*$/.test(text.slice(pos, found)))
      )
        at = found;
    }
    if (at < 0) {
      pending.push(i);
      return;
    }
    settlePending(at);
    spans[i] = [at, at + len];
    pos = at + len;
  });
  settlePending(text.length);
  if (pos < text.length && text.slice(pos).trim() !== "") exact = false;
  return { spans, exact };
}
