import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { UNKNOWN } from "./gram.ts";
import { licenceIndex } from "./index.ts";
import { EQUIVALENTS } from "./tokenize.ts";
import { randomTexts } from "../test-utils/random-texts.ts";
import { WordIds } from "./word-ids.ts";

const require = createRequire(import.meta.url);
const SPDX: Record<string, { licenseText: string }> = require("spdx-license-list/full");
const FIXTURES = new URL("../matchers/fixtures/texts/", import.meta.url);
const SOURCES = new URL("../", import.meta.url);

const index = licenceIndex();
const fast = new WordIds(new Map(index.data.vocab.map((w, i) => [w, i])));

/** The fast reading agrees with the general tokenizer and a vocabulary lookup. */
function agree(text: string, firstLine = 1) {
  const want = index.wordIdsOfAny(text, firstLine);
  const got = fast.of(text, firstLine);
  if (got === undefined) {
    assert.match(
      text.toLowerCase(),
      /[^\x00-\x7f]/,
      "only non-ASCII texts are left to the tokenizer",
    );
    return;
  }
  assert.deepEqual([...got.ids], [...want.ids], JSON.stringify(text.slice(0, 60)));
  assert.deepEqual([...got.lines], [...want.lines]);
}

describe("WordIds", () => {
  it("reads every SPDX licence text and our fixtures as the tokenizer does", () => {
    let ascii = 0;
    for (const { licenseText } of Object.values(SPDX)) {
      agree(licenseText, 7);
      if (fast.of(licenseText, 1)) ascii++;
    }
    for (const f of readdirSync(FIXTURES, { recursive: true, withFileTypes: true })) {
      if (f.isFile()) agree(readFileSync(`${f.parentPath ?? f.path}/${f.name}`, "utf8"));
    }
    assert.ok(ascii > 500, `most SPDX texts are ASCII (${ascii})`);
  });

  it("reads source files (mostly words no template has) as the tokenizer does", () => {
    let files = 0;
    for (const f of readdirSync(SOURCES, { recursive: true, withFileTypes: true })) {
      if (!f.isFile() || !f.name.endsWith(".ts")) continue;
      agree(readFileSync(`${f.parentPath ?? f.path}/${f.name}`, "utf8"));
      files++;
    }
    assert.ok(files > 20);
  });

  it("reads equivalent words and pairs as one, on the line of the pair's first word", () => {
    for (const [pair] of EQUIVALENTS.pairs) {
      const [a = "", b = ""] = pair.split(" ");
      agree(`the ${a} ${b} of`);
      agree(`the ${a}\n${b} of`);
      agree(`${a.toUpperCase()}-${b}`);
    }
    for (const [word] of EQUIVALENTS.single) agree(`x ${word} y ${word}`);
    const sub = fast.of("a sub\nlicense", 1)!;
    const one = fast.of("a sublicense", 1)!;
    assert.deepEqual([...sub.ids], [...one.ids]);
    assert.deepEqual([...sub.lines], [1, 1]);
  });

  it("gives unknown words the unknown id and keeps & as a word", () => {
    const got = fast.of("qwzx & the", 3)!;
    assert.equal(got.ids[0], UNKNOWN);
    assert.notEqual(got.ids[1], UNKNOWN);
    assert.deepEqual([...got.lines], [3, 3, 3]);
    agree("R&D & co &amp; 1.2.3 a) b) (iv) x");
  });

  it("agrees on random texts of words, equivalents, bullets and punctuation", () => {
    const pieces = [
      ...index.data.vocab.slice(0, 200),
      ...[...EQUIVALENTS.single.keys()].slice(0, 40),
      ...[...EQUIVALENTS.pairs.keys()].slice(0, 40),
      "sub",
      "license",
      "1.",
      "(a)",
      "\n",
      "\n  - ",
      " ",
      "&",
      "-",
      "foo_bar",
      "x9",
    ];
    randomTexts(11, pieces, 3000, 40, " ").forEach((text, t) => {
      agree(text, 1 + (t % 5));
    });
  });

  it("leaves texts with other characters to the tokenizer", () => {
    assert.equal(fast.of("Lizenz für Software", 1), undefined);
    assert.ok(fast.of("plain text", 1));
  });
});
