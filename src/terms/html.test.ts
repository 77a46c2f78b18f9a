import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aiDirectives, readHead } from "./html.ts";

describe("page head", () => {
  it("skips comments and scripts and stops at the body", () => {
    const html = `<html><head>
      <!-- <meta name="tdm-reservation" content="0"> -->
      <script>document.write('<meta name="tdm-reservation" content="0">')</script>
      <META NAME="TDM-Reservation" CONTENT='1'>
      <meta content="a &amp; b" name=robots>
      <link rel="stylesheet license" href="/LICENSE">
    </head><body><meta name="tdm-reservation" content="0"></body></html>`;
    const head = readHead(html);
    assert.deepEqual(head.meta, [
      { name: "tdm-reservation", content: "1" },
      { name: "robots", content: "a & b" },
    ]);
    assert.deepEqual(head.licenceLinks, ["/LICENSE"]);
  });

  it("survives an unterminated comment", () => {
    assert.deepEqual(readHead("<head><!-- never closed <meta name=x content=y>").meta, []);
  });
});

describe("noai and noimageai", () => {
  it("reads them from robots meta and X-Robots-Tag", () => {
    assert.deepEqual(aiDirectives(["noai, noimageai"], "tgpl-terms"), {
      noai: true,
      noimageai: true,
    });
    assert.deepEqual(aiDirectives(["noindex", "NoAI"], "x"), { noai: true, noimageai: false });
  });

  it("applies a crawler-scoped value only to that crawler", () => {
    assert.deepEqual(aiDirectives(["otherbot: noai"], "tgpl-terms"), {
      noai: false,
      noimageai: false,
    });
    assert.deepEqual(aiDirectives(["tgpl-terms: noai"], "tgpl-terms"), {
      noai: true,
      noimageai: false,
    });
  });

  it("does not mistake a directive with a value for a crawler name", () => {
    assert.deepEqual(aiDirectives(["unavailable_after: 25 Jun 2010 15:00:00 PST, noai"], "x"), {
      noai: true,
      noimageai: false,
    });
    assert.deepEqual(aiDirectives(["max-snippet: 20, noimageai"], "x"), {
      noai: false,
      noimageai: true,
    });
  });
});
