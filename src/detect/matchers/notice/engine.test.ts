/**
 * The engine over whole files: which parts it reads, sample notices inside
 * licence texts, and inputs built to be slow (which must merely finish, with
 * the right answer: no timing is asserted).
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { findNotices, findRegions } from "./engine.ts";
import { shippedRules } from "./rules.ts";

const rules = shippedRules();
const MIT = "Licensed under the MIT license.";

describe("regions", () => {
  it("reads nothing of a file without licence words", () => {
    assert.deepEqual(
      findRegions("int main(void) {\n  return 0;\n}\n", rules.prefilter).regions,
      [],
    );
  });
  it("reads a few lines around each keyword, merging those that overlap", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i + 1}`);
    lines[9] = "License: MIT";
    lines[14] = "Licensed under the MIT license.";
    lines[150] = "GPL";
    const { regions, hits } = findRegions(lines.join("\n"), rules.prefilter);
    assert.equal(hits, 4);
    assert.equal(regions.length, 2);
    assert.ok(regions[0]!.line <= 10 && regions[1]!.line <= 151 && regions[1]!.line > 100);
  });
});

describe("licence texts", () => {
  const full: Record<string, { licenseText: string }> = createRequire(import.meta.url)(
    "spdx-license-list/full",
  );
  // A licence text names itself and other licences all over, and ends with a
  // sample notice for others to copy: none of that is a notice of the file.
  const silent = [
    "GPL-2.0-only",
    "GPL-3.0-only",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "AGPL-3.0-only",
    "GFDL-1.3-only",
    "Apache-2.0",
    "MPL-2.0",
    "EPL-2.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "Artistic-2.0",
    "Python-2.0",
    "BSL-1.0",
  ];
  for (const id of silent) {
    it(`finds no notice in the ${id} text`, () => {
      const text = full[id]?.licenseText;
      assert.ok(text, `spdx-license-list has no ${id}`);
      assert.deepEqual(findNotices(text, rules), []);
    });
  }
  it("still reads a file's own notice above an appended licence text", () => {
    const text = `/* ${MIT} */\n\n${full["GPL-3.0-only"]!.licenseText}`;
    assert.deepEqual(
      findNotices(text, rules).map((m) => m.spdx),
      ["MIT"],
    );
  });
});

describe("inputs built to be slow", () => {
  it("finishes on a 10 MB single line and finds the notice at its end", () => {
    const line = "x = f(a, b); ".repeat(800_000);
    const matches = findNotices(`${line}// ${MIT}`, rules);
    assert.deepEqual(
      matches.map((m) => [m.spdx, m.lines]),
      [["MIT", [1, 1]]],
    );
  });
  it("finishes on a 10 MB single line of licence words", () => {
    const matches = findNotices("the GPL license ".repeat(650_000), rules);
    assert.deepEqual(matches, []);
  });
  it("finishes on 1 MB of 'license license license ...' and finds nothing", () => {
    assert.deepEqual(findNotices("license ".repeat(130_000), rules), []);
  });
  it("finishes on 1 MB of grants that never name a licence", () => {
    assert.deepEqual(findNotices("licensed under the terms of the ".repeat(33_000), rules), []);
  });
  it("finishes on 1 MB of names without a grant, one per line", () => {
    assert.deepEqual(
      findNotices("GNU General Public License version 2\n".repeat(28_000), rules),
      [],
    );
  });
  it("finishes on 1 MB of one notice repeated, finding it", () => {
    const matches = findNotices(`${MIT}\n`.repeat(33_000), rules);
    assert.ok(matches.length > 0);
    assert.ok(matches.every((m) => m.spdx === "MIT"));
  });
});
