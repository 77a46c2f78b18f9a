import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { detectText } from "../detect.ts";
import { licenceIndex } from "../licences/index.ts";
import { findTexts, textMatcher } from "./text.ts";

const require = createRequire(import.meta.url);
/** The SPDX licence texts as the spdx-license-list package ships them (plain, no markup). */
const SPDX: Record<string, { licenseText: string }> = require("spdx-license-list/full");
const FIXTURES = new URL("./fixtures/texts/", import.meta.url);

const text = (id: string) => {
  const t = SPDX[id]?.licenseText;
  if (!t) throw new Error(`no SPDX text for ${id}`);
  return t;
};
const ids = (t: string) =>
  textMatcher({ path: "LICENSE", text: t }, { warn() {} }).map((m) => m.spdx);

describe("full licence texts", () => {
  it("names every licence and exception text on the SPDX list", () => {
    const index = licenceIndex();
    const group = new Map<string, string[]>();
    for (const e of index.entries) for (const id of e.ids) group.set(id, e.ids);
    // Pairs whose plain texts differ only inside what the SPDX templates mark as
    // variable or optional: the text alone cannot tell them apart.
    const indistinguishable: Record<string, string> = {
      "OFL-1.1-no-RFN": "OFL-1.1", // differs only in the optional Reserved Font Name line
      "SHL-0.51": "SHL-0.5", // 0.51 is 0.5 with one sentence added; the plain texts differ by little more
      "SHL-0.5": "SHL-0.51",
      "MPL-2.0-no-copyleft-exception": "MPL-2.0", // differs in Exhibit B, a notice the text may omit
      "OLDAP-2.3": "OLDAP-2.2.2",
    };
    const wrong: string[] = [];
    let checked = 0;
    for (const [id, { licenseText }] of Object.entries(SPDX)) {
      if (!group.has(id)) continue; // deprecated ids, absent from the current list
      checked++;
      const found = findTexts(licenseText).map((a) => a.entry.id);
      // A GNU text alone does not say "or later": the -only id is expected for both.
      const expected = new Set([...group.get(id)!, id.replace(/-or-later$/, "-only")]);
      const ok =
        found.length === 1 && (expected.has(found[0]!) || indistinguishable[id] === found[0]);
      if (!ok) wrong.push(`${id} -> ${found.join(", ") || "nothing"}`);
    }
    assert.ok(checked > 650, `only ${checked} texts checked`);
    assert.deepEqual(wrong, []);
  });

  describe("real licence files from npm packages", () => {
    for (const expected of readdirSync(FIXTURES)) {
      for (const file of readdirSync(new URL(`${expected}/`, FIXTURES))) {
        it(`${expected}: ${file}`, () => {
          const body = readFileSync(new URL(`${expected}/${file}`, FIXTURES), "utf8");
          assert.equal(detectText(file, body).expression, expected);
        });
      }
    }
  });

  it("finds each copy of a licence repeated for bundled parts, with its own lines", () => {
    const body = readFileSync(new URL("MIT/img-colour--4-copies.md", FIXTURES), "utf8");
    const matches = textMatcher({ path: "LICENSE.md", text: body }, { warn() {} });
    assert.deepEqual(
      matches.map((m) => m.spdx),
      ["MIT", "MIT", "MIT", "MIT"],
    );
    // Each match holds its own copy: from its copyright or permission line to its last line.
    const lines = body.split("\n");
    const permission = lines.flatMap((l, i) =>
      l.startsWith("Permission is hereby granted") ? [i + 1] : [],
    );
    const last = lines.flatMap((l, i) => (/DEALINGS IN THE SOFTWARE\.$/.test(l) ? [i + 1] : []));
    const spans = matches.map((m) => m.lines).sort((a, b) => a[0] - b[0]);
    spans.forEach(([from, to], k) => {
      assert.ok(
        from <= permission[k]! && from >= permission[k]! - 3,
        `copy ${k} starts at ${from}`,
      );
      assert.equal(to, last[k]);
    });
  });

  it("finds every copy when a file bundles more than one alignment returns", () => {
    // Bundlers (vite, rollup, sass) write one LICENSE with the texts of all the
    // packages they bundle: vite's holds 66 MIT texts.
    const copies = Array.from(
      { length: 40 },
      (_, k) =>
        `## package-${k}\nLicense: MIT\nBy: Author ${k}\n\nCopyright (c) ${1990 + k} Author ${k}\n\n${text("MIT")}`,
    );
    const body = copies.join("\n\n---------------------------------------\n\n");
    const matches = textMatcher({ path: "LICENSE.md", text: body }, { warn() {} });
    assert.equal(matches.filter((m) => m.spdx === "MIT" && m.score === 1).length, 40);
    assert.equal(new Set(matches.map((m) => m.lines[0])).size, matches.length);
  });
});

