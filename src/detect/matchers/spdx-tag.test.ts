import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Match } from "../types.ts";
import { spdxTagMatcher, tagValue } from "./spdx-tag.ts";

function run(text: string, path = "file.c"): { matches: Match[]; warnings: string[] } {
  const warnings: string[] = [];
  const matches = spdxTagMatcher({ path, text }, { warn: (w) => warnings.push(w) });
  return { matches, warnings };
}

describe("SPDX-License-Identifier tags", () => {
  // Lines as they appear in real projects (Linux kernel, U-Boot, Zephyr, Rust crates, Python, web).
  const cases: [string, string][] = [
    ["// SPDX-License-Identifier: GPL-2.0", "GPL-2.0-only"],
    ["/* SPDX-License-Identifier: GPL-2.0+ */", "GPL-2.0-or-later"],
    [
      "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */",
      "GPL-2.0-only WITH Linux-syscall-note",
    ],
    ["// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)", "GPL-2.0-only OR BSD-2-Clause"],
    ["# SPDX-License-Identifier: Apache-2.0", "Apache-2.0"],
    ["-- SPDX-License-Identifier: MIT", "MIT"],
    ["<!-- SPDX-License-Identifier: CC-BY-4.0 -->", "CC-BY-4.0"],
    ["<!--SPDX-License-Identifier: CC-BY-4.0-->", "CC-BY-4.0"],
    ["; SPDX-License-Identifier: MIT OR Apache-2.0", "MIT OR Apache-2.0"],
    ['  "SPDX-License-Identifier: MPL-2.0",', "MPL-2.0"],
    [".. SPDX-License-Identifier: GPL-2.0-only OR MIT", "GPL-2.0-only OR MIT"],
    ["% SPDX-License-Identifier: LPPL-1.3c", "LPPL-1.3c"],
    [
      "(* SPDX-License-Identifier: LGPL-2.1-or-later WITH OCaml-LGPL-linking-exception *)",
      "LGPL-2.1-or-later WITH OCaml-LGPL-linking-exception",
    ],
    ["// spdx-license-identifier: mit", "MIT"],
    [
      "// SPDX-License-Identifier: (Apache-2.0 OR MIT) AND BSD-3-Clause",
      "(Apache-2.0 OR MIT) AND BSD-3-Clause",
    ],
    ["// SPDX-License-Identifier: LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0"],
  ];
  for (const [line, expected] of cases) {
    it(`reads ${line}`, () => {
      const { matches, warnings } = run(`#include <x.h>\n${line}\nint main(void);\n`);
      assert.deepEqual(warnings, []);
      assert.equal(matches.length, 1);
      assert.equal(matches[0]!.spdx, expected);
      assert.deepEqual(matches[0]!.lines, [2, 2]);
      assert.equal(matches[0]!.matcher, "spdx-tag");
    });
  }

  it("finds several tags and reports an invalid one as a warning", () => {
    const { matches, warnings } = run(
      "// SPDX-License-Identifier: MIT\n\n// SPDX-License-Identifier: GPL-2 or whatever\n// SPDX-License-Identifier: BSD-3-Clause\n",
    );
    assert.deepEqual(
      matches.map((m) => [m.spdx, m.lines[0]]),
      [
        ["MIT", 1],
        ["BSD-3-Clause", 4],
      ],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /line 3: .*not a valid SPDX expression/);
  });

  it("finds nothing where there is no tag", () => {
    assert.deepEqual(run("int x = 1; // SPDX rocks\n").matches, []);
  });

  it("strips trailing comment syntax but not the expression", () => {
    assert.equal(tagValue(" GPL-2.0+ */"), "GPL-2.0+");
    assert.equal(tagValue(' MIT", '), "MIT");
    assert.equal(tagValue(" MIT // see LICENSE"), "MIT");
  });
});

describe("licence files that consist of an SPDX expression", () => {
  const spdx = (text: string, path: string) => run(text, path).matches.map((m) => m.spdx);

  it("reads a LICENSE that says only the expression, as a tag without the keyword", () => {
    assert.deepEqual(spdx("MIT\n", "LICENSE"), ["MIT"]);
    assert.deepEqual(spdx("Apache-2.0 OR MIT\n", "pkg/LICENSE.txt"), ["Apache-2.0 OR MIT"]);
    assert.deepEqual(spdx("GPL-2.0+\n", "COPYING"), ["GPL-2.0-or-later"]);
    assert.deepEqual(spdx("\uFEFFMIT\r\n\r\nCopyright (c) 2020 Jane Doe\r\n", "LICENCE.md"), [
      "MIT",
    ]);
    const [m] = run("\n\nISC\n", "LICENSE").matches;
    assert.deepEqual(m?.lines, [3, 3]);
  });

  it("reads nothing when the file says more, is not a licence file, or names no SPDX licence", () => {
    assert.deepEqual(spdx("MIT\nISC\n", "LICENSE"), []);
    assert.deepEqual(spdx("MIT\n", "README"), []);
    assert.deepEqual(spdx("MIT\n", "license.js"), []);
    assert.deepEqual(spdx("GNU-AGPL-3.0.txt\n", "LICENSE"), []);
    assert.deepEqual(spdx("Proprietary\n", "LICENSE"), []);
    assert.deepEqual(spdx("Copyright (c) 2020 Jane Doe\n", "LICENSE"), []);
    assert.deepEqual(spdx(`MIT\n${" ".repeat(300)}\n`, "LICENSE"), []);
  });
});
