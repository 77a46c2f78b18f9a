import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectText } from "../../detect.ts";
import { fixtureText, rows, runFixture, runText } from "./testing.node.ts";

describe("package.json", () => {
  it("reads an SPDX license field (smol-toml, busboy's legacy list)", () => {
    assert.deepEqual(rows(runFixture("npm/smol-toml/package.json")), [["BSD-3-Clause", 1, 11, 11]]);
    const busboy = runFixture("npm/busboy/package.json");
    assert.deepEqual(rows(busboy), [["MIT", 1, 20, 20]]);
    assert.equal(busboy.matches[0]!.matcher, "manifest");
  });

  it("prefers license over licenses when a package has both (apache-crypt)", () => {
    const run = runFixture("npm/apache-crypt/package.json");
    assert.deepEqual(rows(run), [["MIT", 1, 24, 24]]);
    assert.deepEqual(run.warnings, []);
  });

  it("maps a legacy type name (qrcode-terminal: Apache 2.0)", () => {
    assert.deepEqual(rows(runFixture("npm/qrcode-terminal/package.json")), [
      ["Apache-2.0", 0.9, 20, 22],
    ]);
  });

  it("ORs several legacy licences, as npm did (dojo)", () => {
    const run = runFixture("npm/dojo/package.json");
    assert.deepEqual(rows(run), [["AFL-2.1 OR BSD-3-Clause", 0.9, 9, 18]]);
    assert.deepEqual(run.warnings, []);
  });

  it("keeps what maps of a legacy list and warns about a bare BSD (json-schema 0.2.3)", () => {
    const run = runFixture("npm/json-schema/package.json");
    assert.deepEqual(rows(run), [["AFL-2.1", 0.9, 16, 25]]);
    assert.equal(run.warnings.length, 1);
    assert.match(
      run.warnings[0]!,
      /line 16: licenses type "BSD" does not say which licence.*BSD-2-Clause or BSD-3-Clause/,
    );
  });

  it("reads the license: {type, url} object, by URL when the type is vague", () => {
    const run = runFixture("npm/legacy-object/package.json");
    assert.deepEqual(rows(run), [["BSD-2-Clause", 0.9, 6, 9]]);
  });

  it("repairs what people write and scores it lower (Apache-2, MIT and ISC)", () => {
    assert.deepEqual(rows(runFixture("npm/pm2-js-api/package.json")), [
      ["Apache-2.0", 0.9, 30, 30],
    ]);
    assert.deepEqual(rows(runFixture("npm/visx-vendor/package.json")), [
      ["MIT AND ISC", 0.9, 17, 17],
    ]);
  });

  it("takes a parenthesised expression as clean (opener: (WTFPL OR MIT))", () => {
    assert.deepEqual(rows(runFixture("npm/opener/package.json")), [["WTFPL OR MIT", 1, 6, 6]]);
  });

  it("warns instead of guessing a BSD variant (gitconfiglocal)", () => {
    const run = runFixture("npm/gitconfiglocal/package.json");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /line 20: license "BSD" .*write the SPDX id/);
  });

  it("names the file for SEE LICENSE IN and records nothing (tinymce)", () => {
    const run = runFixture("npm/tinymce/package.json");
    assert.deepEqual(run.matches, []);
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0]!, /SEE LICENSE IN license\.md.*scan license\.md/);
  });

  it("keeps the SPDX side of 'MIT OR SEE LICENSE IN FEEL-FREE.md' (rgbcolor)", () => {
    const run = runFixture("npm/rgbcolor/package.json");
    assert.deepEqual(rows(run), [["MIT", 0.9, 12, 12]]);
    assert.match(run.warnings[0]!, /FEEL-FREE\.md/);
  });

  it("notes UNLICENSED and records no licence", () => {
    const run = runFixture("npm/unlicensed/package.json");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /line 5: license is "UNLICENSED".*no licence/);
  });

  it("turns bad JSON and a non-object into warnings", () => {
    const broken = runText("package.json", '{ "name": "x", "license": "MIT", }');
    assert.deepEqual(broken.matches, []);
    assert.match(broken.warnings[0]!, /package\.json is not valid JSON/);
    assert.match(runText("package.json", '["MIT"]').warnings[0]!, /no JSON object/);
  });

  it("warns about a license value of the wrong type", () => {
    const run = runText("package.json", '{"license": 42}');
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /holds 42/);
  });

  it("gives the whole pipeline the declared expression (detectText)", () => {
    const detection = detectText("pkg/opener/package.json", fixtureText("npm/opener/package.json"));
    assert.equal(detection.expression, "MIT OR WTFPL");
    const manifest = detection.matches.filter((m) => m.matcher === "manifest");
    assert.deepEqual(
      manifest.map((m) => m.spdx),
      ["WTFPL OR MIT"],
    );
    const dojo = detectText("dojo/package.json", fixtureText("npm/dojo/package.json"));
    assert.equal(dojo.expression, "AFL-2.1 OR BSD-3-Clause");
    const tinymce = detectText("tinymce/package.json", fixtureText("npm/tinymce/package.json"));
    assert.equal(tinymce.expression, null);
    assert.ok(tinymce.warnings?.some((w) => w.includes("license.md")));
  });
});
