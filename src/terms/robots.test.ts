import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { preferenceFor } from "./aipref.ts";
import { compilePattern, matches, normalizePath } from "./path-match.ts";
import {
  accessFor,
  groupFor,
  parseRobots,
  ROBOTS_MAX_BYTES,
  signalRulesFor,
  trainingUsage,
} from "./robots.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/robots/${name}`, import.meta.url));
/** A URL path as a crawler compares it. */
const p = (path: string) => normalizePath(path, true);
const allowed = (file: string | Uint8Array, agent: string, path: string) => {
  const robots = parseRobots(typeof file === "string" ? fixture(file) : file);
  return accessFor(groupFor(robots, agent), p(path)).allowed;
};

describe("RFC 9309 examples", () => {
  it("5.1: groups, several user-agents per group, empty groups", () => {
    // foobot may fetch only the two allowed files.
    assert.equal(allowed("rfc9309-5.1.txt", "foobot", "/example/page.html"), true);
    assert.equal(allowed("rfc9309-5.1.txt", "foobot", "/example/allowed.gif"), true);
    assert.equal(allowed("rfc9309-5.1.txt", "foobot", "/example/other.html"), false);
    assert.equal(allowed("rfc9309-5.1.txt", "foobot", "/"), false);
    // barbot and bazbot share a group.
    for (const bot of ["barbot", "bazbot"]) {
      assert.equal(allowed("rfc9309-5.1.txt", bot, "/example/page.html"), false);
      assert.equal(allowed("rfc9309-5.1.txt", bot, "/example/other.html"), true);
    }
    // quxbot's group has no rules: everything, and it does not fall back to *.
    assert.equal(allowed("rfc9309-5.1.txt", "quxbot", "/example/page.html"), true);
    // Anyone else gets the * group.
    assert.equal(allowed("rfc9309-5.1.txt", "otherbot", "/example/x"), false);
    assert.equal(allowed("rfc9309-5.1.txt", "otherbot", "/a/b.gif"), false);
    assert.equal(allowed("rfc9309-5.1.txt", "otherbot", "/a/b.gifs"), true);
    assert.equal(allowed("rfc9309-5.1.txt", "otherbot", "/publications/x"), true);
  });

  it("5.2: the longest match wins", () => {
    assert.equal(allowed("rfc9309-5.2.txt", "foobot", "/example/page/"), true);
    assert.equal(allowed("rfc9309-5.2.txt", "foobot", "/example/page/disallowed.gif"), false);
  });

  it("2.2.1: groups for the same crawler are combined, matched case-insensitively by product token", () => {
    const robots =
      "user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: examplebot\ndisallow: /baz\n";
    assert.equal(allowed(new TextEncoder().encode(robots), "EXAMPLEBOT", "/baz"), false);
    assert.equal(allowed(new TextEncoder().encode(robots), "examplebot", "/foo"), false);
    assert.equal(allowed(new TextEncoder().encode(robots), "examplebot", "/qux"), true);
    // "ExampleBot/1.0" in a user-agent line names the product token ExampleBot.
    assert.equal(
      allowed(
        new TextEncoder().encode("User-agent: ExampleBot/1.0\nDisallow: /\n"),
        "examplebot",
        "/x",
      ),
      false,
    );
  });

  it("2.2.2: allow wins a tie, /robots.txt is always allowed, no group means no rules", () => {
    const tie = new TextEncoder().encode("User-agent: *\nAllow: /page\nDisallow: /page\n");
    assert.equal(allowed(tie, "x", "/page"), true);
    const all = new TextEncoder().encode("User-agent: *\nDisallow: /\n");
    assert.equal(allowed(all, "x", "/robots.txt"), true);
    assert.equal(
      allowed(new TextEncoder().encode("User-agent: foo\nDisallow: /\n"), "bar", "/x"),
      true,
    );
  });

  it("2.2.2: compares percent-encoded paths (the RFC's table)", () => {
    const rows: [string, string][] = [
      ["/foo/bar?baz=quz", "/foo/bar?baz=quz"],
      ["/foo/bar/\u30c4", "/foo/bar/%E3%83%84"],
      ["/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"],
      ["/foo/bar/%62%61%7A", "/foo/bar/baz"],
    ];
    for (const [path, toMatch] of rows) assert.equal(normalizePath(path), toMatch, path);
    assert.equal(matches(compilePattern("/foo/bar/\u30c4"), p("/foo/bar/%e3%83%84")), true);
  });

  it("2.2.3: $ and * are special; written percent-encoded they match themselves", () => {
    assert.equal(matches(compilePattern("/this/path/exactly$"), p("/this/path/exactly")), true);
    assert.equal(
      matches(compilePattern("/this/path/exactly$"), p("/this/path/exactly/more")),
      false,
    );
    assert.equal(matches(compilePattern("/this/*/exactly"), p("/this/a/b/exactly")), true);
    assert.equal(
      matches(compilePattern("/path/file-with-a-%2A.html"), p("/path/file-with-a-*.html")),
      true,
    );
    assert.equal(matches(compilePattern("/path/foo-%24"), p("/path/foo-$")), true);
    assert.equal(matches(compilePattern("/path/foo-%24"), p("/path/foo-")), false);
  });
});

