import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseIni } from "./setup-cfg.ts";
import { rows, runFixture, runText } from "./testing.node.ts";

describe("setup.cfg", () => {
  it("reads [metadata] license (cachetools, pyasn1)", () => {
    assert.deepEqual(rows(runFixture("setup-cfg/cachetools/setup.cfg")), [["MIT", 1, 7, 7]]);
    const pyasn1 = runFixture("setup-cfg/pyasn1/setup.cfg");
    assert.deepEqual(rows(pyasn1), [["BSD-2-Clause", 1, 7, 7]]);
    assert.deepEqual(
      pyasn1.warnings,
      [],
      "the BSD License classifier is not consulted when license is clear",
    );
  });

  it("prefers license_expression over license", () => {
    const run = runFixture("setup-cfg/license-expression/setup.cfg");
    assert.deepEqual(rows(run), [["MIT", 1, 8, 8]]);
  });

  it("warns about a vague license and uses the classifier instead (chardet: LGPL, LGPLv2+)", () => {
    const run = runFixture("setup-cfg/chardet/setup.cfg");
    assert.deepEqual(rows(run), [["LGPL-2.0-or-later", 0.9, 20, 20]]);
    assert.equal(run.warnings.length, 1);
    assert.match(
      run.warnings[0]!,
      /line 11: \[metadata\] license "LGPL" does not say which licence/,
    );
  });

  it("reads pbr's 'classifier' key and warns about BSD License (mock)", () => {
    const run = runFixture("setup-cfg/mock/setup.cfg");
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /line 12: classifier .*BSD License/);
  });

  it("keeps the Apache classifier and names the vague parts (cryptography 35)", () => {
    const run = runFixture("setup-cfg/cryptography/setup.cfg");
    assert.deepEqual(rows(run), [["Apache-2.0", 0.8, 19, 19]]);
    assert.equal(run.warnings.length, 2);
    assert.match(run.warnings[0]!, /line 7: .*"BSD" could be BSD-2-Clause/);
    assert.match(run.warnings[1]!, /line 20: classifier .*BSD License/);
  });

  it("parses configparser syntax: ':' separators, continuations, comments, dashed keys", () => {
    const ini = parseIni(
      "# top\n[Metadata]\nauthor-email: a@b\nclassifiers =\n  One\n  ; a comment\n  Two\n",
    );
    const meta = ini.get("metadata")!;
    assert.deepEqual(
      meta.get("author_email")?.parts.map((p) => p.text),
      ["a@b"],
    );
    assert.deepEqual(meta.get("classifiers")?.parts, [
      { text: "One", line: 5 },
      { text: "Two", line: 7 },
    ]);
    assert.deepEqual(meta.get("classifiers")?.lines, [4, 7]);
  });

  it("leaves a licence text in license alone, with a warning", () => {
    const text =
      "[metadata]\nname = x\nlicense = Copyright (c) 2011 Someone\n    All rights reserved.\n    Redistribution and use in source and binary forms\n";
    const run = runText("setup.cfg", text);
    assert.deepEqual(run.matches, []);
    assert.match(run.warnings[0]!, /holds a licence text/);
  });
});