describe("what real files do to licence texts", () => {
  const cases: [string, (t: string) => string][] = [
    [
      "a C block comment",
      (t) =>
        `/*\n${t
          .split("\n")
          .map((l) => ` * ${l}`)
          .join("\n")}\n */\nint main(void) { return 0; }\n`,
    ],
    [
      "a shell comment",
      (t) =>
        `#!/bin/sh\n${t
          .split("\n")
          .map((l) => `# ${l}`)
          .join("\n")}\necho ok\n`,
    ],
    [
      "line comments after code",
      (t) =>
        `import x from "y";\n\n${t
          .split("\n")
          .map((l) => `// ${l}`)
          .join("\n")}\n`,
    ],
    ["re-wrapped at 40 columns", (t) => rewrap(t, 40)],
    ["one line per paragraph", (t) => t.replace(/([^\n])\n(?=[^\n])/g, "$1 ")],
    [
      "Markdown with a title and emphasis",
      (t) =>
        `# License\n\n**Copyright (c) 2024 The Authors**\n\n${t.replace(/THE SOFTWARE/g, "*THE SOFTWARE*")}`,
    ],
    [
      "a preamble and copyright lines",
      (t) =>
        `This project is released under the following terms.\n\nCopyright 2019-2024 Jane Doe <jane@example.org>\nCopyright 2018 Other Contributor\n\n${t}`,
    ],
    ["CRLF line ends", (t) => t.replace(/\n/g, "\r\n")],
  ];
  for (const id of ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "GPL-3.0-only", "BSD-2-Clause"]) {
    for (const [name, transform] of cases) {
      it(`${id} in ${name}`, () => assert.deepEqual(ids(transform(text(id))), [id]));
    }
  }

  it("reads bullets and numbering however they are written", () => {
    const bsd = text("BSD-3-Clause")
      .replace(/^1\. /m, "  * ")
      .replace(/^2\. /m, "  (b) ")
      .replace(/^3\. /m, "  iii) ");
    assert.deepEqual(ids(bsd), ["BSD-3-Clause"]);
  });

  it("accepts the Materials variant of MIT (Khronos)", () => {
    const materials = text("MIT")
      .replace(/Software/g, "Materials")
      .replace(/SOFTWARE IS/g, "MATERIALS ARE")
      .replace(/SOFTWARE/g, "MATERIALS");
    assert.deepEqual(ids(materials), ["MIT"]);
  });

  it("accepts British spellings and other SPDX equivalent words", () => {
    const british = text("Apache-2.0")
      .replace(/license/g, "licence")
      .replace(/License/g, "Licence");
    assert.deepEqual(ids(british), ["Apache-2.0"]);
  });

  it("keeps the trailing appendix of Apache-2.0 and END OF TERMS inside the match", () => {
    const full = text("Apache-2.0");
    const withoutAppendix = full.slice(0, full.indexOf("END OF TERMS AND CONDITIONS") + 28);
    assert.deepEqual(ids(withoutAppendix), ["Apache-2.0"]);
    const [m] = textMatcher({ path: "LICENSE", text: full }, { warn() {} });
    assert.equal(m!.lines[1], full.trimEnd().split("\n").length);
  });
});

describe("close relatives", () => {
  const pairs: [string, string][] = [
    ["BSD-2-Clause", "BSD-3-Clause"],
    ["BSD-3-Clause", "BSD-4-Clause"],
    ["0BSD", "ISC"],
    ["MIT", "MIT-0"],
    ["GPL-2.0-only", "GPL-3.0-only"],
    ["LGPL-2.1-only", "LGPL-3.0-only"],
    ["GPL-3.0-only", "AGPL-3.0-only"],
    ["LGPL-2.0-only", "LGPL-2.1-only"],
    ["Apache-1.1", "Apache-2.0"],
    ["Apache-1.0", "Apache-1.1"],
    ["BlueOak-1.0.0", "MIT"],
    ["MPL-1.1", "MPL-2.0"],
    ["EPL-1.0", "EPL-2.0"],
    ["CC-BY-4.0", "CC-BY-SA-4.0"],
    ["X11", "MIT"],
  ];
  for (const [a, b] of pairs) {
    it(`tells ${a} from ${b}`, () => {
      assert.deepEqual(ids(text(a)), [a]);
      assert.deepEqual(ids(text(b)), [b]);
    });
  }
});

