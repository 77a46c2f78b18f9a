import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { ContentHasher, hashBytes, isSha256Hex } from "./hash.ts";

const require = createRequire(import.meta.url);
// Real files of different sizes: a licence text, a JSON list, a package manifest.
const FILES = [
  require.resolve("spdx-expression-parse/LICENSE"),
  require.resolve("spdx-license-ids/index.json"),
  require.resolve("yaml/package.json"),
];

test("blob id and SWHID agree with git hash-object; sha256 with sha256sum", () => {
  for (const file of FILES) {
    const h = hashBytes(readFileSync(file));
    const git = execFileSync("git", ["hash-object", "--no-filters", file], {
      encoding: "utf8",
    }).trim();
    const sum = execFileSync("sha256sum", [file], { encoding: "utf8" }).split(" ")[0];
    assert.equal(h.blobId, git, file);
    assert.equal(h.swhid, `swh:1:cnt:${git}`);
    assert.equal(h.sha256, sum, file);
    assert.ok(isSha256Hex(h.sha256));
  }
});

test("the empty blob has git's well-known id", () => {
  const h = hashBytes(new Uint8Array(0));
  const git = execFileSync("git", ["hash-object", "--stdin"], {
    input: "",
    encoding: "utf8",
  }).trim();
  assert.equal(h.blobId, git);
  assert.equal(h.size, 0);
});

test("hashing in chunks gives the same ids as in one piece", () => {
  const bytes = readFileSync(FILES[1]!);
  const hasher = new ContentHasher(bytes.length);
  for (let i = 0; i < bytes.length; i += 1000) hasher.update(bytes.subarray(i, i + 1000));
  assert.deepEqual(hasher.digest(), hashBytes(bytes));
});

test("a size that changed while reading is refused, not hashed wrongly", () => {
  const hasher = new ContentHasher(10);
  hasher.update(new Uint8Array(7));
  assert.throws(() => hasher.digest(), /expected 10 bytes, read 7/);
});

test("content past the reused buffer and past the one-shot limit hashes as git and sha256sum do", () => {
  // 70 kB outgrows the scratch buffer for git's header; 1.5 MiB streams through the hashers.
  for (const size of [70_000, 1_500_000, 300]) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const h = hashBytes(bytes);
    const git = execFileSync("git", ["hash-object", "--stdin"], {
      input: bytes,
      encoding: "utf8",
    }).trim();
    const sum = execFileSync("sha256sum", [], { input: bytes, encoding: "utf8" }).split(" ")[0];
    assert.equal(h.blobId, git, `blob id of ${size} bytes`);
    assert.equal(h.sha256, sum, `sha256 of ${size} bytes`);
    assert.equal(h.size, size);
  }
});
