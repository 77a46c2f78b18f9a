import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rows, runFixture, runText } from "./testing.node.ts";

describe("pyproject.toml", () => {
  it("reads a PEP 639 expression (gyp-next, numpy 2.3)", () => {
    const gyp = runFixture("pyproject/gyp-next/pyproject.toml");
    assert.deepEqual(rows(gyp), [["BSD-3-Clause", 1, 13, 13]]);
    assert.deepEqual(gyp.warnings, []);
    assert.deepEqual(rows(runFixture("pyproject/numpy/pyproject.toml")), [
      ["BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", 1, 16, 16],
    ]);
  });

  it("reads license = {text = ...} as an expression and ignores the classifier then (requests)", () => {
    const run = runFixture("pyproject/requests/pyproject.toml");
    assert.deepEqual(rows(run), [["Apache-2.0", 1, 9, 9]]);
    assert.deepEqual(run.warnings, []);
  });

  it("maps a licence name in {text} as a guess (argcomplete: Apache Software License)", () => {
    const run = runFixture("pyproject/argcomplete/pyproject.toml");
    assert.deepEqual(rows(run), [["Apache-2.0", 0.8, 10, 10]]);
  });

  it("falls back to the classifier when license points at a file (pyparsing)", () => {
    const run = runFixture("pyproject/pyparsing/pyproject.toml");
    assert.deepEqual(rows(run), [["MIT", 0.9, 16, 16]]);
    assert.equal(run.warnings.length, 1);
    assert.match(
      run.warnings[0]!,
      /line 9: \[project\] license\.file = "LICENSE" points at a file/,
    );
  });

  it("reads classifiers alone (urllib3) and warns about a vague one (idna: BSD License)", () => {
    assert.deepEqual(rows(runFixture("pyproject/urllib3/pyproject.toml")), [["MIT", 0.9, 23, 23]]);
    const idna = runFixture("pyproject/idna/pyproject.toml");
    assert.deepEqual(idna.matches, []);
    assert.equal(idna.warnings.length, 2);
    assert.match(
      idna.warnings[1]!,
      /line 17: classifier "License :: OSI Approved :: BSD License" does not say/,
    );
  });

  it("reads [tool.poetry] license (poetry-core)", () => {
    assert.deepEqual(rows(runFixture("pyproject/poetry/pyproject.toml")), [["MIT", 1, 6, 6]]);
  });

  it("ORs several classifiers as a guess and locates each", () => {
    const text = [
      "[project]",
      'name = "dual"',
      "classifiers = [",
      '  "Programming Language :: Python",',
      '  "License :: OSI Approved :: Apache Software License",',
      '  "License :: OSI Approved :: MIT License",',
      "]",
    ].join("\n");
    assert.deepEqual(rows(runText("pyproject.toml", text)), [["Apache-2.0 OR MIT", 0.8, 5, 6]]);
  });

  it("reads GPL classifiers: v2 as only (a guess), v2+ as or-later", () => {
    const text = (c: string) => `[project]\nname = "g"\nclassifiers = ["${c}"]\n`;
    assert.deepEqual(
      rows(
        runText(
          "pyproject.toml",
          text("License :: OSI Approved :: GNU General Public License v2 (GPLv2)"),
        ),
      ),
      [["GPL-2.0-only", 0.8, 3, 3]],
    );
    assert.deepEqual(
      rows(
        runText(
          "pyproject.toml",
          text("License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)"),
        ),
      ),
      [["GPL-2.0-or-later", 0.9, 3, 3]],
    );
  });

  it("leaves a pasted licence text alone, with a warning", () => {
    const text = `[project]\nname = "t"\nlicense = {text = """Copyright (c) 2020 Jane\n\nPermission is hereby granted, free of charge, to any person"""}\n`;
    const run = runText("pyproject.toml", text);
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /license\.text holds a licence text/);
  });

  it("warns on an invalid expression and on bad TOML", () => {
    const invalid = runText("pyproject.toml", '[project]\nlicense = "MIT OR"\n');
    assert.deepEqual(invalid.matches, []);
    assert.match(invalid.warnings[0]!, /line 2: \[project\] license "MIT OR" is neither/);
    assert.match(runText("pyproject.toml", "[project\nlicense = 1").warnings[0]!, /not valid TOML/);
  });
});
