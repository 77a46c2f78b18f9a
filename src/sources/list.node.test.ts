import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import { InputError } from "../errors.ts";
import { listSource } from "./list.node.ts";
import { collect, run, tempDir } from "./test-utils/fixtures.ts";

test("paths on stdin come out in the list's order; missing ones and directories are error records", async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, "src"));
  copyFileSync(new URL("../../node_modules/yauzl/LICENSE", import.meta.url), join(dir, "LICENSE"));
  writeFileSync(join(dir, "src", "a.c"), "int a;\n");
  // As `find` prints it, relative to the working directory, then a CRLF line, a blank line and two bad entries.
  const found = run(process.cwd(), "find", [
    `./${relative(process.cwd(), dir)}`,
    "-type",
    "f",
    "-name",
    "a.c",
  ]);
  const list = `${found}${join(dir, "LICENSE")}\r\n\n${join(dir, "gone.txt")}\n${join(dir, "src")}`;
  const files = await collect(listSource(Readable.from([Buffer.from(list)])));
  assert.deepEqual(
    files.map((f) => `${f.ordinal} ${f.path} ${f.error?.code ?? f.size}`),
    [
      `0 ${relative(process.cwd(), join(dir, "src", "a.c"))} 7`,
      `1 ${join(dir, "LICENSE").slice(1)} 1077`,
      `2 ${join(dir, "gone.txt").slice(1)} not-found`,
      `3 ${join(dir, "src").slice(1)} not-a-file`,
    ],
  );
  assert.equal(files[0]!.fsPath, join(dir, "src", "a.c"));
  assert.equal(files[1]!.fsPath, join(dir, "LICENSE"));
  assert.deepEqual(files[0]!.origin, { kind: "list", input: "-" });
});

test("skip passes over listed paths without looking at them; stdin is read once", async (t) => {
  const dir = tempDir(t);
  const list = ["a", "b", "c"].map((n) => join(dir, n)).join("\n");
  for (const n of ["a", "c"]) writeFileSync(join(dir, n), n);
  const source = listSource(Readable.from([list]));
  const files = await collect(source, { skip: 1 });
  assert.deepEqual(
    files.map((f) => `${f.ordinal} ${f.error?.code ?? "ok"}`),
    ["1 not-found", "2 ok"],
  );
  assert.throws(() => source.files(), InputError);
});
