import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { TGPL_ONLY, TGPL_OR_LATER } from "./ids.ts";
import { parseRobots } from "./robots.ts";
import { directiveSignals, robotsSignals, usageHeaderSignal } from "./signals.ts";
import { termsSignalsOf } from "./terms-signals.ts";
import type { Signal } from "./types.ts";

const reserve = (source: Signal["source"], value: string, exceptFor?: string): Signal => ({
  source,
  value,
  raw: "",
  location: "x",
  stance: "reserve",
  ...(exceptFor ? { exceptFor } : {}),
});

describe("signals in the policy engine's words", () => {
  it("each reservation lands in its own field", () => {
    const { terms } = termsSignalsOf([
      reserve("tdm-reservation meta", "tdm-reservation=1"),
      reserve("robots.txt content-signal", "ai-train=no"),
      reserve("robots.txt", "crawl-disallowed"),
      reserve("x-robots-tag header", "noimageai"),
      reserve("ai.txt", "disallow"),
    ]);
    assert.deepEqual(terms, {
      tdmReservation: true,
      contentSignal: "ai-train=no",
      crawlDisallowed: true,
      noimageai: true,
      noai: true,
    });
  });

  it("an older or narrower Content-Usage label reaches the engine as train-ai=n", () => {
    // draft-00's "genai" label: the reader resolved it; the engine only knows train-ai.
    const header = usageHeaderSignal("genai=n", "https://example.org/");
    assert.equal(header.stance, "reserve");
    assert.deepEqual(termsSignalsOf([header]).terms, { contentUsage: "train-ai=n" });
  });

  it("real robots.txt files: an AI-preferences attach rule per path, Cloudflare's managed signals", () => {
    const read = (name: string) =>
      parseRobots(readFileSync(new URL(`./fixtures/robots/${name}`, import.meta.url)));
    const attach = read("aipref-attach.txt");
    const root = termsSignalsOf(robotsSignals(attach, "/", "tgpl-terms", "robots.txt").signals);
    assert.deepEqual(root.terms, { contentUsage: "train-ai=n" });
    const ok = termsSignalsOf(
      robotsSignals(attach, "/ai-ok/x", "tgpl-terms", "robots.txt").signals,
    );
    assert.deepEqual(ok.terms, { contentUsage: "train-ai=y" });
    const never = termsSignalsOf(
      robotsSignals(attach, "/never/x", "tgpl-terms", "robots.txt").signals,
    );
    assert.deepEqual(never.terms, { crawlDisallowed: true });
    const cloudflare = termsSignalsOf(
      robotsSignals(read("cloudflare-managed.txt"), "/", "tgpl-terms", "robots.txt").signals,
    );
    assert.equal(cloudflare.terms.contentSignal, "ai-train=no");
    assert.equal(cloudflare.terms.offer, undefined);
  });

  it("an offer only when every reservation names the TGPL", () => {
    const all = termsSignalsOf([
      reserve("tdmrep.json", "tdm-reservation=1", TGPL_OR_LATER),
      reserve("content-usage header", "train-ai=n", TGPL_OR_LATER),
    ]);
    assert.equal(all.terms.offer, TGPL_OR_LATER);
    assert.equal(all.lifted.length, 2);
    const noai = directiveSignals(["noai"], "tgpl-terms", "x-robots-tag header", "x", false);
    const one = termsSignalsOf([
      reserve("tdmrep.json", "tdm-reservation=1", TGPL_OR_LATER),
      ...noai,
    ]);
    assert.deepEqual(one.terms, { noai: true });
    assert.deepEqual(
      one.unlifted.map((s) => s.value),
      ["noai"],
    );
    const other = termsSignalsOf([reserve("ai.txt", "disallow", "LicenseRef-Other")]);
    assert.equal(other.terms.offer, undefined);
    // 1.0 only and 1.0 or later side by side: TGPL 1.0 satisfies both.
    const mixed = termsSignalsOf([
      reserve("tdmrep.json", "tdm-reservation=1", TGPL_OR_LATER),
      reserve("ai.txt", "disallow", TGPL_ONLY),
    ]);
    assert.equal(mixed.terms.offer, TGPL_ONLY);
  });

  it("an explicit yes: the vocabulary's own where it has one, trainingAllowed otherwise; a no beside it wins", () => {
    const yes = (source: Signal["source"]): Signal => ({
      source,
      value: "y",
      raw: "",
      location: "x",
      stance: "allow",
    });
    assert.deepEqual(termsSignalsOf([yes("content-usage header")]).terms, {
      contentUsage: "train-ai=y",
    });
    assert.deepEqual(termsSignalsOf([yes("robots.txt content-signal")]).terms, {
      contentSignal: "ai-train=yes",
    });
    assert.deepEqual(termsSignalsOf([yes("tdmrep.json"), yes("ai.txt")]).terms, {
      trainingAllowed: true,
    });
    assert.equal(
      termsSignalsOf([
        yes("content-usage header"),
        reserve("robots.txt content-usage", "train-ai=n"),
      ]).terms.contentUsage,
      "train-ai=n",
    );
  });
});