describe("Content-Usage rule (draft-ietf-aipref-attach)", () => {
  const robots = parseRobots(fixture("aipref-attach.txt"));
  const usage = (agent: string, path: string) => {
    const rules = groupFor(robots, agent);
    if (!accessFor(rules, p(path)).allowed) return "N/A";
    return trainingUsage(rules, p(path), "train-ai").stated?.preference ?? "unknown";
  };
  it("gives the draft's table of preferences per path", () => {
    assert.equal(usage("somebot", "/test"), "disallow");
    assert.equal(usage("somebot", "/never/test"), "N/A");
    assert.equal(usage("somebot", "/ai-ok/test"), "allow");
    assert.equal(usage("ExampleBot", "/test"), "allow");
  });

  it("combines rules with identical paths instead of preferring allow", () => {
    const r = parseRobots(
      "User-agent: *\nContent-Usage: / train-ai=y\nContent-Usage: / train-ai=n\n",
    );
    assert.equal(trainingUsage(groupFor(r, "x"), "/a").stated?.preference, "disallow");
  });

  it("reads the key case-insensitively but the preference case-sensitively", () => {
    const r = parseRobots(
      "user-agent: *\nCONTENT-USAGE: / train-ai=n\ncontent-usage: /x Train-AI=y\n",
    );
    const rules = groupFor(r, "x");
    assert.equal(trainingUsage(rules, "/a").stated?.preference, "disallow");
    // The /x rule is more specific, but its value does not parse, so it states nothing.
    assert.equal(trainingUsage(rules, "/x/y").stated, null);
    assert.ok(r.warnings.some((w) => w.includes("does not parse")));
  });

  it("tolerates the path-less form of early drafts, with a warning", () => {
    const r = parseRobots("User-agent: *\nContent-Usage: train-ai=n\n");
    assert.equal(trainingUsage(groupFor(r, "x"), "/a").stated?.preference, "disallow");
    assert.ok(r.warnings.some((w) => w.includes("without a path")));
  });

  it("keeps a TGPL exception parameter", () => {
    const r = parseRobots(
      'User-agent: *\nContent-Usage: / train-ai=n;exception="LicenseRef-TGPL-1.0-or-later"\nAllow: /\n',
    );
    const stated = trainingUsage(groupFor(r, "x"), "/a").stated!;
    assert.equal(stated.exception, "LicenseRef-TGPL-1.0-or-later");
    assert.equal(
      preferenceFor(groupFor(r, "x").usage[0]!.statement, "train-ai")?.preference,
      "disallow",
    );
  });
});

