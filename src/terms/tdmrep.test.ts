import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readHead } from "./html.ts";
import { normalizePath } from "./path-match.ts";
import { declare, parseTdmrepJson, reservationOf, tdmRuleFor } from "./tdmrep.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/tdmrep/${name}`, import.meta.url), "utf8");
const p = (path: string) => normalizePath(path, true);

// Examples of the W3C TDMRep Community Group final report (2024-05-10).
describe("TDMRep tdmrep.json", () => {
  it("the opt-out-everything example", () => {
    const file = parseTdmrepJson(fixture("optout-all.json"));
    assert.deepEqual(file.errors, []);
    const rule = tdmRuleFor(file, p("/any/thing.html"))!;
    assert.equal(rule.reservation, 1);
    assert.equal(rule.policy, undefined);
  });

  it("the three-groups example", () => {
    const file = parseTdmrepJson(fixture("three-groups.json"));
    assert.equal(tdmRuleFor(file, p("/directory-a/paper.pdf"))?.reservation, 1);
    assert.equal(tdmRuleFor(file, p("/directory-a/paper.pdf"))?.policy, undefined);
    assert.equal(
      tdmRuleFor(file, p("/directory-b/html/page.html"))?.policy,
      "https://provider.com/policies/policy.json",
    );
    assert.equal(tdmRuleFor(file, p("/directory-b/images/cat.jpg"))?.reservation, 0);
    // No rule matches: tdm-reservation is unset for that URL.
    assert.equal(tdmRuleFor(file, p("/directory-b/images/cat.png")), null);
  });

  it("lets rule order, not path length, decide", () => {
    const file = parseTdmrepJson(
      '[{"location": "/", "tdm-reservation": 0}, {"location": "/private/", "tdm-reservation": 1}]',
    );
    assert.equal(tdmRuleFor(file, p("/private/x"))?.reservation, 0);
  });

  it("treats values other than 0 and 1 as unset, and says so", () => {
    const file = parseTdmrepJson('[{"location": "/", "tdm-reservation": 2}]');
    assert.equal(tdmRuleFor(file, "/")?.reservation, null);
    assert.match(file.errors[0]!, /must be 0 or 1/);
  });

  it("reports broken files instead of guessing", () => {
    const obj = parseTdmrepJson(fixture("object-not-array.json"));
    assert.deepEqual(obj.rules, []);
    assert.match(obj.errors[0]!, /JSON array/);
    assert.match(parseTdmrepJson("[{").errors[0]!, /not JSON/);
    const noLocation = parseTdmrepJson('[{"tdm-reservation": 1}]');
    assert.deepEqual(noLocation.rules, []);
    assert.match(noLocation.errors[0]!, /location/);
  });

  it("reads a full URL where a path belongs as its path, with a note", () => {
    const file = parseTdmrepJson(
      '[{"location": "https://example.org/docs/", "tdm-reservation": 1}]',
    );
    assert.equal(tdmRuleFor(file, "/docs/a")?.reservation, 1);
    assert.equal(tdmRuleFor(file, "/other"), null);
    assert.match(file.errors[0]!, /is a URL/);
  });
});

describe("TDMRep headers, meta and priority", () => {
  it("reads the header values of the report's examples", () => {
    assert.equal(reservationOf("1"), 1);
    assert.equal(reservationOf(" 0 "), 0);
    assert.equal(reservationOf("2"), null);
    assert.equal(reservationOf("yes"), null);
  });

  it("reads the report's HTML example", () => {
    const head = readHead(fixture("meta-example.html"));
    assert.deepEqual(head.meta, [
      { name: "tdm-reservation", content: "1" },
      { name: "tdm-policy", content: "https://provider.com/policies/policy.json" },
    ]);
  });

  it("lets headers supersede the file and meta supersede both", () => {
    assert.deepEqual(declare({ reservation: 1, policy: "f" }, { reservation: 0 }, null), {
      reservation: 0,
      from: "header",
    });
    assert.deepEqual(
      declare({ reservation: 0 }, { reservation: 0 }, { reservation: 1, policy: "m" }),
      {
        reservation: 1,
        policy: "m",
        from: "meta",
      },
    );
    // An unset (protocol error) value does not supersede.
    assert.deepEqual(declare({ reservation: 1 }, { reservation: null }, null), {
      reservation: 1,
      from: "file",
    });
    assert.deepEqual(declare(null, null, null), { reservation: null, from: null });
  });
});
