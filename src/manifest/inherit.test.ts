import assert from "node:assert/strict";
import { test } from "node:test";
import { type Carrier, dirOf, resolveInheritance } from "./inherit.ts";

// Shaped like a real checkout: the project's licence at the top, a Rust crate
// dual-licensed the way rust-lang crates are, vendored npm packages.
const carriers: Carrier[] = [
  { project: "app", path: "LICENSE", licence: "Apache-2.0", role: "licence-file" },
  {
    project: "app",
    path: "crates/regex/Cargo.toml",
    licence: "MIT OR Apache-2.0",
    role: "manifest",
  },
  { project: "app", path: "crates/regex/LICENSE-MIT", licence: "MIT", role: "licence-file" },
  {
    project: "app",
    path: "crates/regex/LICENSE-APACHE",
    licence: "Apache-2.0",
    role: "licence-file",
  },
  { project: "app", path: "node_modules/yaml/package.json", licence: "ISC", role: "manifest" },
  {
    project: "app",
    path: "node_modules/@types/node/LICENSE",
    licence: "MIT",
    role: "licence-file",
  },
  { project: "other", path: "COPYING", licence: "GPL-3.0-or-later", role: "licence-file" },
];

const find = (project: string, dir: string) =>
  resolveInheritance(carriers, [{ project, dir }])[0] ?? null;

test("a file inherits from the nearest carrier above it", () => {
  assert.deepEqual(find("app", "src/util"), {
    project: "app",
    dir: "src/util",
    licence: "Apache-2.0",
    from: "LICENSE",
  });
  assert.equal(find("app", "")?.licence, "Apache-2.0");
  assert.equal(find("app", "node_modules/yaml/dist/compose")?.licence, "ISC");
  assert.equal(
    find("app", "node_modules/@types/node/fs")?.from,
    "node_modules/@types/node/LICENSE",
  );
});

test("a manifest's stated choice absorbs the licence texts beside it", () => {
  const got = find("app", "crates/regex/src");
  assert.equal(got?.licence, "Apache-2.0 OR MIT");
  assert.equal(
    got?.from,
    "crates/regex/Cargo.toml, crates/regex/LICENSE-APACHE, crates/regex/LICENSE-MIT",
  );
});

test("licence files in one directory with no stated choice are ANDed", () => {
  const two: Carrier[] = [
    { project: "p", path: "LICENSE", licence: "MIT", role: "licence-file" },
    { project: "p", path: "COPYING.LESSER", licence: "LGPL-3.0-or-later", role: "licence-file" },
  ];
  assert.equal(
    resolveInheritance(two, [{ project: "p", dir: "src" }])[0]?.licence,
    "LGPL-3.0-or-later AND MIT",
  );
});

test("no climbing out of a vendored package, nor into another project", () => {
  // node_modules/left-pad has no carrier: the app's Apache-2.0 must not reach it.
  assert.equal(find("app", "node_modules/left-pad/lib"), null);
  assert.equal(find("app", "node_modules/@scope/pkg"), null);
  assert.equal(find("third", "src"), null);
  assert.equal(find("other", "src")?.licence, "GPL-3.0-or-later");
});

test("dirOf", () => {
  assert.equal(dirOf("a/b/c.js"), "a/b");
  assert.equal(dirOf("c.js"), "");
});
