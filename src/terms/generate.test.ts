import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { detectText } from "../detect/detect.ts";
import { parseUsage, preferenceFor } from "./aipref.ts";
import { aiTxtAllows, parseAiTxt } from "./ai-txt.ts";
import {
  addHtmlMeta,
  aiTxt,
  headersFile,
  htmlMeta,
  notice,
  policyJson,
  readmeSection,
  responseHeaders,
  robotsGroup,
  snippets,
  tdmrepJson,
  type TermsOptions,
} from "./generate.ts";
import { readHead } from "./html.ts";
import { TGPL_ONLY, TGPL_OR_LATER } from "./ids.ts";
import { permitsMining, readPolicy } from "./odrl.ts";
import { groupFor, parseRobots, trainingUsage } from "./robots.ts";
import { parseDictionary } from "./sf.ts";
import { parseTdmrepJson, tdmRuleFor } from "./tdmrep.ts";

const o: TermsOptions = {
  orLater: true,
  baseUrl: "https://example.org/",
  holder: "Jane Doe",
  year: 2026,
};

describe("the published forms", () => {
  it("(1) state the conditional permission exactly for readers that know the TGPL", () => {
    const usage = trainingUsage(groupFor(parseRobots(robotsGroup(o, true)), "anybot"), "/").stated!;
    assert.equal(usage.exception, TGPL_OR_LATER);
    assert.equal(usage.policy, "https://example.org/tgpl-policy.json");
    const rule = tdmRuleFor(parseTdmrepJson(tdmrepJson(o)), "/page")!;
    assert.equal(rule.policy, "https://example.org/tgpl-policy.json");
    const policy = readPolicy(policyJson(o));
    assert.equal(policy.tgpl, true);
    assert.equal(policy.licence, TGPL_OR_LATER);
    assert.equal(permitsMining(policy), true);
    assert.equal(parseAiTxt(aiTxt(o)).licence?.value, TGPL_OR_LATER);
  });

  it("(2) never tell a generic reader that training is allowed without conditions", () => {
    // Content-Usage with its parameters ignored: train-ai=n.
    const header = Object.fromEntries(responseHeaders(o));
    const member = parseDictionary(header["Content-Usage"]!)!.get("train-ai")!;
    assert.deepEqual(member.kind === "item" && member.value, { type: "token", value: "n" });
    assert.equal(
      preferenceFor(parseUsage(header["Content-Usage"]!), "train-genai")?.preference,
      "disallow",
    );
    // TDMRep: reserved, in the file, the headers and the meta alike.
    assert.equal(tdmRuleFor(parseTdmrepJson(tdmrepJson(o)), "/any")?.reservation, 1);
    assert.equal(header["tdm-reservation"], "1");
    assert.equal(
      readHead(`<head>${htmlMeta(o)}</head>`).meta.find((m) => m.name === "tdm-reservation")
        ?.content,
      "1",
    );
    // ai.txt: disallowed for every crawler.
    assert.equal(aiTxtAllows(parseAiTxt(aiTxt(o), "somebot"), "/x").allowed, false);
    // No form anywhere says yes.
    const everything = [
      robotsGroup(o, true),
      tdmrepJson(o),
      aiTxt(o),
      headersFile(o),
      htmlMeta(o),
      policyJson(o),
    ].join("\n");
    assert.doesNotMatch(
      everything,
      /train-ai=y|ai-train=yes|"tdm-reservation": 0|tdm-reservation: 0/,
    );
  });

  it("(3) reserve rights explicitly and machine-readably, and the licence says the same (EU DSM Art. 4(3))", () => {
    const licence = readFileSync(new URL("../../licenses/TGPL-1.0.md", import.meta.url), "utf8");
    assert.match(licence, /Article 4\(3\) of Directive \(EU\) 2019\/790/);
    assert.match(
      licence,
      /each Licensor reserves those rights in the Work and grants them only through this License/,
    );
    assert.match(tdmrepJson(o), /"tdm-reservation": 1/);
    assert.match(headersFile(o), /tdm-reservation: 1/);
  });

  it("append to an existing robots.txt without an Allow that would override its Disallow", () => {
    assert.doesNotMatch(robotsGroup(o, false), /^Allow:/m);
    const merged = parseRobots(`User-agent: *\nDisallow: /\n\n${robotsGroup(o, false)}`);
    const rules = groupFor(merged, "anybot");
    assert.equal(
      rules.access.some((r) => r.allow),
      false,
    );
    assert.equal(trainingUsage(rules, "/x").stated?.exception, TGPL_OR_LATER);
  });

  it("use root-relative URLs without a base URL", () => {
    const local: TermsOptions = { orLater: false };
    assert.match(tdmrepJson(local), /"tdm-policy": "\/tgpl-policy.json"/);
    assert.equal(readPolicy(policyJson(local)).licence, TGPL_ONLY);
  });

  it("write notices the detector reads as the right version", () => {
    assert.equal(detectText("README.md", readmeSection(o)).expression, TGPL_OR_LATER);
    assert.equal(
      detectText("NOTICE", notice({ orLater: false, holder: "J", year: 2026 })).expression,
      TGPL_ONLY,
    );
  });

  it("print snippets whose header values match the _headers file", () => {
    const s = snippets(o);
    for (const [k, v] of responseHeaders(o)) {
      assert.ok(headersFile(o).includes(`${k}: ${v}`));
      assert.ok(s.nginx!.includes(`add_header ${k} '${v}'`));
    }
    assert.equal(JSON.parse(`{${s["package.json"]!}}`).license, TGPL_OR_LATER);
  });

  it("add the head meta once, and only to pages that state no reservation", () => {
    const once = addHtmlMeta(
      "<!doctype html><html><head><title>t</title></head><body></body></html>",
      o,
    );
    assert.equal(once.changed, true);
    assert.equal(readHead(once.html).licenceLinks[0], "https://example.org/LICENSE");
    assert.equal(addHtmlMeta(once.html, o).changed, false);
    assert.equal(
      addHtmlMeta('<head><meta name="tdm-reservation" content="0"></head>', o).changed,
      false,
    );
    assert.equal(addHtmlMeta("<p>fragment</p>", o).reason, "no <head> element");
  });
});
