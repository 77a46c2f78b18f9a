import assert from "node:assert/strict";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { directorySource } from "./directory.node.ts";
import { collect, run, tempDir } from "./test-utils/fixtures.ts";

const MIT = new URL("../../node_modules/yauzl/LICENSE", import.meta.url);
const show = (f: { ordinal: number; path: string; error?: { code: string } }) =>
  `${f.ordinal} ${f.path}${f.error ? ` [${f.error.code}]` : ""}`;

/** A tree with every kind of link trouble, next to a directory outside it. */
function tree(dir: string): string {
  const root = join(dir, "root");
  mkdirSync(join(dir, "outside"));
  writeFileSync(join(dir, "outside", "secret"), "not yours\n");
  mkdirSync(join(root, "src", "deep"), { recursive: true });
  mkdirSync(join(root, ".git", "objects"), { recursive: true });
  writeFileSync(join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
  copyFileSync(MIT, join(root, "LICENSE"));
  writeFileSync(join(root, "a.txt"), "a\n");
  writeFileSync(join(root, "src", "main.c"), "int main(void) { return 0; }\n");
  writeFileSync(join(root, "src", "deep", "x.h"), "#pragma once\n");
  symlinkSync("..", join(root, "src", "up")); // a directory cycle
  symlinkSync("deep", join(root, "src", "alias")); // a directory link inside the root
  symlinkSync("../LICENSE", join(root, "src", "COPYING")); // a file link inside
  symlinkSync("../../outside/secret", join(root, "src", "stolen")); // leaves the root
  symlinkSync(join(dir, "outside"), join(root, "out-dir"));
  symlinkSync("nowhere", join(root, "dangling"));
  symlinkSync("ping", join(root, "pong"));
  symlinkSync("pong", join(root, "ping")); // a chain that never ends
  run(root, "mkfifo", ["fifo"]);
  return root;
}

test("walks in path order, follows links inside the root, reports loops and escapes", async (t) => {
  const dir = tempDir(t);
  const root = tree(dir);
  const files = await collect(directorySource(root));
  assert.deepEqual(files.map(show), [
    "0 LICENSE",
    "1 a.txt",
    "2 dangling [symlink-broken]",
    "3 fifo [not-a-file]",
    "4 out-dir [symlink-outside-root]",
    "5 ping [symlink-loop]",
    "6 pong [symlink-loop]",
    "7 src/COPYING",
    "8 src/alias/x.h",
    "9 src/deep/x.h",
    "10 src/main.c",
    "11 src/stolen [symlink-outside-root]",
    "12 src/up [symlink-loop]",
  ]);
  const real = realpathSync(root);
  const licence = files[0]!;
  assert.equal(licence.fsPath, join(real, "LICENSE"));
  assert.equal(licence.size, 1077);
  assert.equal(licence.bytes, undefined);
  assert.deepEqual(licence.origin, { kind: "directory", input: root });
  // A file link points at its target's bytes, through the target's real path.
  assert.equal(files[7]!.fsPath, join(real, "LICENSE"));
  assert.equal(files[8]!.fsPath, join(real, "src", "deep", "x.h"));
  assert.match(files[11]!.error!.message, /points outside/);
});

test("skip yields the same records from the same ordinals", async (t) => {
  const dir = tempDir(t);
  const root = tree(dir);
  const all = await collect(directorySource(root));
  assert.deepEqual(await collect(directorySource(root), { skip: 6 }), all.slice(6));
  assert.deepEqual(await collect(directorySource(root), { skip: 100 }), []);
});

test("nested .gitignore files exclude, and re-include, relative to their own directory", async (t) => {
  const dir = tempDir(t);
  const root = join(dir, "repo");
  mkdirSync(join(root, "build"), { recursive: true });
  mkdirSync(join(root, "pkg", "dist"), { recursive: true });
  mkdirSync(join(root, "pkg", "logs"), { recursive: true });
  writeFileSync(join(root, ".gitignore"), "build/\n*.log\n# comment\n/top-only.txt\n");
  writeFileSync(join(root, "top-only.txt"), "x");
  writeFileSync(join(root, "build", "out.js"), "x");
  writeFileSync(join(root, "app.log"), "x");
  writeFileSync(join(root, "keep.js"), "x");
  writeFileSync(join(root, "pkg", ".gitignore"), "dist\n!keep.log\n");
  writeFileSync(join(root, "pkg", "top-only.txt"), "x"); // '/top-only.txt' anchors to the root only
  writeFileSync(join(root, "pkg", "dist", "bundle.js"), "x");
  writeFileSync(join(root, "pkg", "keep.log"), "x");
  writeFileSync(join(root, "pkg", "debug.log"), "x");
  writeFileSync(join(root, "pkg", "logs", "keep.log"), "x");
  const files = await collect(directorySource(root, { respectGitignore: true }));
  assert.deepEqual(
    files.map((f) => f.path),
    [
      ".gitignore",
      "keep.js",
      "pkg/.gitignore",
      "pkg/keep.log",
      "pkg/logs/keep.log",
      "pkg/top-only.txt",
    ],
  );
  // git agrees about what is ignored.
  run(root, "git", ["init", "-q"]);
  const untracked = run(root, "git", ["ls-files", "--others", "--exclude-standard"])
    .trim()
    .split("\n");
  assert.deepEqual(untracked.sort(), files.map((f) => f.path).sort());
  // Without the option every file comes out.
  const all = await collect(directorySource(root));
  assert.equal(all.length, 11);
});

test("an unreadable directory becomes an error record and the walk goes on", {
  skip: process.getuid?.() === 0 ? "root reads every directory" : false,
}, async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, "locked"));
  writeFileSync(join(dir, "locked", "x"), "x");
  writeFileSync(join(dir, "z.txt"), "z");
  chmodSync(join(dir, "locked"), 0);
  let files: Awaited<ReturnType<typeof collect>>;
  try {
    files = await collect(directorySource(dir));
  } finally {
    chmodSync(join(dir, "locked"), 0o755); // so the temp dir can be removed
  }
  assert.deepEqual(files.map(show), ["0 locked [unreadable]", "1 z.txt"]);
});

test("abort stops the walk", async (t) => {
  const dir = tempDir(t);
  const root = tree(dir);
  const controller = new AbortController();
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const f of directorySource(root).files({ signal: controller.signal })) {
      seen.push(f.path);
      if (seen.length === 2) controller.abort();
    }
  }, /abort/i);
  assert.deepEqual(seen, ["LICENSE", "a.txt"]);
});
