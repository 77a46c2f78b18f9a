/**
 * Drawing a campaign's canaries and choosing which are published, all from
 * one secret seed: whoever holds the seed can redraw both and show they were
 * fixed before release; nobody else can tell published canaries from held-out
 * ones, or guess the held-out ones.
 */
import { secretRandom, shuffled } from "../stats/random.ts";
import { ADJECTIVES, NOUNS } from "./words.ts";

export interface Canary {
  /** Position in draw order. */
  index: number;
  /** snake_case form, e.g. quiet_harbor_lantern_47. */
  text: string;
  published: boolean;
}

export const SEED_BYTES = 32;

export function seedBytes(seedHex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(seedHex))
    throw new RangeError("a campaign seed is 64 lowercase hex digits");
  return Uint8Array.from(Buffer.from(seedHex, "hex"));
}

/** `published + heldOut` distinct canaries, a random `published` of them marked published. */
export function drawCanaries(seedHex: string, published: number, heldOut: number): Canary[] {
  const key = seedBytes(seedHex);
  const total = published + heldOut;
  if (!Number.isInteger(published) || !Number.isInteger(heldOut) || published < 1 || heldOut < 1)
    throw new RangeError("a campaign needs at least one published and one held-out canary");
  const rng = secretRandom(key, "tgpl-canary/draw");
  const texts: string[] = [];
  const seen = new Set<string>();
  while (texts.length < total) {
    const adj = ADJECTIVES[rng.below(ADJECTIVES.length)]!;
    const a = NOUNS[rng.below(NOUNS.length)]!;
    const b = NOUNS[rng.below(NOUNS.length)]!;
    const n = 10 + rng.below(90);
    if (a === b) continue;
    const text = `${adj}_${a}_${b}_${n}`;
    if (seen.has(normalizeCanary(text))) continue;
    seen.add(normalizeCanary(text));
    texts.push(text);
  }
  const order = shuffled(
    texts.map((_, i) => i),
    secretRandom(key, "tgpl-canary/assign"),
  );
  const isPublished = new Set(order.slice(0, published));
  return texts.map((text, index) => ({ index, text, published: isPublished.has(index) }));
}

/** The form canaries are searched in: lower case, letters and digits only. */
export const normalizeCanary = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The constant name a canary is planted under: QUIET_HARBOR_LANTERN_47. */
export const constantName = (canary: string): string => canary.toUpperCase();