describe("real-world robots.txt files", () => {
  it("Cloudflare's managed file: Content-Signal in the merged catch-all, named AI crawlers shut out", () => {
    const robots = parseRobots(fixture("cloudflare-managed.txt"));
    const all = groupFor(robots, "tgpl-terms");
    assert.deepEqual(all.agents, ["*"]);
    const signals = signalRulesFor(all, "/blog/post");
    assert.equal(signals.length, 1);
    assert.equal(signals[0]!.signals.get("ai-train"), false);
    assert.equal(signals[0]!.signals.get("search"), true);
    assert.equal(signals[0]!.signals.has("use"), false); // "use=reference" is not a yes/no signal
    assert.equal(accessFor(all, "/blog/post").allowed, true);
    assert.equal(accessFor(all, "/wp-admin/x").allowed, false);
    assert.equal(accessFor(all, "/wp-admin/admin-ajax.php").allowed, true);
    assert.equal(allowed("cloudflare-managed.txt", "GPTBot", "/blog/post"), false);
    assert.equal(allowed("cloudflare-managed.txt", "gptbot", "/"), false);
    assert.deepEqual(robots.sitemaps, ["https://example.com/wp-sitemap.xml"]);
  });

  it("WordPress's default file with a byte-order mark and CRLF line ends", () => {
    assert.equal(allowed("wordpress-bom-crlf.txt", "x", "/wp-admin/"), false);
    assert.equal(allowed("wordpress-bom-crlf.txt", "x", "/wp-admin/admin-ajax.php"), true);
    assert.equal(allowed("wordpress-bom-crlf.txt", "x", "/hello-world/"), true);
    assert.deepEqual(parseRobots(fixture("wordpress-bom-crlf.txt")).sitemaps, [
      "https://example.com/wp-sitemap.xml",
    ]);
  });

  it("a GitHub-like file: wildcards, end anchors, and a group with only crawl-delay", () => {
    const f = "github-like.txt";
    assert.equal(allowed(f, "x", "/torvalds/linux"), true);
    assert.equal(allowed(f, "x", "/torvalds/linux/pulse"), false);
    assert.equal(allowed(f, "x", "/torvalds/linux.git"), false);
    assert.equal(allowed(f, "x", "/torvalds/linux.github"), true);
    assert.equal(allowed(f, "x", "/search"), false);
    assert.equal(allowed(f, "x", "/search/code"), true);
    assert.equal(allowed(f, "x", "/search?q=tgpl"), false);
    assert.equal(allowed(f, "x", "/o/r/tarball/main"), false);
    assert.equal(allowed(f, "baidu", "/torvalds/linux/pulse"), true); // its own group, which has no access rules
  });

  it("the usual slips: repaired where common parsers agree, reported either way", () => {
    const robots = parseRobots(fixture("typos.txt"));
    assert.equal(allowed("typos.txt", "x", "/tmp/a"), false); // "Dissallow"
    assert.equal(allowed("typos.txt", "x", "/private/a"), false); // no colon
    assert.equal(allowed("typos.txt", "x", "/cgi-bin/a"), false); // capitals and tabs
    assert.equal(allowed("typos.txt", "x", "/before-any-group"), true);
    assert.equal(allowed("typos.txt", "x", "/relative/path"), true);
    assert.equal(allowed("typos.txt", "badbot", "/x"), false); // "useragent"
    const joined = robots.warnings.join("\n");
    for (const expected of [
      "before any user-agent",
      "without a colon",
      '"dissallow" read as "disallow"',
      "does not start with",
    ])
      assert.ok(joined.includes(expected), `warning about ${expected}`);
  });
});

describe("limits", () => {
  it("parses only the first 500 KiB, dropping a line cut by the limit", () => {
    const lines: string[] = ["User-agent: *"];
    for (let i = 0, size = 0; size < ROBOTS_MAX_BYTES + 10_000; i++) {
      lines.push(`Disallow: /dir-${i}/`);
      size += lines[lines.length - 1]!.length + 1;
    }
    lines.push("Disallow: /");
    const robots = parseRobots(lines.join("\n"));
    assert.equal(robots.truncated, true);
    const rules = groupFor(robots, "x");
    assert.equal(accessFor(rules, "/dir-0/a").allowed, false);
    assert.equal(accessFor(rules, "/elsewhere").allowed, true); // the final "Disallow: /" was beyond the limit
    for (const r of rules.access) assert.match(r.pattern.raw, /^\/dir-\d+\/$/); // no half line
  });

  it("matches hostile wildcard patterns in linear steps", () => {
    const pattern = compilePattern(`/${"*a".repeat(40)}*b`);
    assert.equal(matches(pattern, `/${"a".repeat(5000)}`), false);
    assert.equal(matches(pattern, `/${"a".repeat(50)}b`), true);
  });
});
