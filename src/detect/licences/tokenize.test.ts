import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tokenize } from "./tokenize.ts";

describe("tokenize", () => {
  it("drops case, punctuation and comment markers", () => {
    assert.deepEqual(tokenize(' * THE SOFTWARE IS PROVIDED "AS IS",\n * WITHOUT WARRANTY').words, [
      "the",
      "software",
      "is",
      "provided",
      "as",
      "is",
      "without",
      "warranty",
    ]);
  });
  it("reads SPDX equivalent words as one", () => {
    assert.deepEqual(tokenize("Licence, sub-license & acknowledgment").words, [
      "license",
      "sublicense",
      "and",
      "acknowledgement",
    ]);
    assert.deepEqual(tokenize("the copyright owner, per cent, non-commercial").words, [
      "the",
      "copyright",
      "holder",
      "percent",
      "noncommercial",
    ]);
  });
  it("drops line-start bullets but not words", () => {
    assert.deepEqual(tokenize("1. Redistributions\n(b) Neither\n  iv) the\na copy").words, [
      "redistributions",
      "neither",
      "the",
      "a",
      "copy",
    ]);
    assert.deepEqual(tokenize("1. x", { bullets: false }).words, ["1", "x"]);
  });
  it("keeps the line of each word", () => {
    const t = tokenize("one two\n\nthree");
    assert.deepEqual([...t.lines], [1, 1, 3]);
  });
});
