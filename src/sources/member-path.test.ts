import assert from "node:assert/strict";
import { test } from "node:test";
import { memberPath, symlinkTarget } from "./member-path.ts";
import { comparePaths } from "./sequence.ts";

test("member names are cleaned of './' and empty segments", () => {
  assert.deepEqual(memberPath("./src//lib/./a.js"), { ok: true, path: "src/lib/a.js" });
});

test("absolute names and '..' segments are refused as path traversal", () => {
  for (const name of ["/etc/passwd", "../evil", "a/../../b", "a/../b", "C:/Windows/x", "c:evil"]) {
    const r = memberPath(name);
    assert.equal(r.ok, false, name);
    if (!r.ok) assert.equal(r.code, "path-traversal", name);
  }
});

test("names that name nothing are corrupt", () => {
  for (const name of ["", "./", "a\0b"]) {
    const r = memberPath(name);
    assert.equal(r.ok ? "ok" : r.code, "corrupt", JSON.stringify(name));
  }
});

test("symlink targets resolve from the link's own directory", () => {
  assert.equal(symlinkTarget("a/b/link", "../c.txt"), "a/c.txt");
  assert.equal(symlinkTarget("a/link", "../top.txt"), "top.txt");
  assert.equal(symlinkTarget("a/link", "../../etc/passwd"), null);
  assert.equal(symlinkTarget("link", "/etc/passwd"), null);
  assert.equal(symlinkTarget("a/link", "./b/../c"), "a/c");
});

test("paths sort in UTF-8 byte order, astral characters after the rest of the BMP", () => {
  const paths = ["a/b", "a.txt", "\u{1F600}.md", "\uFB01.md", "A", "a0"];
  const sorted = [...paths].sort(comparePaths);
  const bytewise = [...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  assert.deepEqual(sorted, bytewise);
  assert.deepEqual(sorted.slice(-2), ["\uFB01.md", "\u{1F600}.md"]);
});
