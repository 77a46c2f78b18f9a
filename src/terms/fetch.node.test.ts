import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEFAULT_LIMITS, fetchUrl, textOf } from "./fetch.node.ts";
import { listen, type Loopback } from "./testing.node.ts";

let site: Loopback;
let other: Loopback;

before(async () => {
  other = await listen((_req, res) => res.end("elsewhere"));
  site = await listen((req, res) => {
    const path = req.url ?? "/";
    if (path === "/ok") res.end("hello");
    else if (path === "/stall")
      res.writeHead(200); // headers sent, body never ends
    else if (path === "/silent") {
      // never answers
    } else if (path === "/trickle") {
      res.writeHead(200);
      const timer = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(timer));
    } else if (path === "/big") res.end("y".repeat(100_000));
    else if (path === "/big-declared")
      res.writeHead(200, { "content-length": "100000" }).end("y".repeat(100_000));
    else if (path.startsWith("/hop/")) {
      const n = Number(path.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : "/ok" }).end();
    } else if (path === "/loop") res.writeHead(301, { location: "/loop" }).end();
    else if (path === "/away") res.writeHead(302, { location: `${other.url}x` }).end();
    else if (path === "/multi") {
      res.setHeader("x-robots-tag", ["noindex", "noai"]);
      res.end();
    } else res.writeHead(404).end();
  });
});
after(async () => {
  await site.close();
  await other.close();
});

const limits = { ...DEFAULT_LIMITS, timeoutMs: 300, maxBytes: 1000 };

describe("fetchUrl", () => {
  it("gets a body and its status", async () => {
    const r = await fetchUrl(`${site.url}ok`, limits);
    assert.equal(r.status, 200);
    assert.equal(textOf(r), "hello");
    assert.equal(r.error, undefined);
  });

  it("joins repeated header fields", async () => {
    const r = await fetchUrl(`${site.url}multi`, limits);
    assert.equal(r.headers["x-robots-tag"], "noindex, noai");
  });

  for (const path of ["silent", "stall", "trickle"]) {
    it(`gives up on a server that is ${path} at the deadline`, async () => {
      const r = await fetchUrl(`${site.url}${path}`, limits);
      assert.equal(r.error?.code, "timeout");
      assert.match(r.error!.message, /within 300 ms/);
    });
  }

  it("refuses bodies over the cap, or keeps their head when asked to", async () => {
    const refused = await fetchUrl(`${site.url}big`, limits);
    assert.equal(refused.error?.code, "too-large");
    const declared = await fetchUrl(`${site.url}big-declared`, limits);
    assert.equal(declared.error?.code, "too-large");
    const cut = await fetchUrl(`${site.url}big`, { ...limits, truncate: true });
    assert.equal(cut.error, undefined);
    assert.equal(cut.truncated, true);
    assert.equal(cut.body.length, 1000);
  });

  it("follows redirects up to the limit and records them", async () => {
    const r = await fetchUrl(`${site.url}hop/3`, limits);
    assert.equal(textOf(r), "hello");
    assert.deepEqual(
      r.redirects.map((u) => new URL(u).pathname),
      ["/hop/2", "/hop/1", "/hop/0", "/ok"],
    );
    const tooMany = await fetchUrl(`${site.url}hop/9`, limits);
    assert.equal(tooMany.error?.code, "too-many-redirects");
    assert.equal((await fetchUrl(`${site.url}loop`, limits)).error?.code, "too-many-redirects");
  });

  it("does not leave the origin unless allowed, and says where it would have gone", async () => {
    const r = await fetchUrl(`${site.url}away`, limits);
    assert.equal(r.error?.code, "off-origin");
    assert.equal(r.offOrigin, `${other.url}x`);
    const followed = await fetchUrl(`${site.url}away`, { ...limits, allowOffOrigin: true });
    assert.equal(textOf(followed), "elsewhere");
    assert.equal(followed.finalUrl, `${other.url}x`);
  });

  it("reports refused connections and unusable URLs as values", async () => {
    const closed = await listen(() => {});
    const url = closed.url;
    await closed.close();
    assert.equal((await fetchUrl(url, limits)).error?.code, "network");
    assert.equal((await fetchUrl("ftp://127.0.0.1/x", limits)).error?.code, "bad-url");
    assert.equal((await fetchUrl("not a url", limits)).error?.code, "bad-url");
  });
});
