import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isLicenseFileName, labelOf } from "./npm-labels.ts";

test("licence file names", () => {
  for (const name of [
    "LICENSE",
    "LICENCE.md",
    "license.txt",
    "COPYING",
    "COPYING.LESSER",
    "UNLICENSE",
    "LICENSE-MIT",
    "MIT-LICENSE.txt",
    "LICENSE.APACHE2",
    "Copyright",
  ]) {
    assert.equal(isLicenseFileName(name), true, name);
  }
  for (const name of [
    "license.js",
    "licenses.json",
    "index.d.ts",
    "README.md",
    "package.json",
    "license-checker.js",
  ]) {
    assert.equal(isLicenseFileName(name), false, name);
  }
});

test("labels from real package.json files", () => {
  const pkg = (name: string) =>
    JSON.parse(
      readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), "utf8"),
    );
  const yaml = labelOf(pkg("yaml"));
  assert.deepEqual(yaml, { ok: true, expression: "ISC", alternatives: [] });
  const ids = labelOf(pkg("spdx-license-ids"));
  assert.deepEqual(ids, { ok: true, expression: "CC0-1.0", alternatives: [] });
});

test("OR labels list their alternatives; unusable labels say why", () => {
  assert.deepEqual(labelOf({ license: "(MIT OR Apache-2.0)" }), {
    ok: true,
    expression: "MIT OR Apache-2.0",
    alternatives: ["MIT", "Apache-2.0"],
  });
  assert.deepEqual(labelOf({ license: "MIT AND Zlib" }), {
    ok: true,
    expression: "MIT AND Zlib",
    alternatives: [],
  });
  assert.deepEqual(labelOf({ license: "GPL-2.0+" }), {
    ok: true,
    expression: "GPL-2.0-or-later",
    alternatives: [],
  });
  assert.deepEqual(labelOf({ license: "SEE LICENSE IN LICENSE.md" }), {
    ok: false,
    reason: "not an SPDX expression",
  });
  assert.deepEqual(labelOf({ license: "UNLICENSED" }), {
    ok: false,
    reason: "not an SPDX expression",
  });
  assert.deepEqual(labelOf({ license: { type: "MIT" } }), {
    ok: false,
    reason: "license not a string",
  });
  assert.deepEqual(labelOf({}), { ok: false, reason: "no license field" });
  assert.deepEqual(labelOf({ license: "LicenseRef-Proprietary" }), {
    ok: false,
    reason: "LicenseRef",
  });
});
