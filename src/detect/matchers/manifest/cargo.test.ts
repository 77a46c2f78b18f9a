import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectText } from "../../detect.ts";
import { fixtureText, rows, runFixture, runText } from "./testing.node.ts";

describe("Cargo.toml", () => {
  it("reads [package] license (serde)", () => {
    const run = runFixture("cargo/serde/Cargo.toml");
    assert.deepEqual(rows(run), [["MIT OR Apache-2.0", 1, 12, 12]]);
    assert.deepEqual(run.warnings, []);
  });

  it("reads Cargo's old / as OR, scored lower (libc 0.2.20)", () => {
    const run = runFixture("cargo/libc-0.2.20/Cargo.toml");
    assert.deepEqual(rows(run), [["MIT OR Apache-2.0", 0.9, 6, 6]]);
    assert.deepEqual(run.warnings, []);
  });

  it("reads the package and the [workspace.package] licence with an exception (wasmtime)", () => {
    assert.deepEqual(rows(runFixture("cargo/wasmtime/Cargo.toml")), [
      ["Apache-2.0 WITH LLVM-exception", 1, 6, 6],
      ["Apache-2.0 WITH LLVM-exception", 1, 29, 29],
    ]);
  });

  it("points at license-file instead of guessing (ring 0.16.20)", () => {
    const run = runFixture("cargo/ring-0.16.20/Cargo.toml");
    assert.deepEqual(run.matches, []);
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0]!, /line 8: \[package\] license-file = "LICENSE" .*scan LICENSE/);
  });

  it("says where an inherited licence comes from (ruff member: license = { workspace = true })", () => {
    const run = runFixture("cargo/ruff-member/Cargo.toml");
    assert.deepEqual(run.matches, []);
    assert.match(
      run.warnings[0]!,
      /line 11: .*inherited from the workspace.*\[workspace\.package\]/,
    );
  });

  it("warns on broken TOML with its line", () => {
    const run = runFixture("cargo/bad/Cargo.toml");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /Cargo\.toml is not valid TOML at line 4/);
  });

  it("maps names joined by OR, scored as a guess", () => {
    const run = runText("Cargo.toml", '[package]\nname = "x"\nlicense = "MIT OR Apache 2"\n');
    assert.deepEqual(rows(run), [["MIT OR Apache-2.0", 0.8, 3, 3]]);
  });

  it("warns on an invalid expression and on a non-string licence", () => {
    const invalid = runText(
      "Cargo.toml",
      '[package]\nname = "x"\nlicense = "MIT OR Frobnicate-1.0"\n',
    );
    assert.deepEqual(invalid.matches, []);
    assert.match(
      invalid.warnings[0]!,
      /line 3: \[package\] license "MIT OR Frobnicate-1.0" is neither/,
    );
    const number = runText("Cargo.toml", "[package]\nlicense = 3\n");
    assert.match(number.warnings[0]!, /is not a string/);
  });

  it("finds a multi-line licence string's lines", () => {
    const run = runText(
      "Cargo.toml",
      '[package]\nname = "x"\nlicense = """\nMIT OR Apache-2.0"""\nedition = "2021"\n',
    );
    assert.deepEqual(rows(run), [["MIT OR Apache-2.0", 1, 3, 4]]);
  });

  it("gives the whole pipeline the declared expression (detectText)", () => {
    const detection = detectText("serde/Cargo.toml", fixtureText("cargo/serde/Cargo.toml"));
    assert.equal(detection.expression, "Apache-2.0 OR MIT");
    assert.ok(detection.matches.some((m) => m.matcher === "manifest" && m.lines[0] === 12));
    const libc = detectText("libc/Cargo.toml", fixtureText("cargo/libc-0.2.20/Cargo.toml"));
    assert.equal(libc.expression, "Apache-2.0 OR MIT");
    const ring = detectText("ring/Cargo.toml", fixtureText("cargo/ring-0.16.20/Cargo.toml"));
    assert.equal(ring.expression, null);
    assert.equal(ring.warnings?.length, 1);
  });
});
