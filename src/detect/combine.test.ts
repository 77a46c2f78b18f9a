import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combine } from "./combine.ts";
import type { Match } from "./types.ts";

const m = (
  spdx: string,
  matcher: Match["matcher"] = "text",
  lines: [number, number] = [1, 1],
): Match => ({
  spdx,
  matcher,
  score: 1,
  lines,
});

describe("combine", () => {
  it("is null with no evidence", () => assert.equal(combine([]), null));
  it("ANDs texts found together and drops repeats", () => {
    assert.equal(combine([m("MIT"), m("Apache-2.0"), m("MIT", "notice")]), "MIT AND Apache-2.0");
  });
  it("lets a stated choice absorb the texts it chooses between", () => {
    assert.equal(
      combine([m("MIT OR Apache-2.0", "notice"), m("MIT"), m("Apache-2.0")]),
      "MIT OR Apache-2.0",
    );
    assert.equal(
      combine([m("MIT OR Apache-2.0", "notice"), m("MIT"), m("BSD-3-Clause")]),
      "(MIT OR Apache-2.0) AND BSD-3-Clause",
    );
  });
  it("ignores evidence about other paths", () => {
    assert.equal(combine([{ ...m("GPL-3.0-only", "reuse"), paths: ["src/**"] }]), null);
  });
});
