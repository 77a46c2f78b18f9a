/**
 * Real `License:` paragraphs from this machine's Debian copyright files
 * (fixtures/debian, chosen by scripts/eval-notice-debian.ts --write-fixtures
 * without looking at the matcher), against the SPDX form of their Debian short
 * names. Where a paragraph says something else than its short name (a pointer
 * to GPL-2 under "GPL-2+"), the difference is listed with the reason, and what
 * we say instead is asserted too.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { combine } from "../../combine.ts";
import { canonical, format, parseExpression } from "../../expression.ts";
import { noticeMatcher } from "../notice.ts";

const dir = join(import.meta.dirname, "fixtures/debian");
const index: { file: string; package: string; debian: string; expected: string }[] = JSON.parse(
  readFileSync(join(dir, "index.json"), "utf8"),
);

/**
 * Paragraphs whose text does not say what their Debian short name says, and
 * what the text does say.
 */
const TEXT_SAYS_OTHERWISE: Record<string, { says: string | null; why: string }> = {
  "libunistring2--GFDL-1.2+.txt": {
    says: "GFDL-1.2-no-invariants-or-later",
    why: 'the notice says "with no Invariant Sections", which SPDX names; the short name does not',
  },
  "diffutils--GFDL-NIV-1.3.txt": {
    says: "GFDL-1.3-no-invariants-or-later",
    why: 'the notice says "Version 1.3 or any later version"; the short name has no "+"',
  },
  "libio-html-perl--GPL-1+.txt": {
    says: "GPL-1.0-only",
    why: "the paragraph only points to common-licenses/GPL-1; nothing in it says 'or later'",
  },
  "libshine3--LGPL-2.txt": {
    says: "LGPL-2.0-or-later",
    why: 'the notice says "either version 2 of the License, or (at your option) any later version"',
  },
  "libcodec2-1.0--LGPL-2.1.txt": {
    says: "LGPL-2.1-or-later",
    why: 'the notice says "either version 2.1 of the License, or (at your option) any later version"',
  },
  "libde265-0--LGPL-3+.txt": {
    says: "GPL-3.0-or-later",
    why: "the notice is the GNU GPL's; only the pointer below it names the LGPL",
  },
};

/** Operands of AND / OR sorted; Debian does not tell versions of an exception family apart. */
function comparable(expression: string | null): string {
  if (expression === null) return "(none)";
  const blurred = expression
    .replace(/Autoconf-exception-[\w.*-]+/g, "Autoconf-exception-generic")
    .replace(/Bison-exception-[\d.*]+/g, "Bison-exception-2.2");
  const parsed = parseExpression(blurred);
  assert.ok(parsed.ok, `not an expression: ${expression}`);
  return format(canonical(parsed.value));
}

const detect = (text: string) => combine(noticeMatcher({ path: "copyright", text }, { warn() {} }));

describe("Debian License: paragraphs", () => {
  assert.ok(index.length >= 40, "the fixture set is missing; run the eval script");
  for (const f of index) {
    it(`${f.package}: ${f.debian}`, () => {
      const text = readFileSync(join(dir, f.file), "utf8");
      const got = detect(text);
      const known = TEXT_SAYS_OTHERWISE[f.file];
      if (known) assert.equal(comparable(got), comparable(known.says), known.why);
      else assert.equal(comparable(got), comparable(f.expected));
    });
  }

  it("states the licence of at least 90% of the paragraphs exactly as Debian names it", () => {
    let exact = 0;
    for (const f of index) {
      const got = detect(readFileSync(join(dir, f.file), "utf8"));
      if (comparable(got) === comparable(f.expected)) exact++;
    }
    // The rest say something else than their short name (listed above).
    assert.ok(exact / index.length >= 0.9, `${exact} of ${index.length}`);
  });
});
