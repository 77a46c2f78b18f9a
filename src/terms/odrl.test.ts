import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { TDMREP_VOCAB, TGPL_OR_LATER } from "./ids.ts";
import { permitsMining, readPolicy, TGPL_DUTIES, tgplOffer } from "./odrl.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/tdmrep/${name}`, import.meta.url), "utf8");
const ODRL = "http://www.w3.org/ns/odrl/2/";

/** Actions of ODRL 2.2 and of the TDMRep profile: what a reader that knows only those standards understands. */
const STANDARD_ACTIONS = new Set(
  [
    "use",
    "grantUse",
    "compensate",
    "acceptTracking",
    "aggregate",
    "annotate",
    "anonymize",
    "archive",
    "attribute",
    "concurrentUse",
    "delete",
    "derive",
    "digitize",
    "display",
    "distribute",
    "ensureExclusivity",
    "execute",
    "extract",
    "give",
    "include",
    "index",
    "inform",
    "install",
    "modify",
    "move",
    "nextPolicy",
    "obtainConsent",
    "play",
    "present",
    "print",
    "read",
    "reproduce",
    "reviewPolicy",
    "sell",
    "stream",
    "synchronize",
    "textToSpeech",
    "transfer",
    "transform",
    "translate",
    "uninstall",
    "watermark",
  ]
    .map((a) => ODRL + a)
    .concat(`${TDMREP_VOCAB}mine`),
);

describe("TDMRep policies (ODRL)", () => {
  it("reads the report's obtain-consent example", () => {
    const r = readPolicy(fixture("policy-obtain-consent.json"));
    assert.equal(r.tdmrep, true);
    assert.equal(r.tgpl, false);
    assert.deepEqual(r.permissions, [`${TDMREP_VOCAB}mine`]);
    assert.deepEqual(r.duties, [`${ODRL}obtainConsent`]);
    assert.equal(permitsMining(r), true);
  });

  it("reports the report's second example as not JSON (it has a trailing comma)", () => {
    const r = readPolicy(fixture("policy-compensate-nonresearch.json"));
    assert.match(r.errors[0]!, /not JSON/);
    const fixed = readPolicy(
      fixture("policy-compensate-nonresearch.json").replace(
        'contact@provider.com",',
        'contact@provider.com"',
      ),
    );
    assert.deepEqual(fixed.duties, [`${ODRL}compensate`]);
  });

  it("reads its own TGPL offer back", () => {
    const offer = tgplOffer({
      uid: "https://example.org/tgpl-policy.json",
      licence: TGPL_OR_LATER,
      licenceUrl: "https://example.org/LICENSE",
      target: "https://example.org/",
      holder: "Jane Doe",
    });
    const r = readPolicy(JSON.stringify(offer));
    assert.equal(r.tdmrep, true);
    assert.equal(r.tgpl, true);
    assert.equal(r.licence, TGPL_OR_LATER);
    assert.equal(permitsMining(r), true);
    assert.equal(r.duties.length, TGPL_DUTIES.length);
  });

  it("never reads as unconditional to a reader that knows only ODRL and TDMRep", () => {
    const r = readPolicy(
      JSON.stringify(
        tgplOffer({ uid: "u", licence: TGPL_OR_LATER, licenceUrl: "/LICENSE", target: "/" }),
      ),
    );
    // Every permission carries duties, and some duties are not standard actions such a reader could discharge.
    assert.ok(r.duties.length > 0);
    assert.ok(r.duties.some((d) => !STANDARD_ACTIONS.has(d)));
  });

  it("fails softly on what is not a policy", () => {
    assert.match(readPolicy("<html></html>").errors[0]!, /not JSON/);
    assert.match(readPolicy("[]").errors[0]!, /not a JSON object/);
    assert.match(readPolicy("{}").errors[0]!, /no permission/);
  });
});
