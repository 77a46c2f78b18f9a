import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { checkRepo } from "./check-repo.node.ts";
import { TGPL_ONLY, TGPL_OR_LATER } from "./ids.ts";
import { initTerms } from "./init.node.ts";

const fixtures = fileURLToPath(new URL("./fixtures/repos/", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "tgpl-terms-repo-"));
after(() => rmSync(temp, { recursive: true, force: true }));
let n = 0;
const fresh = (from?: string) => {
  const dir = join(temp, `r${n++}`);
  if (from) cpSync(join(fixtures, from), dir, { recursive: true });
  else mkdirSync(dir);
  return dir;
};
const init = (dir: string, extra: Partial<Parameters<typeof initTerms>[1]> = {}) =>
  initTerms(dir, {
    orLater: true,
    headers: false,
    html: false,
    force: false,
    dryRun: false,
    holder: "Jane Doe",
    year: 2026,
    ...extra,
  });

describe("terms check on repositories", () => {
  it("an MIT package (url-join's LICENSE and package.json): allow, attribution owed on distribution", () => {
    const v = checkRepo(fresh("mit-package"));
    assert.equal(v.training, "allow");
    assert.equal(v.licence, "MIT");
    assert.deepEqual(v.obligations, [{ kind: "attribution", on: ["distributed"] }]);
    assert.deepEqual(v.weights, { only: null, except: [], includes: [] });
    const found = v.signals.map((s) => `${s.source}:${s.value}:${s.location}`);
    assert.ok(found.includes("licence-file:MIT:LICENSE"), found.join(", "));
    assert.ok(found.includes("manifest:MIT:package.json"), found.join(", "));
  });

  it("a dual-licensed crate (serde's Cargo.toml with its two licence files): allow, MIT OR Apache-2.0", () => {
    const v = checkRepo(fresh("dual-licensed"));
    assert.equal(v.training, "allow");
    assert.equal(v.licence, "MIT OR Apache-2.0");
    assert.deepEqual(v.obligations, [{ kind: "attribution", on: ["distributed"] }]);
    // Conservatively Apache-2.0 keeps the weights out of GPL-2.0 wholes; the trainer may pick MIT instead.
    const c = checkRepo(fresh("dual-licensed"), {
      productToken: "tgpl-terms",
      interpretation: "conservative",
    });
    assert.equal(c.training, "allow");
    assert.deepEqual(c.weights.except, []);
  });

  it("a GNU program (the GPL-3 COPYING Debian ships): the interpretation decides", () => {
    const dir = fresh("gpl-program");
    const standard = checkRepo(dir);
    assert.equal(standard.licence, "GPL-3.0-only");
    assert.equal(standard.training, "allow");
    assert.deepEqual(standard.otherInterpretation, {
      interpretation: "conservative",
      training: "conditional",
    });
    const conservative = checkRepo(dir, {
      productToken: "tgpl-terms",
      interpretation: "conservative",
    });
    assert.equal(conservative.training, "conditional");
    assert.deepEqual(conservative.weights.only, ["GPL-3.0-only"]);
    assert.deepEqual(conservative.obligations, [
      { kind: "model-source", on: ["distributed"] },
      { kind: "training-data-info", on: ["distributed"] },
      { kind: "attribution", on: ["distributed"] },
    ]);
  });

  it("an npm package whose only licence is its manifest field", () => {
    const v = checkRepo(fresh("npm-package"));
    assert.equal(v.licence, "BSD-3-Clause");
    assert.equal(v.signals[0]!.source, "manifest");
  });

  it("a repository with no licence: unknown", () => {
    const dir = fresh();
    writeFileSync(join(dir, "main.c"), "int main(void) { return 0; }\n");
    const v = checkRepo(dir);
    assert.equal(v.training, "unknown");
    assert.equal(v.licence, null);
    assert.deepEqual(v.obligations, []);
    assert.deepEqual(v.signals, []);
  });

  it("an ai.txt that disallows everything denies even with a permissive licence", () => {
    const dir = fresh("dual-licensed");
    writeFileSync(join(dir, "ai.txt"), "User-Agent: *\nDisallow: /\n");
    const v = checkRepo(dir);
    assert.equal(v.training, "deny");
    assert.deepEqual(v.obligations, []);
    assert.match(v.reasons[0]!, /^ai\.txt reserves training \(disallow\) with no TGPL exception/);
  });

  it("after terms init: conditional, TGPL or later, from every form at once", () => {
    const dir = fresh();
    writeFileSync(join(dir, "README.md"), "# frobnicate\n\nTurns widgets into gadgets.\n");
    init(dir);
    const v = checkRepo(dir);
    assert.equal(v.training, "conditional");
    assert.equal(v.licence, TGPL_OR_LATER);
    assert.deepEqual(v.weights.only, [TGPL_ONLY, TGPL_OR_LATER]);
    // Release on distribution, the network offer on API use, data information and notices on both.
    assert.deepEqual(v.obligations, [
      { kind: "model-source", on: ["distributed"] },
      { kind: "network-offer", on: ["api"] },
      { kind: "training-data-info", on: ["distributed", "api"] },
      { kind: "attribution", on: ["distributed", "api"] },
    ]);
    assert.deepEqual(v.conditions, []);
    const sources = new Set(v.signals.map((s) => s.source));
    for (const s of [
      "licence-file",
      "notice",
      "spdx-tag",
      "robots.txt content-usage",
      "tdmrep.json",
      "tdm-policy",
      "ai.txt",
    ] as const)
      assert.ok(sources.has(s), `a ${s} signal`);
    assert.ok(
      v.signals.filter((s) => s.stance === "reserve").every((s) => s.exceptFor === TGPL_OR_LATER),
    );
  });

  it("after terms init --only: conditional under the TGPL 1.0 only", () => {
    const dir = fresh();
    init(dir, { orLater: false });
    assert.equal(checkRepo(dir).licence, TGPL_ONLY);
  });

  it("reads a policy named by an absolute URL from the directory when the path is there", () => {
    const dir = fresh();
    init(dir, { baseUrl: "https://example.org/" });
    assert.match(
      readFileSync(join(dir, ".well-known/tdmrep.json"), "utf8"),
      /https:\/\/example.org\/tgpl-policy.json/,
    );
    assert.equal(checkRepo(dir).training, "conditional");
  });

  it("a reservation whose policy is elsewhere is not lifted offline", () => {
    const dir = fresh();
    mkdirSync(join(dir, ".well-known"));
    writeFileSync(
      join(dir, ".well-known/tdmrep.json"),
      '[{"location": "/", "tdm-reservation": 1, "tdm-policy": "https://example.org/nowhere.json"}]',
    );
    const v = checkRepo(dir);
    assert.equal(v.training, "deny");
    assert.match(v.signals[0]!.note!, /does not fetch it/);
    assert.ok(
      v.reasons.some((r) => /^TDMRep: tdm-reservation 1 .*with no licence offered/.test(r)),
    );
  });
});

