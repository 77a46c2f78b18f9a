/**
 * The network offer, served: the generated middleware is loaded as the
 * bundle ships it and put in front of a real Node HTTP server on loopback,
 * as a plain handler and as Connect-style middleware.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  linkHeader,
  middlewareSource,
  networkOffer,
  REL_MODEL_SOURCE,
  REL_TRAINING_DATA,
  WELL_KNOWN_PATH,
  wellKnownDocument,
} from "./network.ts";

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => boolean;

const offer = networkOffer({
  model: "acme/tgpl-assistant",
  license: "LicenseRef-TGPL-1.0-or-later",
  modelSource: "https://git.example.org/acme/tgpl-assistant",
  trainingData: "https://git.example.org/acme/tgpl-assistant/TRAINING-DATA.md",
});
const dir = mkdtempSync(join(tmpdir(), "tgpl-network-"));
let tgplNotice: Handler;
const servers: Server[] = [];

before(async () => {
  const file = join(dir, "tgpl-notice.mjs");
  writeFileSync(file, middlewareSource(offer, "tgpl test"));
  tgplNotice = ((await import(pathToFileURL(file).href)) as { tgplNotice: Handler }).tgplNotice;
});
after(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the network offer", () => {
  it("says what users must be told, and where", () => {
    assert.match(offer.notice, /acme\/tgpl-assistant/);
    assert.match(offer.notice, /Corresponding Model Source/);
    assert.match(
      offer.notice,
      /https:\/\/git\.example\.org\/acme\/tgpl-assistant\/TRAINING-DATA\.md/,
    );
    const header = linkHeader(offer);
    assert.ok(header.includes(`<${offer.modelSource}>; rel="${REL_MODEL_SOURCE}"`));
    assert.ok(header.includes(`<${offer.trainingData}>; rel="${REL_TRAINING_DATA}"`));
    assert.ok(header.includes(`<${WELL_KNOWN_PATH}>; rel="describedby"`));
  });

  it("in a plain http server: every response carries the Link header, the app's own kept; the well-known document is served", async () => {
    const base = await serve((req, res) => {
      if (tgplNotice(req, res)) return;
      res.setHeader("Content-Type", "text/plain");
      res.appendHeader("Link", '</docs>; rel="help"');
      res.end("completion");
    });
    const page = await fetch(`${base}/v1/completions`);
    assert.equal(await page.text(), "completion");
    const link = page.headers.get("link") ?? "";
    assert.ok(link.includes(REL_MODEL_SOURCE) && link.includes('rel="help"'), link);

    const doc = await fetch(`${base}${WELL_KNOWN_PATH}?x=1`);
    assert.equal(doc.status, 200);
    assert.match(doc.headers.get("content-type") ?? "", /application\/json/);
    assert.equal(await doc.text(), wellKnownDocument(offer));
    assert.ok((doc.headers.get("link") ?? "").includes(REL_TRAINING_DATA));

    const head = await fetch(`${base}${WELL_KNOWN_PATH}`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
    const post = await fetch(`${base}${WELL_KNOWN_PATH}`, { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
  });

  it("as Connect-style middleware: it calls next for everything else", async () => {
    let nextCalls = 0;
    const base = await serve((req, res) => {
      tgplNotice(req, res, () => {
        nextCalls++;
        res.end("app");
      });
    });
    assert.equal(await (await fetch(`${base}/`)).text(), "app");
    const doc = await fetch(`${base}${WELL_KNOWN_PATH}`);
    assert.deepEqual(await doc.json(), JSON.parse(wellKnownDocument(offer)));
    assert.equal(nextCalls, 1);
  });

  it("without a separate place for the training data, both are offered from the source's", () => {
    const o = networkOffer({ model: "m/x", license: null, modelSource: "https://example.org/m" });
    assert.equal(o.trainingData, "https://example.org/m");
    assert.match(o.notice, /both at no charge from https:\/\/example\.org\/m/);
  });
});
