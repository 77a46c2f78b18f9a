import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { aiTxtAllows, parseAiTxt, tgplAiTxt } from "./ai-txt.ts";
import { TGPL_ONLY } from "./ids.ts";

describe("ai.txt", () => {
  it("reads a Spawning-style file that disallows file types and everything", () => {
    const ai = parseAiTxt(
      readFileSync(new URL("./fixtures/ai-txt/spawning-style.txt", import.meta.url), "utf8"),
    );
    assert.equal(aiTxtAllows(ai, "/").allowed, false);
    assert.equal(aiTxtAllows(ai, "/src/main.py").allowed, false);
    assert.equal(ai.licence, undefined);
  });

  it("matches extension patterns anywhere in the path", () => {
    const ai = parseAiTxt("User-Agent: *\nDisallow: *.jpg\nAllow: /\n");
    assert.equal(aiTxtAllows(ai, "/img/a.jpg").allowed, false);
    assert.equal(aiTxtAllows(ai, "/src/a.c").allowed, true);
  });

  it("uses a crawler's own group over the catch-all", () => {
    const ai = parseAiTxt(
      "User-Agent: *\nDisallow: /\n\nUser-Agent: GoodBot\nAllow: /\n",
      "goodbot",
    );
    assert.equal(aiTxtAllows(ai, "/x").allowed, true);
  });

  it("says nothing when no rule applies", () => {
    assert.equal(aiTxtAllows(parseAiTxt("# empty\n"), "/").allowed, null);
  });

  it("reads back the TGPL file: a reservation plus the licence and offer records", () => {
    const ai = parseAiTxt(
      tgplAiTxt(TGPL_ONLY, "https://e.org/tgpl-policy.json", "https://e.org/LICENSE"),
    );
    assert.equal(aiTxtAllows(ai, "/").allowed, false);
    assert.equal(ai.licence?.value, TGPL_ONLY);
    assert.equal(ai.policy, "https://e.org/tgpl-policy.json");
  });
});