describe("terms init", () => {
  it("leaves another licence alone and reports the conflict; --force replaces it", () => {
    const dir = fresh("dual-licensed");
    cpSync(join(dir, "LICENSE-MIT"), join(dir, "LICENSE"));
    const r = init(dir);
    const entry = r.entries.find((e) => e.path === "LICENSE")!;
    assert.equal(entry.action, "conflict");
    assert.match(entry.detail!, /MIT/);
    assert.equal(
      init(dir, { force: true }).entries.find((e) => e.path === "LICENSE")!.action,
      "replaced",
    );
  });

  it("is idempotent, and a dry run writes nothing", () => {
    const dir = fresh();
    writeFileSync(join(dir, "README.md"), "# x\n");
    init(dir);
    const again = init(dir);
    assert.ok(
      again.entries.every((e) => e.action === "unchanged" || e.action === "skipped"),
      JSON.stringify(again.entries),
    );
    const dry = fresh();
    const r = init(dry, { dryRun: true });
    assert.ok(r.entries.some((e) => e.action === "created"));
    assert.equal(checkRepo(dry).training, "unknown");
  });

  it("appends to an existing robots.txt without weakening its rules", () => {
    const dir = fresh();
    writeFileSync(join(dir, "robots.txt"), "User-agent: *\nDisallow: /admin/\n");
    assert.equal(init(dir).entries.find((e) => e.path === "robots.txt")!.action, "appended");
    const robots = readFileSync(join(dir, "robots.txt"), "utf8");
    assert.match(robots, /^Disallow: \/admin\/$/m);
    assert.doesNotMatch(robots, /^Allow:/m);
  });

  it("--headers adds SPDX lines only to source files that declare no licence", () => {
    const dir = fresh();
    mkdirSync(join(dir, "src"));
    mkdirSync(join(dir, "node_modules"));
    writeFileSync(join(dir, "src/a.ts"), "export const a = 1;\n");
    writeFileSync(join(dir, "src/b.ts"), "// SPDX-License-Identifier: MIT\nexport const b = 1;\n");
    writeFileSync(join(dir, "node_modules/c.js"), "module.exports = 1;\n");
    init(dir, { headers: true });
    assert.equal(
      readFileSync(join(dir, "src/a.ts"), "utf8"),
      `// SPDX-License-Identifier: ${TGPL_OR_LATER}\nexport const a = 1;\n`,
    );
    assert.equal(
      readFileSync(join(dir, "src/b.ts"), "utf8"),
      "// SPDX-License-Identifier: MIT\nexport const b = 1;\n",
    );
    assert.equal(readFileSync(join(dir, "node_modules/c.js"), "utf8"), "module.exports = 1;\n");
  });
});
