/**
 * The detector knows the TGPL: its full text (through the licence index built
 * from data/licenses/TGPL-1.0.xml), its notice (data/notices.json) and its
 * SPDX ids. The Markdown, plain-text and XML forms must hold the same words.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { detectText } from "../detect/detect.ts";
import { compileTemplate, PLACEHOLDER } from "../detect/licences/template.ts";
import { tokenize } from "../detect/licences/tokenize.ts";
import { TGPL_ONLY, TGPL_OR_LATER } from "./ids.ts";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("TGPL detection", () => {
  for (const file of ["licenses/TGPL-1.0.txt", "licenses/TGPL-1.0.md"]) {
    it(`reads ${file} as ${TGPL_ONLY}, with a perfect score (a text alone does not say "or later")`, () => {
      const d = detectText("LICENSE", read(file));
      assert.equal(d.expression, TGPL_ONLY);
      assert.equal(d.matches.length, 1);
      assert.equal(d.matches[0]!.matcher, "text");
      assert.equal(d.matches[0]!.score, 1);
    });
  }

  it("reads the notice of the How-to-Apply section as or-later", () => {
    const notice = [
      "frobnicate - turns widgets into gadgets",
      "Copyright (C) 2026 Jane Doe",
      "",
      "This work is free: you can redistribute it and/or modify it, and train",
      "machine learning models on it, under the terms of the Training GPL,",
      "version 1.0 or (at your option) any later version.",
    ].join("\n");
    const d = detectText("notice.txt", notice);
    assert.equal(d.expression, TGPL_OR_LATER);
    assert.equal(d.matches[0]!.matcher, "notice");
  });

  it("reads a README with the notice, and a version-only notice as -only", () => {
    const readme = `# frobnicate\n\nTurns widgets into gadgets.\n\n## License\n\nfrobnicate is released under the Training General Public License, version 1.0 or any later version.\n`;
    assert.equal(detectText("README.md", readme).expression, TGPL_OR_LATER);
    const only = "Licensed under the Training GPL, version 1.0 only.";
    assert.equal(detectText("README.md", only).expression, TGPL_ONLY);
  });

  it("reads SPDX tags in source files", () => {
    const source = `// SPDX-License-Identifier: ${TGPL_OR_LATER}\nexport const answer = 42;\n`;
    const d = detectText("src/answer.ts", source);
    assert.equal(d.expression, TGPL_OR_LATER);
    assert.equal(d.matches[0]!.matcher, "spdx-tag");
    assert.equal(
      detectText("a.py", `# SPDX-License-Identifier: ${TGPL_ONLY} OR MIT\n`).expression,
      `${TGPL_ONLY} OR MIT`,
    );
  });

  it("keeps the Markdown, text and SPDX XML forms word for word the same", () => {
    const words = (text: string) => tokenize(text).words.join(" ");
    const md = words(read("licenses/TGPL-1.0.md"));
    assert.equal(words(read("licenses/TGPL-1.0.txt")), md);
    const t = compileTemplate(read("data/licenses/TGPL-1.0.xml"))!;
    assert.equal(t.id, TGPL_ONLY);
    // The template's words, less the markers of its variable regions, are the text's words.
    assert.equal(t.words.filter((w) => w !== PLACEHOLDER).join(" "), md);
  });
});
