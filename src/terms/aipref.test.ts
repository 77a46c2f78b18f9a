import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combine, parseUsage, preferenceFor, tgplUsageValue } from "./aipref.ts";
import { TGPL_OR_LATER } from "./ids.ts";
import { parseDictionary } from "./sf.ts";

const pref = (value: string, category: Parameters<typeof preferenceFor>[1]) =>
  preferenceFor(parseUsage(value), category)?.preference ?? "unknown";

// Examples from draft-ietf-aipref-vocab (05 and the current editor's copy).
describe("AI-preferences vocabulary", () => {
  it("reads the draft's example: allow training, disallow search", () => {
    assert.equal(pref("train-ai=y, search=n", "train-ai"), "allow");
    assert.equal(pref("train-ai=y, search=n", "search"), "disallow");
    // A more specific category with no statement of its own takes the general one (vocab-05 section 5).
    assert.equal(pref("train-ai=y, search=n", "train-genai"), "allow");
    assert.equal(pref("train-ai=y, search=n", "ai-use"), "unknown");
  });

  it("states nothing for values that are not the tokens y or n (the draft's duplicate-key example)", () => {
    const s = 'train-ai=y, train-ai="n", search=n, search';
    assert.equal(pref(s, "train-ai"), "unknown");
    assert.equal(pref(s, "search"), "unknown");
  });

  it("takes the last value of a repeated key, with only its parameters", () => {
    assert.equal(pref("train-ai;allow=n, train-ai=y", "train-ai"), "allow");
  });

  it("states nothing when the dictionary does not parse", () => {
    assert.equal(pref('train-ai;has;parameters="?";', "train-ai"), "unknown");
    // Labels are case-sensitive: an upper-case key fails the parse.
    assert.equal(parseUsage("Train-AI=n").parsed, false);
    assert.equal(pref("Train-AI=n", "train-ai"), "unknown");
  });

  it("tolerates the labels of earlier drafts", () => {
    assert.equal(pref("train-genai=n", "train-genai"), "disallow");
    assert.equal(pref("train-genai=n", "train-ai"), "unknown");
    assert.equal(pref("ai=n", "train-ai"), "disallow"); // draft-00
    assert.equal(pref("genai=n", "train-genai"), "disallow"); // draft-00
    assert.equal(pref("bots=n", "train-genai"), "disallow"); // vocab-01: all automated processing
    assert.equal(pref("tdm=n", "search"), "disallow");
  });

  it("lets the more specific category override the general one", () => {
    assert.equal(pref("all=n, train-ai=y", "train-genai"), "allow");
    assert.equal(pref("all=y, train-genai=n", "train-genai"), "disallow");
  });

  it("ignores unknown labels and says which", () => {
    const s = parseUsage("train-ai=n, foo=y, ai-input=y");
    assert.deepEqual(s.ignored, ["foo", "ai-input"]);
    assert.equal(preferenceFor(s, "train-ai")?.preference, "disallow");
  });

  it("combines statements: a disallow anywhere wins, and one without an exception beats one with", () => {
    const y = preferenceFor(parseUsage("train-ai=y"), "train-ai");
    const n = preferenceFor(parseUsage("train-ai=n"), "train-ai");
    const nTgpl = preferenceFor(parseUsage(tgplUsageValue(TGPL_OR_LATER, "/p.json")), "train-ai");
    assert.equal(combine([y, n])?.preference, "disallow");
    assert.equal(combine([y, null])?.preference, "allow");
    assert.equal(combine([null, null]), null);
    assert.equal(combine([nTgpl, n])?.exception, undefined);
    assert.equal(combine([nTgpl, y])?.exception, TGPL_OR_LATER);
  });

  it("publishes a reservation that generic readers see as n and TGPL readers as an exception", () => {
    const value = tgplUsageValue(TGPL_OR_LATER, "https://example.org/tgpl-policy.json");
    // A reader that knows only RFC 9651 and the vocabulary: the value of train-ai is the token n.
    const member = parseDictionary(value)!.get("train-ai")!;
    assert.deepEqual(member.kind === "item" && member.value, { type: "token", value: "n" });
    const stated = preferenceFor(parseUsage(value), "train-genai")!;
    assert.equal(stated.preference, "disallow");
    assert.equal(stated.exception, TGPL_OR_LATER);
    assert.equal(stated.policy, "https://example.org/tgpl-policy.json");
  });
});
