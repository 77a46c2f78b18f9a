/**
 * Heads of real source files and READMEs (fixtures/headers, copied verbatim
 * from a Debian machine; index.json says where each comes from and what its
 * notices state).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { noticeMatcher } from "../notice.ts";

const dir = join(import.meta.dirname, "fixtures/headers");
const { cases } = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as {
  cases: { file: string; source: string; expected: string[]; line: number; maxScore?: number }[];
};

describe("notices in real file headers", () => {
  for (const c of cases) {
    it(`${c.file}: ${c.expected.join(" ; ")}`, () => {
      const text = readFileSync(join(dir, c.file), "utf8");
      const matches = noticeMatcher({ path: c.file, text }, { warn() {} });
      assert.deepEqual(
        matches.map((m) => m.spdx),
        c.expected,
      );
      const first = matches[0]!;
      assert.ok(
        first.lines[0] <= c.line && c.line <= first.lines[1],
        `lines ${first.lines} should cover line ${c.line}`,
      );
      for (const m of matches) {
        assert.equal(m.matcher, "notice");
        assert.ok(m.score > 0 && m.score <= (c.maxScore ?? 1), `score ${m.score}`);
      }
    });
  }
});
