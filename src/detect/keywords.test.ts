import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { Keywords } from "./keywords.ts";
import { randomTexts } from "./test-utils/random-texts.ts";

const require = createRequire(import.meta.url);
const SPDX: Record<string, { licenseText: string }> = require("spdx-license-list/full");
const FIXTURES = new URL("./matchers/fixtures/texts/", import.meta.url);

const WORDS = ["licenc", "licens", "copyright", "public domain", "you want", "ライセンス", "許諾"];
const keywords = new Keywords(WORDS);
/** What the scanner stands in for: one case-insensitive regex of alternatives. */
const REGEX = new RegExp(WORDS.join("|"), "gi");

function regexOffsets(text: string, re = REGEX): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

function agree(text: string) {
  const want = regexOffsets(text);
  assert.deepEqual(keywords.offsets(text), want, JSON.stringify(text.slice(0, 80)));
  assert.equal(keywords.test(text), want.length > 0);
}

describe("Keywords", () => {
  it("finds what the regex finds in every SPDX licence text and in our fixtures", () => {
    let hits = 0;
    for (const { licenseText } of Object.values(SPDX)) {
      agree(licenseText);
      hits += regexOffsets(licenseText).length;
    }
    for (const f of readdirSync(FIXTURES, { recursive: true, withFileTypes: true })) {
      if (f.isFile()) agree(readFileSync(`${f.parentPath ?? f.path}/${f.name}`, "utf8"));
    }
    assert.ok(hits > 1000, `the texts hold keywords (${hits})`);
  });

  it("folds the case of ASCII letters only, as a regex without the u flag does", () => {
    assert.deepEqual(keywords.offsets("LICENSE License lIcEnSe"), [0, 8, 16]);
    // Long s and the Kelvin sign upper-case to ASCII letters; /i without u does not fold them.
    agree("ſcopyright LICENſE liKense");
    assert.deepEqual(keywords.offsets("LICENſE"), []);
  });

  it("finds keywords at either end, in texts shorter than a keyword, and across lines", () => {
    agree("license");
    agree("a license");
    agree("licen");
    agree("");
    agree("x");
    agree("public\ndomain and public domain");
    assert.deepEqual(keywords.offsets("public\ndomain and public domain"), [18]);
  });

  it("takes the next match after the end of the last, the first keyword winning", () => {
    const words = new Keywords(["abab", "abc", "bab"]);
    const re = /abab|abc|bab/gi;
    for (const t of ["ababab", "abababc", "xbabab", "ABABC", "aabcbab"]) {
      assert.deepEqual(words.offsets(t), regexOffsets(t, re), t);
    }
    assert.deepEqual(words.offsets("ababab"), [0]);
  });

  it("finds keywords with other characters in texts of any script, merged in order", () => {
    agree("本ソフトウェアのライセンスは MIT license です。許諾");
    assert.deepEqual(keywords.offsets("許諾 license ライセンス"), [0, 3, 11]);
    agree("文字 \u{1F600} copyright");
  });

  it("agrees with the regex on random texts of keyword pieces", () => {
    const pieces = [
      "lic",
      "LIC",
      "ens",
      "enc",
      "copy",
      "right",
      "public",
      " ",
      "domain",
      "you",
      " want",
      "ライセ",
      "ンス",
      "許",
      "諾",
      "x",
      "\n",
      "é",
    ];
    for (const text of randomTexts(7, pieces, 2000, 30)) agree(text);
  });

  it("refuses keywords shorter than its blocks, and keywords that mix ASCII with other characters", () => {
    assert.throws(() => new Keywords(["a", "license"]), /at least 2 characters/);
    assert.throws(() => new Keywords(["licens", "licensé"]), /mixes ASCII/);
  });
});
