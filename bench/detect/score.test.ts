import assert from "node:assert/strict";
import { test } from "node:test";
import type { PeerAnswer } from "./peer-names.ts";
import { canonical, outcomeOf, type Sample, score } from "./score.ts";

const answer = (...spdx: string[]): PeerAnswer => ({ spdx, raw: spdx.join(" / ") });

test("canonical form ignores operand order and deprecated spellings", () => {
  assert.equal(canonical("Zlib AND MIT"), canonical("MIT AND Zlib"));
  assert.equal(canonical("GPL-2.0+"), "GPL-2.0-or-later");
  assert.equal(canonical("(Apache-2.0 OR MIT) AND ISC"), canonical("ISC AND (MIT OR Apache-2.0)"));
  assert.notEqual(canonical("MIT AND Zlib"), canonical("MIT OR Zlib"));
  assert.equal(canonical("GPL-2.0-only", true), canonical("GPL-2.0-or-later", true));
  assert.notEqual(canonical("GPL-2.0-only"), canonical("GPL-2.0-or-later"));
});

test("outcomes: exact, wrong, none", () => {
  assert.equal(outcomeOf(answer("MIT"), ["MIT"]), "exact");
  assert.equal(outcomeOf(answer("ISC"), ["MIT"]), "wrong");
  assert.equal(outcomeOf(answer(), ["MIT"]), "none");
  assert.equal(outcomeOf(undefined, ["MIT"]), "none");
  assert.equal(outcomeOf({ spdx: [], raw: "MIT~old", unmapped: true }, ["MIT"]), "wrong");
  // one alternative of licensecheck's and/or is enough
  assert.equal(
    outcomeOf(answer("Apache-2.0 AND MIT", "Apache-2.0 OR MIT"), ["MIT OR Apache-2.0"]),
    "exact",
  );
  assert.equal(outcomeOf(answer("GPL-2.0-only"), ["GPL-2.0-or-later"]), "wrong");
  assert.equal(outcomeOf(answer("GPL-2.0-only"), ["GPL-2.0-or-later"], true), "exact");
});

test("distinct texts count once per label", () => {
  const sample = (path: string, sha256: string, expected: string): Sample => ({
    path,
    subset: "npm",
    expected,
    accepted: [expected],
    sha256,
    bytes: 1,
    origin: path,
  });
  const samples = [
    sample("a", "h1", "MIT"),
    sample("b", "h1", "MIT"),
    sample("c", "h1", "ISC"),
    sample("d", "h2", "MIT"),
  ];
  const answers = new Map([
    ["a", answer("MIT")],
    ["b", answer("MIT")],
    ["c", answer("MIT")],
  ]);
  const s = score(samples, answers);
  assert.deepEqual(s.all, { n: 4, exact: 2, wrong: 1, none: 1, loose: 2 });
  assert.deepEqual(s.distinct, { n: 3, exact: 1, wrong: 1, none: 1, loose: 1 });
  assert.deepEqual(s.byLabel.get("MIT"), { n: 2, exact: 1, wrong: 0, none: 1, loose: 1 });
});
