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
const reserve = (source: Signal["source"], exceptFor?: string): Signal => ({
  source,
  value: "reserved",
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

describe("decide", () => {
  it("nothing found: unknown", () => {
    const v = decide("t", "repository", []);
    assert.equal(v.training, "unknown");
    assert.equal(v.licence, null);
  });

  it("a permissive licence: allow, attribution owed", () => {
    const v = decide("t", "repository", [licence("MIT")]);
    assert.equal(v.training, "allow");
    assert.deepEqual(
      v.obligations.map((o) => o.id),
      ["keep-attribution"],
    );
  });

  it("the TGPL, with all its forms lifting their reservations: conditional", () => {
    const v = decide("t", "site", [
      licence(TGPL_ONLY),
      licence(TGPL_OR_LATER, "notice"),
      reserve("robots.txt content-usage", TGPL_OR_LATER),
      reserve("tdmrep.json", TGPL_OR_LATER),
    ]);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_OR_LATER);
    assert.ok(v.obligations.length >= 5);
  });

  it("a reservation without a TGPL exception denies even beside a TGPL offer", () => {
    const v = decide("t", "site", [
      licence(TGPL_OR_LATER),
      reserve("tdmrep.json", TGPL_OR_LATER),
      reserve("robots meta"),
    ]);
    assert.equal(v.training, "deny");
    assert.match(v.reasons.join(" "), /robots meta reserves training/);
  });

  it("an exception that names another licence does not lift the reservation", () => {
    assert.equal(
      decide("t", "site", [reserve("content-usage header", "LicenseRef-Other")]).training,
      "deny",
    );
  });

  it("a TGPL exception with no licence file: conditional under the TGPL", () => {
    const v = decide("t", "site", [reserve("content-usage header", TGPL_ONLY)]);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_ONLY);
  });

  it("an explicit yes with no licence: allow; with an unlisted licence: allow, and says why", () => {
    assert.equal(decide("t", "site", [allow("tdmrep.json")]).training, "allow");
    const v = decide("t", "site", [allow("robots.txt content-usage"), licence("SSPL-1.0")]);
    assert.equal(v.training, "allow");
    assert.match(v.reasons[0]!, /explicitly allowed/);
  });

  it("a licence's conditions stay conditions even when a signal says yes", () => {
    assert.equal(
      decide("t", "site", [allow("ai.txt"), licence(TGPL_OR_LATER)]).training,
      "conditional",
    );
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
