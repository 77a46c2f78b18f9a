/**
 * The standard licence headers of the SPDX License List (fixtures/
 * spdx-headers.json, made by scripts/build-notice-data.ts; CC-BY-3.0): the
 * notices licence authors ask people to put in their files. Each must be
 * read as its own licence; where two licences share one header word for word,
 * the answer the header supports is asserted instead, with the reason.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { combine } from "../../combine.ts";
import { normalizeExpression } from "../../expression.ts";
import { noticeMatcher } from "../notice.ts";

const { headers } = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures/spdx-headers.json"), "utf8"),
) as { headers: { id: string; header: string }[] };

const SAME_HEADER_AS: Record<string, { says: string | null; why: string }> = {
  "MPL-2.0-no-copyleft-exception": {
    says: "MPL-2.0",
    why: "its header is Exhibit A alone; Exhibit B, which makes the difference, is not part of it",
  },
  "LPPL-1.3a": {
    says: "LPPL-1.3c",
    why: 'the header says "version 1.3", which the current 1.3c stands for',
  },
  "W3C-20150513": {
    says: "W3C",
    why: 'the header says "W3C Software License", as the 2002 licence is called',
  },
  "SGI-B-1.0": { says: null, why: "the header names the licence without granting it" },
  "SGI-B-1.1": { says: null, why: "the header names the licence without granting it" },
};
for (const v of ["1.1", "1.2", "1.3"]) {
  for (const tail of ["only", "or-later"]) {
    SAME_HEADER_AS[`GFDL-${v}-${tail}`] = {
      says: `GFDL-${v}-invariants-${tail}`,
      why: "SPDX gives the plain GFDL the header with Invariant Sections, which names the -invariants variant",
    };
  }
}

describe("SPDX standard licence headers", () => {
  // Deprecated ids (GPL-2.0, GPL-2.0+) share the header of their current ids.
  const current = headers.filter((h) => normalizeExpression(h.id) === h.id);
  assert.ok(current.length > 60);
  for (const { id, header } of current) {
    it(id, () => {
      const got = combine(noticeMatcher({ path: "header", text: header }, { warn() {} }));
      const known = SAME_HEADER_AS[id];
      if (known) assert.equal(got, known.says, known.why);
      // "or (at your option) any later version" of a licence without -or-later ids is a `+`.
      else assert.ok(got === id || got === `${id}+`, `got ${got}`);
    });
  }
});
