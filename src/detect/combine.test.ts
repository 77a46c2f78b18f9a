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
    assert.equal(combine([m("MIT"), m("Apache-2.0"), m("MIT", "notice")]), "Apache-2.0 AND MIT");
  });
  it("lets a stated choice absorb the texts it chooses between", () => {
    assert.equal(
      combine([m("MIT OR Apache-2.0", "notice"), m("MIT"), m("Apache-2.0")]),
      "Apache-2.0 OR MIT",
    );
    assert.equal(
      combine([m("MIT OR Apache-2.0", "notice"), m("MIT"), m("BSD-3-Clause")]),
      "(Apache-2.0 OR MIT) AND BSD-3-Clause",
    );
  });
  it("ignores evidence about other paths", () => {
    assert.equal(combine([{ ...m("GPL-3.0-only", "reuse"), paths: ["src/**"] }]), null);
  });
});

describe("combine: vague and incomplete evidence", () => {
  it("leaves vague notices out when firm evidence exists", () => {
    const vague = { ...m("GPL-1.0-or-later", "notice", [40, 45]), score: 0.5 };
    assert.equal(combine([vague, m("Python-2.0.1", "text", [60, 250])]), "Python-2.0.1");
    assert.equal(combine([vague]), "GPL-1.0-or-later");
    // A vague choice whose licences the texts confirm still states the choice.
    const choice = { ...m("BSD-3-Clause OR GPL-2.0-only", "notice", [1, 8]), score: 0.5 };
    assert.equal(
      combine([choice, m("BSD-3-Clause", "text", [30, 50]), m("GPL-2.0-only", "text", [53, 330])]),
      "BSD-3-Clause OR GPL-2.0-only",
    );
  });
  it("lets a stated 'or later' complete a bare GNU text", () => {
    assert.equal(
      combine([m("GPL-2.0-or-later", "notice", [1, 5]), m("GPL-2.0-only", "text", [10, 350])]),
      "GPL-2.0-or-later",
    );
    assert.equal(combine([m("GPL-2.0-only", "text", [10, 350])]), "GPL-2.0-only");
    assert.equal(
      combine([m("LGPL-3.0-or-later", "spdx-tag"), m("GPL-3.0-only", "text", [10, 700])]),
      "GPL-3.0-only AND LGPL-3.0-or-later",
    );
  });
});
