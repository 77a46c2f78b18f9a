import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { manifestMatcher, readerFor } from "./index.ts";
import { fixtureText, rows, runText } from "./testing.node.ts";

const FIXTURES = fileURLToPath(new URL("fixtures/", import.meta.url));
const fixtures = (readdirSync(FIXTURES, { recursive: true }) as string[])
  .map((p) => p.replace(/\\/g, "/"))
  .filter((p) => readerFor(p) !== undefined)
  .sort();

describe("manifest matcher", () => {
  it("picks the format by base name and ignores other files", () => {
    assert.ok(readerFor("a/b/package.json"));
    assert.ok(readerFor("C:\\src\\Cargo.toml"));
    assert.ok(readerFor("rails.gemspec"));
    assert.ok(readerFor("repo/org/x/1.0/x-1.0.pom"));
    assert.ok(readerFor("proj/.reuse/dep5"));
    assert.equal(readerFor("src/index.ts"), undefined);
    assert.equal(readerFor("package.json.bak"), undefined);
    assert.deepEqual(runText("README.md", '{"license": "MIT"}'), { matches: [], warnings: [] });
  });

  it("has fixtures for every format", () => {
    const names = new Set(
      fixtures.map((p) =>
        p
          .split("/")
          .pop()!
          .replace(/^.*\.(gemspec|pom)$/, "*.$1"),
      ),
    );
    for (const name of ["package.json", "Cargo.toml", "pyproject.toml", "setup.cfg", "*.gemspec"]) {
      assert.ok(names.has(name), name);
    }
    for (const name of ["composer.json", "pom.xml", "*.pom", "DESCRIPTION", "REUSE.toml", "dep5"]) {
      assert.ok(names.has(name), name);
    }
  });

  it("reads every fixture the same with a BOM and CRLF line endings", () => {
    for (const name of fixtures) {
      const text = fixtureText(name);
      const plain = runText(name, text);
      const windows = runText(name, `\uFEFF${text.replace(/\n/g, "\r\n")}`);
      assert.deepEqual(rows(windows), rows(plain), name);
      assert.deepEqual(windows.warnings, plain.warnings, name);
    }
  });

  it("gives only valid, normalised SPDX expressions, matcher names and line ranges", () => {
    for (const name of fixtures) {
      const text = fixtureText(name);
      const lineCount = text.split("\n").length;
      for (const m of runText(name, text).matches) {
        assert.ok(m.matcher === "manifest" || m.matcher === "reuse", name);
        assert.ok(m.score > 0 && m.score <= 1, name);
        assert.ok(1 <= m.lines[0] && m.lines[0] <= m.lines[1] && m.lines[1] <= lineCount, name);
        assert.doesNotMatch(m.spdx, /^\(|\)$|\s{2}/, name);
      }
    }
  });

  it("trims surrounding whitespace in values without lowering the score", () => {
    assert.deepEqual(rows(runText("package.json", '{"license": "  MIT\\t"}')), [["MIT", 1, 1, 1]]);
    assert.deepEqual(rows(runText("Cargo.toml", '[package]\nlicense = " Apache-2.0 "\n')), [
      ["Apache-2.0", 1, 2, 2],
    ]);
  });

  it("reads a 10 MB package.json whose licence comes last", () => {
    const deps = Array.from({ length: 200_000 }, (_, i) => `"dependency-number-${i}": "^1.0.${i}"`);
    const text = `{\n"name": "huge",\n"dependencies": {${deps.join(",\n")}},\n"description": "${"x".repeat(4_000_000)}",\n"license": "ISC"\n}\n`;
    assert.ok(text.length > 10_000_000);
    const run = runText("package.json", text);
    assert.deepEqual(rows(run), [["ISC", 1, 200_004, 200_004]]);
  });

  it("survives deep nesting in JSON, TOML and XML", () => {
    const depth = 100_000;
    const json = runText(
      "package.json",
      `{"x": ${"[".repeat(depth)}${"]".repeat(depth)}, "license": "MIT"}`,
    );
    assert.deepEqual(rows(json), [["MIT", 1, 1, 1]]);
    const toml = runText(
      "Cargo.toml",
      `[package]\nlicense = "MIT"\nx = ${"[".repeat(depth)}${"]".repeat(depth)}\n`,
    );
    assert.deepEqual(toml.matches, []);
    assert.match(toml.warnings[0]!, /not valid TOML/);
    const xml = runText(
      "pom.xml",
      `<project>${"<a>".repeat(depth)}${"</a>".repeat(depth)}<licenses><license><name>MIT</name></license></licenses></project>`,
    );
    assert.deepEqual(rows(xml), [["MIT", 1, 1, 1]]);
  });

  it("stays linear on hostile text (unclosed comments, endless quotes, comment markers)", () => {
    const many = 200_000;
    const pom = runText("pom.xml", "<!--".repeat(many));
    assert.match(pom.warnings[0]!, /comment is never closed/);
    const gem = runText("x.gemspec", `s.license = "MIT"\n${' # "'.repeat(many)}\n`);
    assert.deepEqual(rows(gem), [["MIT", 1, 1, 1]]);
    const cfg = runText("setup.cfg", `[metadata]\nlicense = ${"a ".repeat(many)}\n`);
    assert.deepEqual(cfg.matches, []);
    assert.equal(cfg.warnings.length, 1);
    assert.ok(cfg.warnings[0]!.length < 400, "a long value is cut short in the message");
  });

  it("turns a value of the wrong shape into a warning, not a throw", () => {
    const warnings: string[] = [];
    const matches = manifestMatcher(
      { path: "package.json", text: '{"licenses": [{"type": {"nested": true}}]}' },
      { warn: (w) => warnings.push(w) },
    );
    assert.deepEqual(matches, []);
    assert.equal(warnings.length, 1);
  });
});