describe("several licences in one file", () => {
  it("finds concatenated texts with their line ranges and ANDs them", () => {
    const mit = text("MIT");
    const body = `${mit}\n\n---\n\n${text("Apache-2.0")}`;
    const d = detectText("LICENSE", body);
    assert.deepEqual(
      d.matches.map((m) => m.spdx),
      ["MIT", "Apache-2.0"],
    );
    const mitLines = mit.split("\n").length;
    assert.ok(d.matches[0]!.lines[1] <= mitLines);
    assert.ok(d.matches[1]!.lines[0] > mitLines);
    assert.equal(d.expression, "Apache-2.0 AND MIT");
  });

  it("attaches an exception text to the licence it follows (OpenJDK's LICENSE)", () => {
    const body = readFileSync(
      new URL("GPL-2.0-only WITH Classpath-exception-2.0/openjdk", FIXTURES),
      "utf8",
    );
    const d = detectText("LICENSE", body);
    assert.deepEqual(
      d.matches.map((m) => [m.spdx, m.matcher]),
      [
        ["GPL-2.0-only", "text"],
        ["Classpath-exception-2.0", "text"],
      ],
    );
    assert.ok(d.matches[0]!.lines[1] < d.matches[1]!.lines[0]);
  });
});

describe("no false texts", () => {
  it("finds nothing in source code that only mentions a licence", () => {
    const code = readFileSync(new URL("../expression.ts", import.meta.url), "utf8");
    assert.deepEqual(ids(code), []);
    assert.deepEqual(
      ids("This package is MIT licensed. See LICENSE for the permission notice and warranty."),
      [],
    );
  });

  it("finds nothing in a text that has the right words in the wrong order", () => {
    const words = text("MIT").split(/\s+/);
    words.sort();
    assert.deepEqual(ids(words.join(" ")), []);
  });

  it("names a licence cut short after its first half, with a low score", () => {
    const zpl = text("ZPL-2.1");
    const cut = zpl.slice(0, Math.floor(zpl.length * 0.65));
    const [m, ...rest] = textMatcher({ path: "COPYING", text: cut }, { warn() {} });
    assert.equal(m?.spdx, "ZPL-2.1");
    assert.ok(m!.score < 0.8 && m!.score >= 0.5, `score ${m!.score}`);
    assert.deepEqual(rest, []);
  });

  it("does not name a licence whose text adds a clause to it (MIT's condition inside MIT-testregex)", () => {
    // wcwidth's LICENSE (npm; Debian quotes the same text for jansson): the MIT
    // grant and its notice condition, then a BSD disclaimer. No SPDX licence
    // has that text; MIT-testregex is the same words without the condition, so
    // naming it would drop an obligation. Nor is the BSD disclaimer at its end
    // a BSD licence cut short: a cut text keeps its opening.
    const body = readFileSync(
      new URL("../unnamed/mit-grant-bsd-disclaimer--wcwidth", FIXTURES),
      "utf8",
    );
    assert.deepEqual(ids(body), []);
    // The same text without the inserted condition is MIT-testregex's.
    const withoutCondition = body.replace(
      /\n\nThe above copyright notice[\s\S]*?portions of the Software\./,
      "",
    );
    assert.notEqual(withoutCondition, body);
    assert.deepEqual(ids(withoutCondition.replace("conditions:", "disclaimer:")), [
      "MIT-testregex",
    ]);
  });

  it("does not name a licence from its disclaimer alone", () => {
    for (const id of ["BSD-3-Clause", "MIT", "ISC"]) {
      const t = text(id);
      const disclaimer = t.slice(t.search(/THIS SOFTWARE IS PROVIDED|THE SOFTWARE IS PROVIDED/i));
      assert.ok(disclaimer.length > 200 && disclaimer.length < t.length, id);
      assert.deepEqual(ids(`Copyright (c) 2020 Someone\n\n${disclaimer}`), [], id);
    }
  });

  it("does not name a licence from a fragment of it", () => {
    const apache = text("Apache-2.0");
    assert.deepEqual(ids(apache.slice(0, Math.floor(apache.length / 3))), []);
  });
});

function rewrap(t: string, width: number): string {
  return t
    .split(/\n\s*\n/)
    .map((para) => {
      const out: string[] = [];
      let line = "";
      for (const w of para.split(/\s+/).filter(Boolean)) {
        if (line && line.length + w.length + 1 > width) {
          out.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) out.push(line);
      return out.join("\n");
    })
    .join("\n\n");
}
