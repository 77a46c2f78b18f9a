import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { after, describe, it } from "node:test";
import { checkSite, DEFAULT_SITE_OPTIONS, type SiteCheckOptions } from "./check-site.node.ts";
import { policyJson, type TermsOptions } from "./generate.ts";
import { TGPL_OR_LATER } from "./ids.ts";
import { listen, type Loopback } from "./testing.node.ts";

type Route = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Loopback[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

/** A site from a table of routes; everything else is 404. Records the paths requested. */
async function site(routes: Record<string, Route>): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const s = await listen((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push(path);
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  servers.push(s);
  return { url: s.url, seen };
}

const text = (body: string, type = "text/plain") =>
  ((_q, res) => res.writeHead(200, { "content-type": type }).end(body)) as Route;
const status = (code: number) => ((_q, res) => res.writeHead(code).end()) as Route;
const options: SiteCheckOptions = { ...DEFAULT_SITE_OPTIONS, timeoutMs: 400 };
const check = (url: string, o: Partial<SiteCheckOptions> = {}) =>
  checkSite(new URL(url), { ...options, ...o });
const MIT =
  'MIT License\n\nCopyright (c) 2024 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n';

describe("terms check on sites", () => {
  it("robots.txt 5xx: complete disallow (RFC 9309 2.3.1.4), and the page is not fetched", async () => {
    const s = await site({ "/robots.txt": status(503), "/": text("<html></html>", "text/html") });
    const v = await check(s.url);
    assert.equal(v.training, "deny");
    assert.match(v.signals[0]!.value, /HTTP 503: unreachable/);
    assert.equal(s.seen.includes("/"), false);
  });

  it("robots.txt 4xx and nothing else: unknown, never allowed", async () => {
    const s = await site({ "/": text("<html><head></head></html>", "text/html") });
    const v = await check(s.url);
    assert.equal(v.training, "unknown");
    assert.match(v.signals.find((x) => x.source === "robots.txt")!.value, /HTTP 404: unavailable/);
  });

  it("a site with only a permissive licence: allow", async () => {
    const s = await site({ "/LICENSE": text(MIT), "/": text("<html></html>", "text/html") });
    const v = await check(s.url);
    assert.equal(v.training, "allow");
    assert.equal(v.licence, "MIT");
    assert.deepEqual(v.obligations, [{ kind: "attribution", on: ["distributed"] }]);
  });

  it("robots.txt Content-Usage train-ai=n with no TGPL exception: deny, whatever the licence; train-ai=y on a path: allow", async () => {
    const s = await site({
      "/robots.txt": text(
        readFileSync(new URL("./fixtures/robots/aipref-attach.txt", import.meta.url), "utf8"),
      ),
      "/LICENSE": text(MIT),
      "/": text("<html></html>", "text/html"),
      "/ai-ok/page": text("<html></html>", "text/html"),
    });
    const root = await check(s.url);
    assert.equal(root.training, "deny");
    assert.deepEqual(root.obligations, []);
    assert.match(root.reasons[0]!, /^robots\.txt content-usage reserves training \(train-ai=n\)/);
    const ok = await check(`${s.url}ai-ok/page`);
    assert.equal(ok.training, "allow");
    assert.deepEqual(ok.obligations, [{ kind: "attribution", on: ["distributed"] }]);
  });

  it("a Content-Usage header train-ai=n that names the TGPL as its exception: conditional under the TGPL", async () => {
    const s = await site({
      "/": (_q, res) =>
        res
          .writeHead(200, {
            "content-usage": `train-ai=n;exception="${TGPL_OR_LATER}"`,
            "content-type": "text/html",
          })
          .end("<p>"),
    });
    const v = await check(s.url);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_OR_LATER);
    assert.deepEqual(v.weights.only, ["LicenseRef-TGPL-1.0", TGPL_OR_LATER]);
    assert.deepEqual(
      v.obligations.map((o) => `${o.kind}:${o.on.join("+")}`),
      [
        "model-source:distributed",
        "network-offer:api",
        "training-data-info:distributed+api",
        "attribution:distributed+api",
      ],
    );
  });

  it("an HTML page served as robots.txt is read as absent", async () => {
    const s = await site({
      "/robots.txt": text("<!doctype html><html><body>Disallow: /</body></html>", "text/html"),
    });
    const v = await check(s.url);
    assert.match(v.signals[0]!.value, /HTML page, not a robots.txt/);
    assert.notEqual(v.training, "deny");
  });

  it("a robots.txt redirect loop is treated as unavailable", async () => {
    const s = await site({
      "/robots.txt": (_q, res) => res.writeHead(301, { location: "/robots.txt" }).end(),
    });
    const v = await check(s.url);
    assert.match(v.signals[0]!.value, /more than 5 redirects/);
    assert.equal(v.signals[0]!.stance, "none");
  });

  it("a robots.txt on another origin is followed only when allowed, and then applied to this origin", async () => {
    const elsewhere = await site({ "/robots.txt": text("User-agent: *\nDisallow: /\n") });
    const s = await site({
      "/robots.txt": (_q, res) =>
        res.writeHead(302, { location: `${elsewhere.url}robots.txt` }).end(),
    });
    const stay = await check(s.url);
    assert.match(stay.signals[0]!.value, /another origin/);
    const follow = await check(s.url, { allowOffOrigin: true });
    assert.equal(follow.training, "deny");
    assert.match(follow.signals[0]!.note ?? "", /reached through 1 redirect/);
  });

  it("robots.txt disallowing the page: deny, without fetching it", async () => {
    const s = await site({
      "/robots.txt": text("User-agent: *\nDisallow: /private/\n"),
      "/private/x": text("secret"),
    });
    const v = await check(`${s.url}private/x`);
    assert.equal(v.training, "deny");
    assert.equal(s.seen.includes("/private/x"), false);
  });

  it("Cloudflare's managed robots.txt (Content-Signal ai-train=no): deny", async () => {
    const s = await site({
      "/robots.txt": text(
        readFileSync(new URL("./fixtures/robots/cloudflare-managed.txt", import.meta.url), "utf8"),
      ),
      "/LICENSE": text(MIT),
    });
    const v = await check(s.url);
    assert.equal(v.training, "deny");
    assert.ok(
      v.reasons.some((r) => /^Content-Signal ai-train=no, with no licence offered/.test(r)),
    );
    assert.ok(
      v.signals.some((x) => x.source === "robots.txt content-signal" && x.value === "ai-train=no"),
    );
  });

  it("a Content-Usage header train-ai=y: allow", async () => {
    const s = await site({
      "/": (_q, res) =>
        res
          .writeHead(200, { "content-usage": "train-ai=y", "content-type": "text/html" })
          .end("<p>"),
    });
    const v = await check(s.url);
    assert.equal(v.training, "allow");
    assert.equal(v.licence, null);
    assert.deepEqual(v.obligations, []);
    assert.match(v.reasons[0]!, /content-usage header allows training \(train-ai=y\)/);
  });

  it("tdm-reservation 1 without a policy: deny; with a policy on another origin: deny, not fetched, said so", async () => {
    const bare = await site({
      "/": (_q, res) => res.writeHead(200, { "tdm-reservation": "1" }).end(),
    });
    const v1 = await check(bare.url);
    assert.equal(v1.training, "deny");
    assert.match(
      v1.signals.find((x) => x.source === "tdm-reservation header")!.note!,
      /no TDM policy/,
    );
    const away = await site({
      "/": (_q, res) =>
        res
          .writeHead(200, { "tdm-reservation": "1", "tdm-policy": "https://203.0.113.9/p.json" })
          .end(),
    });
    const v2 = await check(away.url);
    assert.equal(v2.training, "deny");
    assert.match(
      v2.signals.find((x) => x.source === "tdm-reservation header")!.note!,
      /another origin/,
    );
  });

  it("a TGPL policy served as text/html is human-readable only: the reservation stands", async () => {
    const o: TermsOptions = { orLater: true };
    const s = await site({
      "/": (_q, res) =>
        res.writeHead(200, { "tdm-reservation": "1", "tdm-policy": "/tgpl-policy.json" }).end(),
      "/tgpl-policy.json": text(policyJson(o), "text/html"),
    });
    assert.equal((await check(s.url)).training, "deny");
  });

  it("a TGPL site that also says noai: deny (the most restrictive wins)", async () => {
    const o: TermsOptions = { orLater: true };
    const s = await site({
      "/": (_q, res) =>
        res
          .writeHead(200, {
            "tdm-reservation": "1",
            "tdm-policy": "/tgpl-policy.json",
            "x-robots-tag": "noai",
            "content-type": "text/html",
          })
          .end("<html></html>"),
      "/tgpl-policy.json": text(policyJson(o), "application/json"),
    });
    const v = await check(s.url);
    assert.equal(v.training, "deny");
    assert.ok(
      v.signals.some((x) => x.source === "tdm-reservation header" && x.exceptFor === TGPL_OR_LATER),
    );
    assert.ok(v.signals.some((x) => x.source === "x-robots-tag header" && x.value === "noai"));
  });

  it("a malformed tdmrep.json is reported and ignored", async () => {
    const s = await site({
      "/.well-known/tdmrep.json": text('{"tdm-reservation": 1}', "application/json"),
      "/LICENSE": text(MIT),
    });
    const v = await check(s.url);
    assert.equal(v.training, "allow");
    assert.match(v.signals.find((x) => x.source === "tdmrep.json")!.value, /JSON array/);
  });

  it("a page that never answers: a timeout signal, a clear verdict, no hang", async () => {
    const s = await site({ "/": () => {} });
    const v = await check(s.url);
    assert.equal(v.training, "unknown");
    const failed = v.signals.find((x) => x.source === "fetch")!;
    assert.match(failed.value, /within 400 ms/);
  });

  it("a huge page: only its head is read", async () => {
    const s = await site({
      "/": text(
        `<html><head><meta name="robots" content="noai"></head><body>${"x".repeat(3 << 20)}</body></html>`,
        "text/html",
      ),
    });
    const v = await check(s.url);
    assert.equal(v.training, "deny");
    assert.ok(v.signals.some((x) => x.source === "robots meta" && x.value === "noai"));
  });
});
