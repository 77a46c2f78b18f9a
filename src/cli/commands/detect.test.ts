import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Detection } from "../../detect/types.ts";
import { runCli } from "../test-utils/run-cli.ts";

const TEXTS = fileURLToPath(new URL("../../detect/matchers/fixtures/texts/", import.meta.url));

describe("tgpl detect (CLI)", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tgpl-cli-detect-"));
    writeFileSync(join(dir, "a.py"), "# SPDX-License-Identifier: GPL-2.0+\nprint('hi')\n");
    writeFileSync(join(dir, "b.js"), "export const x = 1;\n");
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "x", license: "(MIT OR Apache-2.0)" }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON array with the contract's fields", () => {
    const r = runCli([
      "detect",
      "--json",
      join(TEXTS, "BSD-2-Clause/entities--fb55"),
      join(dir, "a.py"),
      join(dir, "b.js"),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Detection[];
    assert.deepEqual(
      out.map((d) => d.expression),
      ["BSD-2-Clause", "GPL-2.0-or-later", null],
    );
    const m = out[0]!.matches[0]!;
    assert.deepEqual(Object.keys(m).sort(), ["lines", "matcher", "score", "spdx"]);
    assert.equal(m.matcher, "text");
    assert.ok(m.lines[0] >= 1 && m.lines[1] > m.lines[0]);
  });

  it("walks a directory and streams NDJSON on 2 workers in input order", () => {
    const r = runCli(["detect", "--ndjson", "--workers", "2", dir]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Detection);
    assert.deepEqual(
      lines.map((d) => [d.path.slice(dir.length + 1), d.expression]),
      [
        ["a.py", "GPL-2.0-or-later"],
        ["b.js", null],
        ["package.json", "Apache-2.0 OR MIT"],
      ],
    );
  });

  it("reads paths from stdin", () => {
    const r = runCli(["detect", "--json", "--files-from", "-"], {
      input: `${join(dir, "a.py")}\n`,
    });
    assert.equal(JSON.parse(r.stdout)[0].expression, "GPL-2.0-or-later");
  });

  it("prints text for people", () => {
    const r = runCli(["detect", join(dir, "a.py")]);
    assert.match(
      r.stdout,
      /a\.py: GPL-2\.0-or-later\n {2}GPL-2\.0-or-later {2}spdx-tag 1\.00 line 1/,
    );
  });

  it("exits 2 with a record for an unreadable file, and goes on", () => {
    const r = runCli(["detect", "--json", join(dir, "missing.c"), join(dir, "a.py")]);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout) as Detection[];
    assert.equal(out[0]!.error?.code, "ENOENT");
    assert.equal(out[1]!.expression, "GPL-2.0-or-later");
  });

  it("exits 2 on bad usage with a message that says what to do", () => {
    const r = runCli(["detect", "--workers", "zero", "x"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--workers needs a positive whole number/);
    const none = runCli(["detect"]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no files given/);
    const unknown = runCli(["frobnicate"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  });
  it("stops quietly when the reader of its output goes away (| head)", () => {
    // Enough files that the output overflows the pipe after head has left.
    const many = join(dir, "many");
    mkdirSync(many);
    const list: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const file = join(many, `f${i}.js`);
      writeFileSync(file, `// SPDX-License-Identifier: MIT\nexport const x${i} = ${i};\n`);
      list.push(file);
    }
    writeFileSync(join(dir, "list.txt"), `${list.join("\n")}\n`);
    const main = fileURLToPath(new URL("../main.ts", import.meta.url));
    // Resolved here: the child runs in a temp directory, where a bare `tsx` would not resolve.
    const node = `"${process.execPath}" --import "${import.meta.resolve("tsx")}" "${main}"`;
    const r = spawnSync(
      "sh",
      [
        "-c",
        `(${node} detect --ndjson --workers 1 --files-from list.txt 2>err.txt; echo $? >code.txt) | head -n 1`,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    assert.equal(JSON.parse(r.stdout).expression, "MIT");
    assert.equal(readFileSync(join(dir, "err.txt"), "utf8"), "");
    assert.equal(readFileSync(join(dir, "code.txt"), "utf8").trim(), "0");
  });
});
