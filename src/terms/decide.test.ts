import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decide, licenceOf } from "./decide.ts";
import { TGPL_ONLY, TGPL_OR_LATER } from "./ids.ts";
import type { Signal } from "./types.ts";

const licence = (expression: string, source: Signal["source"] = "licence-file"): Signal => ({
  source,
  value: expression,
  raw: "",
  location: "x",
  stance: "licence",
  expression,
});
const reserve = (source: Signal["source"], exceptFor?: string, value = "reserved"): Signal => ({
  source,
  value,
  raw: "",
  location: "x",
  stance: "reserve",
  ...(exceptFor ? { exceptFor } : {}),
});
const allow = (source: Signal["source"]): Signal => ({
  source,
  value: "allowed",
  raw: "",
  location: "x",
  stance: "allow",
});
const owed = (v: { obligations: { kind: string; on: string[] }[] }) =>
  v.obligations.map((o) => `${o.kind}:${o.on.join("+")}`);

/** What TGPL-1.0 sections 7-9 ask of a model, as the engine's profile states them. */
const TGPL_OBLIGATIONS = [
  "model-source:distributed",
  "network-offer:api",
  "training-data-info:distributed+api",
  "attribution:distributed+api",
];
const TGPL_WEIGHTS = [TGPL_ONLY, TGPL_OR_LATER];

