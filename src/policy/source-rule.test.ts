import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { licenceContributions, reservationsOf, sourceContributions } from "./source-rule.ts";

const kinds = (expr: string | null, i: "standard" | "conservative" = "standard") =>
  licenceContributions(expr, i).map((c) =>
    c.kind === "rule" ? `${c.licence}:${c.rule.permission}` : `${c.kind}`,
  );

describe("what one source contributes", () => {
  it("AND: every part applies", () => {
    assert.deepEqual(kinds("MIT AND CC-BY-NC-4.0"), ["MIT:allow", "CC-BY-NC-4.0:conditional"]);
  });

  it("OR: the trainer takes the most favourable branch", () => {
    assert.deepEqual(kinds("GPL-3.0-only OR MIT", "conservative"), ["MIT:allow"]);
    assert.deepEqual(kinds("LicenseRef-Acme OR Apache-2.0"), ["Apache-2.0:allow"]);
    assert.deepEqual(kinds("CC-BY-SA-4.0 OR CC-BY-4.0", "conservative"), ["CC-BY-4.0:allow"]);
    // Equal permissions: the branch that asks less of the model (LGPL asks no Training Data Information).
    assert.deepEqual(kinds("GPL-3.0-only OR LGPL-3.0-only", "conservative"), [
      "LGPL-3.0-only:conditional",
    ]);
  });

  it("WITH: an exception leaves the licence's training profile as it is", () => {
    assert.deepEqual(kinds("GPL-2.0-or-later WITH Classpath-exception-2.0"), [
      "GPL-2.0-or-later:allow",
    ]);
    assert.deepEqual(kinds("GPL-2.0+", "conservative"), ["GPL-2.0-or-later:conditional"]);
  });

  it("no licence, NONE, NOASSERTION, an unprofiled LicenseRef and an invalid expression stay unknown", () => {
    for (const e of [null, "", "NONE", "NOASSERTION", "LicenseRef-Acme-Internal"])
      assert.deepEqual(kinds(e), ["unknown"], String(e));
    const invalid = licenceContributions("MIT ANDOR GPL", "standard")[0]!;
    assert.equal(invalid.kind === "unknown" && invalid.code, "licence-invalid");
  });

  it("a reservation denies; the same reservation with an offered licence stands for that licence", () => {
    assert.deepEqual(reservationsOf({ contentUsage: "search=y, train-ai=n" }), ["train-ai=n"]);
    assert.deepEqual(reservationsOf({ contentUsage: "train-ai=y" }), []);
    const denied = sourceContributions(
      { name: "site", licence: "CC-BY-4.0", terms: { tdmReservation: true } },
      "standard",
    );
    assert.equal(denied[0]!.kind, "deny");
    const offered = sourceContributions(
      { name: "repo", terms: { tdmReservation: true, offer: "LicenseRef-TGPL-1.0" } },
      "standard",
    );
    assert.equal(offered[0]!.kind === "rule" && offered[0]!.licence, "LicenseRef-TGPL-1.0");
  });
});
