import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../errors.ts";
import { openGit, withoutCredentials } from "./git.node.ts";
import { collect, run, tempDir } from "./test-utils/fixtures.ts";

const MIT = new URL("../../node_modules/yauzl/LICENSE", import.meta.url);

/** Two commits, an untracked file, a symlink in and one out, a submodule link. */
function repo(dir: string): { root: string; first: string; second: string } {
  const root = join(dir, "repo");
  mkdirSync(join(root, "src"), { recursive: true });
  const git = (...args: string[]) => run(root, "git", args).trim();
  git("init", "-q", "-b", "main");
  copyFileSync(MIT, join(root, "LICENSE"));
  writeFileSync(join(root, "src", "a.c"), "int a(void) { return 1; }\n");
  symlinkSync("../LICENSE", join(root, "src", "COPYING"));
  symlinkSync("../../etc/passwd", join(root, "escape"));
  git("add", ".");
  git("commit", "-q", "-m", "first");
  const first = git("rev-parse", "HEAD");
  writeFileSync(join(root, "src", "a.c"), "int a(void) { return 2; }\n");
  writeFileSync(join(root, "src", "b.c"), "// SPDX-License-Identifier: MIT\n");
  git("update-index", "--add", "--cacheinfo", `160000,${first},vendor/lib`);
  git("add", "src");
  git("commit", "-q", "-m", "second");
  writeFileSync(join(root, "untracked.txt"), "not in git\n");
  git("remote", "add", "origin", "https://bot:s3cret@example.org/acme/repo.git");
  return { root, first, second: git("rev-parse", "HEAD") };
}

test("yields the tracked files at HEAD with git's blob ids, skipping untracked ones", async (t) => {
  const { root, second } = repo(tempDir(t));
  const source = await openGit(root);
  const files = await collect(source);
  assert.deepEqual(
    files.map((f) => `${f.ordinal} ${f.path} ${f.error?.code ?? "ok"}`),
    [
      "0 LICENSE ok",
      "1 escape symlink-outside-root",
      "2 src/COPYING symlink",
      "3 src/a.c ok",
      "4 src/b.c ok",
      "5 vendor/lib submodule",
    ],
  );
  for (const f of files.filter((f) => !f.error)) {
    assert.equal(f.blobId, run(root, "git", ["hash-object", f.path]).trim(), f.path);
    assert.deepEqual(Buffer.from(f.bytes!), readFileSync(join(root, f.path)), f.path);
    assert.equal(f.size, f.bytes!.length);
  }
  assert.deepEqual(files[0]!.origin, {
    kind: "git",
    input: root,
    revision: second,
    repository: "https://example.org/acme/repo.git",
  });
  assert.equal(files[0]!.project, "https://example.org/acme/repo.git");
  assert.match(files[2]!.error!.message, /symlink to LICENSE/);
  assert.equal(files[2]!.bytes, undefined);
  assert.match(source.description, new RegExp(second.slice(0, 12)));
});

test("--rev reads an older commit", async (t) => {
  const { root, first } = repo(tempDir(t));
  const files = await collect(await openGit(root, { rev: first.slice(0, 10) }));
  assert.deepEqual(
    files.map((f) => f.path),
    ["LICENSE", "escape", "src/COPYING", "src/a.c"],
  );
  assert.equal(Buffer.from(files[3]!.bytes!).toString(), "int a(void) { return 1; }\n");
  assert.equal(files[3]!.origin.revision, first);
});

test("skip resumes at the same ordinal; big blobs are refused by size alone", async (t) => {
  const { root } = repo(tempDir(t));
  const all = await collect(await openGit(root));
  assert.deepEqual(await collect(await openGit(root), { skip: 3 }), all.slice(3));
  const capped = await collect(await openGit(root, { maxEntryBytes: 100 }));
  assert.deepEqual(
    capped.map((f) => f.error?.code ?? "ok"),
    ["entry-too-large", "symlink-outside-root", "symlink", "ok", "ok", "submodule"],
  );
  assert.equal(capped[0]!.size, 1077);
});

test("a directory that is not a repository, or a missing revision, is an InputError", async (t) => {
  const dir = tempDir(t);
  await assert.rejects(
    openGit(dir),
    (e) => e instanceof InputError && /not a git repository/.test(e.message),
  );
  const { root } = repo(dir);
  await assert.rejects(
    openGit(root, { rev: "no-such-branch" }),
    (e) => e instanceof InputError && /no commit "no-such-branch"/.test(e.message),
  );
  await assert.rejects(openGit(root, { rev: "--output=x" }), InputError);
  await assert.rejects(
    openGit(join(root, "src")),
    (e) => e instanceof InputError && /subdirectory src\//.test(e.message),
  );
});

test("a blob of several megabytes comes through whole, and the next one after it", async (t) => {
  const root = join(tempDir(t), "big");
  mkdirSync(root);
  const big = Buffer.alloc(3 * 1024 ** 2 + 7);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
  writeFileSync(join(root, "a.bin"), big);
  writeFileSync(join(root, "b.txt"), "after\n");
  run(root, "git", ["init", "-q"]);
  run(root, "git", ["add", "."]);
  run(root, "git", ["commit", "-q", "-m", "big"]);
  const files = await collect(await openGit(root));
  assert.equal(files.length, 2);
  assert.ok(Buffer.from(files[0]!.bytes!).equals(big));
  assert.equal(Buffer.from(files[1]!.bytes!).toString(), "after\n");
  assert.equal(files[0]!.origin.repository, undefined);
  assert.equal(files[0]!.project, root);
});

test("credentials are stripped from remote URLs", () => {
  assert.equal(withoutCredentials("https://u:p@host/x.git"), "https://host/x.git");
  assert.equal(withoutCredentials("git@github.com:a/b.git"), "git@github.com:a/b.git");
  assert.equal(withoutCredentials("https://host/x.git"), "https://host/x.git");
});

test("abort, or a consumer that stops early, ends both git processes", async (t) => {
  const { root } = repo(tempDir(t));
  const source = await openGit(root, {}, `git:${root}`);
  const controller = new AbortController();
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const f of source.files({ signal: controller.signal })) {
      seen.push(f.origin.input);
      controller.abort();
    }
  }, /abort/i);
  assert.deepEqual(seen, [`git:${root}`]);
  for await (const f of source.files()) {
    assert.equal(f.path, "LICENSE");
    break;
  }
  // Were a `git` child left running, its open pipes would keep this test file from ending.
});
