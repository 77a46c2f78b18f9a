/**
 * `tgpl terms` as a user runs it: `terms init` writes a site folder, a real
 * HTTP server on 127.0.0.1 serves it (with the headers its _headers file
 * asks for), and `terms check URL` reads it back as conditional TGPL.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { TGPL_OR_LATER } from "../../terms/ids.ts";
import { listen, type Loopback, staticSite } from "../../terms/testing.node.ts";
import type { TermsVerdict } from "../../terms/types.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));

/** Run the CLI in a child process; asynchronous, so the servers in this process keep answering. */
function tgpl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), "tgpl-terms-site-"));
let server: Loopback;
before(async () => {
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>frobnicate</title>\n</head>\n<body><h1>frobnicate</h1></body>\n</html>\n',
  );
  writeFileSync(join(dir, "README.md"), "# frobnicate\n\nTurns widgets into gadgets.\n");
  server = await staticSite(dir);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("tgpl terms, end to end", () => {
  it("init writes the site's terms", async () => {
    const r = await tgpl(
      "terms",
      "init",
      dir,
      "--base-url",
      server.url,
      "--html",
      "--holder",
      "Jane Doe",
      "--year",
      "2026",
      "--json",
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      licence: string;
      entries: { path: string; action: string }[];
    };
    assert.equal(report.licence, TGPL_OR_LATER);
    const actions = Object.fromEntries(report.entries.map((e) => [e.path, e.action]));
    assert.deepEqual(actions, {
      LICENSE: "created",
      "README.md": "appended",
      "robots.txt": "created",
      ".well-known/tdmrep.json": "created",
      "tgpl-policy.json": "created",
      "ai.txt": "created",
      _headers: "created",
      "index.html": "updated",
    });
    assert.match(
      readFileSync(join(dir, "index.html"), "utf8"),
      /<meta name="tdm-policy" content="http:\/\/127\.0\.0\.1:\d+\/tgpl-policy\.json">/,
    );
  });

  it("check URL reads the served site back as conditional TGPL", async () => {
    const r = await tgpl("terms", "check", server.url, "--json");
    assert.equal(r.code, 0, r.stderr);
    const v = JSON.parse(r.stdout) as TermsVerdict;
    assert.equal(v.kind, "site");
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_OR_LATER);
    assert.equal(v.interpretation, "standard");
    assert.deepEqual(v.weights.only, ["LicenseRef-TGPL-1.0", TGPL_OR_LATER]);
    assert.deepEqual(v.obligations, [
      { kind: "model-source", on: ["distributed"] },
      { kind: "network-offer", on: ["api"] },
      { kind: "training-data-info", on: ["distributed", "api"] },
      { kind: "attribution", on: ["distributed", "api"] },
    ]);
    const by = (source: string) => v.signals.filter((s) => s.source === source);
    // Every form was read, and every reservation names the TGPL as its exception.
    assert.equal(by("robots.txt content-usage")[0]?.exceptFor, TGPL_OR_LATER);
    assert.equal(by("content-usage header")[0]?.exceptFor, TGPL_OR_LATER);
    assert.equal(by("tdm-reservation meta")[0]?.exceptFor, TGPL_OR_LATER); // meta supersedes the header and the file
    assert.match(by("tdm-reservation header")[0]?.note ?? "", /superseded by tdm-reservation meta/);
    assert.match(by("tdmrep.json")[0]?.note ?? "", /superseded/);
    assert.equal(by("tdm-policy")[0]?.expression, TGPL_OR_LATER);
    assert.equal(by("ai.txt")[0]?.exceptFor, TGPL_OR_LATER);
    assert.equal(by("licence-file")[0]?.expression, "LicenseRef-TGPL-1.0");
    assert.ok(
      v.signals.filter((s) => s.stance === "reserve").every((s) => s.exceptFor === TGPL_OR_LATER),
    );
  });

  it("check URL of a non-HTML file uses the response headers", async () => {
    const r = await tgpl("terms", "check", `${server.url}LICENSE`, "--json");
    assert.equal(r.code, 0, r.stderr);
    const v = JSON.parse(r.stdout) as TermsVerdict;
    assert.equal(v.training, "conditional");
    assert.equal(
      v.signals.find((s) => s.source === "tdm-reservation header")?.exceptFor,
      TGPL_OR_LATER,
    );
  });

  it("check DIR reads the same folder offline as conditional TGPL, in text too", async () => {
    const r = await tgpl("terms", "check", dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /training CONDITIONAL \(LicenseRef-TGPL-1\.0-or-later\)/);
    assert.match(r.stdout, /must be under LicenseRef-TGPL-1\.0 or LicenseRef-TGPL-1\.0-or-later/);
    assert.match(
      r.stdout,
      /model-source \(when the weights are distributed\): release the Corresponding Model Source/,
    );
    assert.match(r.stdout, /network-offer \(when the model is served over a network\)/);
  });

  it("--interpretation picks the reading of a GPL repository, and a bad one is a usage error", async () => {
    const gpl = fileURLToPath(new URL("../../terms/fixtures/repos/gpl-program/", import.meta.url));
    const [standard, conservative, bad] = await Promise.all([
      tgpl("terms", "check", gpl, "--json"),
      tgpl("terms", "check", gpl, "--interpretation", "conservative", "--json"),
      tgpl("terms", "check", gpl, "--interpretation", "lenient"),
    ]);
    assert.equal(standard.code, 0, standard.stderr);
    const s = JSON.parse(standard.stdout) as TermsVerdict;
    assert.equal(s.training, "allow");
    assert.deepEqual(s.obligations, [{ kind: "attribution", on: ["distributed"] }]);
    assert.deepEqual(s.otherInterpretation, {
      interpretation: "conservative",
      training: "conditional",
    });
    assert.equal(conservative.code, 0, conservative.stderr);
    const c = JSON.parse(conservative.stdout) as TermsVerdict;
    assert.equal(c.training, "conditional");
    assert.equal(c.interpretation, "conservative");
    assert.deepEqual(c.weights.only, ["GPL-3.0-only"]);
    assert.ok(c.obligations.some((o) => o.kind === "model-source"));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--interpretation must be standard or conservative/);
  });

  it("exits 1 when nothing permits training", async () => {
    const empty = await listen((_q, res) => res.writeHead(404).end());
    try {
      const r = await tgpl("terms", "check", empty.url, "--json");
      assert.equal(r.code, 1);
      assert.equal((JSON.parse(r.stdout) as TermsVerdict).training, "unknown");
    } finally {
      await empty.close();
    }
  });

  it("exits 2 with a message that says what to do on bad input", async () => {
    const [missing, ftp, bare, noDir, ua] = await Promise.all([
      tgpl("terms", "check", join(dir, "no-such-dir")),
      tgpl("terms", "check", "ftp://127.0.0.1/x"),
      tgpl("terms"),
      tgpl("terms", "init"),
      tgpl("terms", "check", dir, "--user-agent", "Bad/1.0"),
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such directory.*\nCheck the path/);
    assert.equal(ftp.code, 2);
    assert.match(ftp.stderr, /only http and https/);
    assert.equal(bare.code, 2);
    assert.equal(noDir.code, 2);
    assert.equal(ua.code, 2);
    assert.match(ua.stderr, /product token/);
  });
});
