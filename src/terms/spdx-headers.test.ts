import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { detectText } from "../detect/detect.ts";
import { TGPL_OR_LATER } from "./ids.ts";
import { commentStyle, withSpdxHeader } from "./spdx-headers.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/sources/${name}`, import.meta.url), "utf8");

describe("SPDX headers", () => {
  it("adds a header to a real file that declares no licence (ms/index.js), and the detector then reads it", () => {
    const r = withSpdxHeader("index.js", fixture("ms-index.js"), TGPL_OR_LATER);
    assert.equal(r.changed, true);
    if (!r.changed) return;
    assert.ok(r.text.startsWith(`// SPDX-License-Identifier: ${TGPL_OR_LATER}\n/**\n * Helpers.`));
    assert.equal(detectText("index.js", r.text).expression, TGPL_OR_LATER);
  });

  it("never touches a real file that declares a licence (bytes/index.js: 'MIT Licensed')", () => {
    assert.deepEqual(withSpdxHeader("index.js", fixture("bytes-index.js"), TGPL_OR_LATER), {
      changed: false,
      reason: "declares-licence",
    });
    assert.equal(
      withSpdxHeader("a.ts", "// SPDX-License-Identifier: MIT\nexport {};\n", TGPL_OR_LATER)
        .changed,
      false,
    );
  });

  it("keeps a Python docstring file's text and puts the header first", () => {
    const r = withSpdxHeader("usedoctest.py", fixture("lxml-usedoctest.py"), TGPL_OR_LATER);
    assert.equal(r.changed && r.text.split("\n")[0], `# SPDX-License-Identifier: ${TGPL_OR_LATER}`);
  });

  it("keeps shebangs, encoding lines, XML prologs and PHP tags first", () => {
    const sh = withSpdxHeader("run.sh", "#!/bin/sh\necho hi\n", TGPL_OR_LATER);
    assert.equal(
      sh.changed && sh.text,
      `#!/bin/sh\n# SPDX-License-Identifier: ${TGPL_OR_LATER}\necho hi\n`,
    );
    const py = withSpdxHeader(
      "a.py",
      "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n",
      TGPL_OR_LATER,
    );
    assert.equal(
      py.changed && py.text.split("\n")[2],
      `# SPDX-License-Identifier: ${TGPL_OR_LATER}`,
    );
    const xml = withSpdxHeader("a.xml", '<?xml version="1.0"?>\n<a/>\n', TGPL_OR_LATER);
    assert.equal(
      xml.changed && xml.text.split("\n")[1],
      `<!-- SPDX-License-Identifier: ${TGPL_OR_LATER} -->`,
    );
    const php = withSpdxHeader("a.php", "<?php\necho 1;\n", TGPL_OR_LATER);
    assert.equal(
      php.changed && php.text.split("\n")[1],
      `// SPDX-License-Identifier: ${TGPL_OR_LATER}`,
    );
    const crlf = withSpdxHeader("a.c", "int x;\r\n", TGPL_OR_LATER);
    assert.equal(
      crlf.changed && crlf.text,
      `// SPDX-License-Identifier: ${TGPL_OR_LATER}\r\nint x;\r\n`,
    );
  });

  it("skips files without a comment syntax, minified files and empty files", () => {
    assert.equal(commentStyle("README.md"), null);
    assert.equal(commentStyle("data.json"), null);
    assert.equal(commentStyle("app.min.js"), null);
    assert.deepEqual(commentStyle("Makefile"), { open: "#" });
    assert.deepEqual(commentStyle("style.css"), { open: "/*", close: "*/" });
    assert.deepEqual(withSpdxHeader("a.js", "  \n", TGPL_OR_LATER), {
      changed: false,
      reason: "empty",
    });
  });
});
