import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { detectBytes, detectText } from "./detect.ts";
import { detectFile } from "./detect-file.node.ts";

const require = createRequire(import.meta.url);
const SPDX: Record<string, { licenseText: string }> = require("spdx-license-list/full");
const BSD2 = SPDX["BSD-2-Clause"]!.licenseText;

describe("detect: bad input gets a clear result, never a crash", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tgpl-detect-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("skips binary files", () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const d = detectBytes("logo.png", png);
    assert.equal(d.skipped, "binary");
    assert.equal(d.expression, null);
  });

  it("marks empty files", () => {
    assert.equal(detectBytes("empty", new Uint8Array()).skipped, "empty");
  });

  it("reads invalid UTF-8 as Latin-1 and still finds the licence", () => {
    const text = `Copyright (c) 2010 Felix B\u00f6hm\n\n${BSD2}`;
    const d = detectBytes("LICENSE", Buffer.from(text, "latin1"));
    assert.equal(d.expression, "BSD-2-Clause");
  });

  it("reads UTF-16 with a byte order mark", () => {
    const body = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`// SPDX-License-Identifier: MIT\n`, "utf16le"),
    ]);
    assert.equal(detectBytes("a.cs", body).expression, "MIT");
  });

  it("reads only the head of a 1 GB file, and says so", () => {
    const path = join(dir, "huge.c");
    writeFileSync(path, `/* SPDX-License-Identifier: Apache-2.0 */\n${"int x;\n".repeat(300_000)}`);
    const fd = openSync(path, "r+");
    writeSync(fd, "x", 1024 ** 3 - 1); // sparse: 1 GiB on paper, a few blocks on disk
    closeSync(fd);
    const d = detectFile(path, { maxBytes: 1 << 20 });
    assert.equal(d.expression, "Apache-2.0");
    assert.equal(d.bytesRead, 1 << 20);
    assert.match(d.warnings?.join("\n") ?? "", /only the first 1048576 of 1073741824 bytes/);
  });

  it("handles a single 10 MB line", () => {
    const line = `// SPDX-License-Identifier: MIT ${"license copyright x ".repeat(500_000)}`;
    const d = detectText("bundle.min.js", line);
    // The tag's value runs to the end of the 10 MB line: not an expression, said briefly.
    assert.equal(d.expression, null);
    assert.equal(d.warnings?.length, 1);
    assert.match(
      d.warnings![0]!,
      /^line 1: SPDX-License-Identifier "MIT license copyright x .{0,80}…" is not a valid/,
    );
    assert.ok(d.warnings![0]!.length < 300);
    assert.equal(
      detectText("bundle.min.js", `// SPDX-License-Identifier: MIT\n${line}`).expression,
      "MIT",
    );
  });

  it("gives an error record for a missing file, a directory and a FIFO", () => {
    assert.equal(detectFile(join(dir, "nope")).error?.code, "ENOENT");
    assert.match(detectFile(join(dir, "nope")).error?.message ?? "", /check the path/);
    assert.equal(detectFile(dir).error?.code, "EISDIR");
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    assert.equal(detectFile(fifo).error?.code, "ENOTFILE");
  });
});

describe("detect: evidence joined into one expression", () => {
  it("a source file with a tag and a notice of the same licence", () => {
    const d = detectText(
      "a.c",
      "// SPDX-License-Identifier: GPL-2.0-or-later\n/* This program is free software; ... */\nint main;\n",
    );
    assert.equal(d.expression, "GPL-2.0-or-later");
  });

  it("a tag choice that absorbs the texts it chooses between", () => {
    const body = `SPDX-License-Identifier: MIT OR Apache-2.0\n\n${SPDX.MIT!.licenseText}\n\n${SPDX["Apache-2.0"]!.licenseText}`;
    const d = detectText("LICENSE", body);
    assert.equal(d.expression, "Apache-2.0 OR MIT");
    assert.deepEqual(
      d.matches.map((m) => m.matcher),
      ["spdx-tag", "text", "text"],
    );
  });

  it("a GNU licence text does not take its own example notice as a statement", () => {
    const d = detectText("COPYING", SPDX["GPL-3.0-only"]!.licenseText);
    assert.equal(d.expression, "GPL-3.0-only");
    assert.deepEqual(
      d.matches.map((m) => m.matcher),
      ["text"],
    );
  });

  it("says when a GNU version's -only comes from the bare text, not from a statement", () => {
    const bare = detectText("COPYING", SPDX["LGPL-2.1-only"]!.licenseText);
    assert.equal(bare.expression, "LGPL-2.1-only");
    assert.equal(bare.warnings?.length, 1);
    assert.match(bare.warnings![0]!, /^LGPL-2\.1-only is read from the licence text alone/);
    // A statement says which: no note, whichever way it goes.
    const only = detectText(
      "COPYING",
      `SPDX-License-Identifier: LGPL-2.1-only\n\n${SPDX["LGPL-2.1-only"]!.licenseText}`,
    );
    assert.equal(only.expression, "LGPL-2.1-only");
    assert.equal(only.warnings, undefined);
    const later = detectText(
      "COPYING",
      `SPDX-License-Identifier: LGPL-2.1-or-later\n\n${SPDX["LGPL-2.1-only"]!.licenseText}`,
    );
    assert.equal(later.expression, "LGPL-2.1-or-later");
    assert.equal(later.warnings, undefined);
    // A statement about another GNU licence says nothing of this one.
    const other = detectText(
      "COPYING",
      `SPDX-License-Identifier: LGPL-2.0-only\n\n${SPDX["GPL-2.0-only"]!.licenseText}`,
    );
    assert.equal(other.warnings?.length, 1);
    assert.match(other.warnings![0]!, /^GPL-2\.0-only is read/);
    // Not a GNU licence: nothing to say.
    assert.equal(detectText("LICENSE", SPDX.MIT!.licenseText).warnings, undefined);
  });
});
