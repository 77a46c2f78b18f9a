import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sourceTerms } from "./owes.ts";

describe("what training on one source owes (for tgpl terms check)", () => {
  it("TGPL: conditional, weights under the TGPL, source and data information on release", () => {
    const t = sourceTerms({ name: "repo", licence: "LicenseRef-TGPL-1.0" });
    assert.equal(t.permission, "conditional");
    assert.deepEqual(t.weights.only, ["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]);
    assert.deepEqual(
      t.obligations.map((o) => `${o.kind}:${o.on.join("+")}`),
      [
        "model-source:distributed",
        "network-offer:api",
        "training-data-info:distributed+api",
        "attribution:distributed+api",
      ],
    );
  });

  it("a reservation without an offer denies, with the reason; with a TGPL offer it is the TGPL", () => {
    const denied = sourceTerms({
      name: "site",
      licence: "MIT",
      terms: { contentUsage: "train-ai=n" },
    });
    assert.equal(denied.permission, "deny");
    assert.match(denied.reasons[0]!, /train-ai=n/);
    const offered = sourceTerms({
      name: "site",
      terms: { tdmReservation: true, offer: "LicenseRef-TGPL-1.0-or-later" },
    });
    assert.equal(offered.permission, "conditional");
  });

  it("no licence is unknown; the interpretation decides for GPL", () => {
    assert.equal(sourceTerms({ name: "x" }).permission, "unknown");
    assert.equal(sourceTerms({ name: "x", licence: "GPL-3.0-only" }).permission, "allow");
    assert.deepEqual(
      sourceTerms({ name: "x", licence: "GPL-3.0-only" }, "conservative").weights.only,
      ["GPL-3.0-only"],
    );
  });

  it("robots.txt and Content-Signal reservations deny like the others, each named", () => {
    const signal = sourceTerms({
      name: "site",
      licence: "MIT",
      terms: { contentSignal: "search=yes, ai-train=no" },
    });
    assert.equal(signal.permission, "deny");
    assert.match(signal.reasons[0]!, /Content-Signal ai-train=no/);
    const crawl = sourceTerms({ name: "site", licence: "MIT", terms: { crawlDisallowed: true } });
    assert.equal(crawl.permission, "deny");
    assert.match(crawl.reasons[0]!, /robots\.txt disallows/);
    // "ai-train=yes" is no reservation: MIT's answer stands.
    assert.equal(
      sourceTerms({ name: "s", licence: "MIT", terms: { contentSignal: "ai-train=yes" } })
        .permission,
      "allow",
    );
  });

  it("an explicit yes answers what a missing or unread licence leaves open, and nothing more", () => {
    for (const terms of [
      { contentUsage: "train-ai=y" },
      { contentSignal: "ai-train=yes" },
      { trainingAllowed: true },
    ]) {
      const t = sourceTerms({ name: "site", terms });
      assert.equal(t.permission, "allow", JSON.stringify(terms));
      assert.deepEqual(t.obligations, []);
      assert.match(t.notes[0]!, /allow training explicitly/);
    }
    const yes = { trainingAllowed: true };
    // SSPL: the standard reading does not know; the publisher's yes settles it.
    assert.equal(sourceTerms({ name: "s", licence: "SSPL-1.0" }).permission, "unknown");
    assert.equal(sourceTerms({ name: "s", licence: "SSPL-1.0", terms: yes }).permission, "allow");
    // A denial under the chosen reading, a licence's conditions and a reservation all stand.
    assert.equal(
      sourceTerms({ name: "s", licence: "SSPL-1.0", terms: yes }, "conservative").permission,
      "deny",
    );
    const tgpl = sourceTerms({ name: "s", licence: "LicenseRef-TGPL-1.0", terms: yes });
    assert.equal(tgpl.permission, "conditional");
    assert.deepEqual(tgpl.weights.only, ["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]);
    assert.equal(
      sourceTerms({ name: "s", terms: { trainingAllowed: true, noai: true } }).permission,
      "deny",
    );
  });
});