describe("decide, through the policy engine", () => {
  it("nothing found: unknown, owing nothing known", () => {
    const v = decide("t", "repository", []);
    assert.equal(v.training, "unknown");
    assert.equal(v.licence, null);
    assert.deepEqual(v.obligations, []);
    assert.match(v.reasons[0]!, /no licence and no statement/);
  });

  it("a permissive licence: allow, attribution owed when the weights are distributed", () => {
    const v = decide("t", "repository", [licence("MIT")]);
    assert.equal(v.training, "allow");
    assert.deepEqual(owed(v), ["attribution:distributed"]);
    assert.deepEqual(v.weights, { only: null, except: [], includes: [] });
    assert.deepEqual(v.conditions, []);
    assert.equal(v.otherInterpretation, undefined);
  });

  it("the TGPL, with all its forms lifting their reservations: conditional, weights under the TGPL", () => {
    const v = decide("t", "site", [
      licence(TGPL_ONLY),
      licence(TGPL_OR_LATER, "notice"),
      reserve("robots.txt content-usage", TGPL_OR_LATER),
      reserve("tdmrep.json", TGPL_OR_LATER),
    ]);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_OR_LATER);
    assert.deepEqual(v.weights.only, TGPL_WEIGHTS);
    assert.deepEqual(owed(v), TGPL_OBLIGATIONS);
  });

  it("a reservation without a TGPL exception denies even beside a TGPL offer, owing nothing", () => {
    const v = decide("t", "site", [
      licence(TGPL_OR_LATER),
      reserve("tdmrep.json", TGPL_OR_LATER),
      reserve("robots meta", undefined, "noai"),
    ]);
    assert.equal(v.training, "deny");
    assert.deepEqual(v.obligations, []);
    assert.match(v.reasons[0]!, /robots meta reserves training \(noai\)/);
    assert.match(v.reasons.join(" "), /most restrictive wins/);
    assert.ok(v.reasons.some((r) => /noai .*with no licence offered/.test(r)));
  });

  it("an exception that names another licence does not lift the reservation", () => {
    const v = decide("t", "site", [
      reserve("content-usage header", "LicenseRef-Other", "train-ai=n"),
      licence("MIT"),
    ]);
    assert.equal(v.training, "deny");
    assert.ok(v.reasons.some((r) => /Content-Usage: train-ai=n/.test(r)));
  });

  it("a TGPL exception with no licence file: conditional under the TGPL", () => {
    const v = decide("t", "site", [reserve("content-usage header", TGPL_ONLY)]);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_ONLY);
    assert.deepEqual(owed(v), TGPL_OBLIGATIONS);
  });

  it("a TGPL exception over a permissive licence: the TGPL governs training", () => {
    const v = decide("t", "site", [licence("MIT"), reserve("ai.txt", TGPL_OR_LATER)]);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, `(MIT) AND ${TGPL_OR_LATER}`);
    assert.deepEqual(v.weights.only, TGPL_WEIGHTS);
    assert.match(v.reasons.join(" "), /does not name the TGPL/);
  });

  it("an explicit yes with no licence: allow owing nothing; with an unprofiled licence: allow, and says why", () => {
    const bare = decide("t", "site", [allow("tdmrep.json")]);
    assert.equal(bare.training, "allow");
    assert.deepEqual(bare.obligations, []);
    const v = decide("t", "site", [allow("robots.txt content-usage"), licence("SSPL-1.0")]);
    assert.equal(v.training, "allow");
    assert.match(v.reasons[0]!, /allows it explicitly/);
    // The conservative reading denies SSPL outright; a yes does not overrule the reading chosen.
    const c = decide(
      "t",
      "site",
      [allow("robots.txt content-usage"), licence("SSPL-1.0")],
      "conservative",
    );
    assert.equal(c.training, "deny");
    assert.deepEqual(c.otherInterpretation, { interpretation: "standard", training: "allow" });
  });

  it("a licence's conditions stay conditions even when a signal says yes", () => {
    const v = decide("t", "site", [allow("ai.txt"), licence(TGPL_OR_LATER)]);
    assert.equal(v.training, "conditional");
    assert.deepEqual(v.weights.only, TGPL_WEIGHTS);
  });

  it("non-commercial and no-derivatives licences become conditions", () => {
    const nc = decide("t", "site", [licence("CC-BY-NC-4.0")]);
    assert.equal(nc.training, "conditional");
    assert.deepEqual(nc.conditions, [{ kind: "non-commercial" }]);
    const nd = decide("t", "site", [licence("CC-BY-ND-4.0")], "conservative");
    assert.equal(nd.training, "conditional");
    assert.deepEqual(nd.conditions, [{ kind: "no-distribution", on: ["api", "distributed"] }]);
    assert.deepEqual(decide("t", "site", [licence("CC-BY-ND-4.0")]).conditions, []);
  });

  it("the interpretation decides whether the GPL reaches the weights, and the other reading is said", () => {
    const standard = decide("t", "repository", [licence("GPL-3.0-or-later")]);
    assert.equal(standard.training, "allow");
    assert.equal(standard.weights.only, null);
    assert.deepEqual(standard.otherInterpretation, {
      interpretation: "conservative",
      training: "conditional",
    });
    assert.match(standard.reasons.at(-1)!, /conservative interpretation .* allowed on conditions/);
    const conservative = decide("t", "repository", [licence("GPL-3.0-or-later")], "conservative");
    assert.equal(conservative.training, "conditional");
    assert.equal(conservative.interpretation, "conservative");
    assert.deepEqual(conservative.weights.only, ["GPL-3.0-only", "GPL-3.0-or-later"]);
    assert.ok(owed(conservative).includes("model-source:distributed"));
  });
});

describe("licenceOf", () => {
  it("prefers a declared expression that covers the licence files", () => {
    const found = licenceOf([
      licence("MIT"),
      licence("Apache-2.0"),
      licence("MIT OR Apache-2.0", "manifest"),
    ]);
    assert.equal(found, "MIT OR Apache-2.0");
  });

  it("requires every licence when the declaration does not cover them", () => {
    assert.equal(
      licenceOf([licence("MIT"), licence("BSD-3-Clause", "manifest")]),
      "MIT AND BSD-3-Clause",
    );
  });

  it("lets a notice's or-later refine a bare text", () => {
    assert.equal(
      licenceOf([licence("GPL-3.0-only"), licence("GPL-3.0-or-later", "notice")]),
      "GPL-3.0-or-later",
    );
    assert.equal(
      licenceOf([licence(TGPL_ONLY), licence(TGPL_OR_LATER, "spdx-tag")]),
      TGPL_OR_LATER,
    );
  });
});
