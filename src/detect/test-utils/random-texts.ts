/**
 * Texts made of random pieces, the same every run (a seeded generator): for
 * checking a fast path against the plain one it stands in for on many near
 * misses that real texts rarely hold.
 */
export function randomTexts(
  seed: number,
  pieces: readonly string[],
  count: number,
  maxPieces: number,
  separator = "",
): string[] {
  let s = seed;
  const random = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const texts: string[] = [];
  for (let t = 0; t < count; t++) {
    const parts: string[] = [];
    const n = Math.floor(random() * maxPieces);
    for (let i = 0; i < n; i++) parts.push(pieces[Math.floor(random() * pieces.length)]!);
    texts.push(parts.join(separator) + (n > 0 ? separator : ""));
  }
  return texts;
}
