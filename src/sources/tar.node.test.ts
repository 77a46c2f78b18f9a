import assert from "node:assert/strict";
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tarSource } from "./tar.node.ts";
import { collect, run, summary, tempDir } from "./test-utils/fixtures.ts";

const MIT = readFileSync(new URL("../../node_modules/yauzl/LICENSE", import.meta.url));
const LONG = `${"deeply-nested-directory-name/".repeat(4)}${"x".repeat(40)}/LICENSE`;

/** A small project tree: a licence file, a long path, an inside and an outside symlink, a hard link. */
function project(dir: string): string {
  const root = join(dir, "proj");
  mkdirSync(join(root, LONG, ".."), { recursive: true });
  copyFileSync(new URL("../../node_modules/yauzl/LICENSE", import.meta.url), join(root, "LICENSE"));
  writeFileSync(join(root, LONG), MIT);
  writeFileSync(
    join(root, "main.c"),
    "// SPDX-License-Identifier: MIT\nint main(void) { return 0; }\n",
  );
  symlinkSync("LICENSE", join(root, "COPYING"));
  symlinkSync("../../etc/passwd", join(root, "escape"));
  return root;
}

for (const format of ["gnu", "posix", "ustar"]) {
  test(`reads a ${format} tar made by GNU tar, long path and links included`, async (t) => {
    const dir = tempDir(t);
    const root = project(dir);
    const tarFile = join(dir, `p-${format}.tar`);
    // ustar cannot hold the long path in one header, but splits it with its prefix field.
    run(root, "tar", [`--format=${format}`, "--sort=name", "-cf", tarFile, "."]);
    const files = await collect(tarSource(tarFile));
    assert.deepEqual(
      files.map((f) => `${f.ordinal} ${f.path} ${f.error?.code ?? f.bytes?.length}`),
      [
        "0 COPYING symlink",
        `1 LICENSE ${MIT.length}`,
        `2 ${LONG} ${MIT.length}`,
        "3 escape symlink-outside-root",
        "4 main.c 61",
      ],
    );
    assert.ok(LONG.length > 100);
    assert.deepEqual(Buffer.from(files[2]!.bytes!), MIT);
    assert.equal(files[2]!.origin.member, `./${LONG}`);
    assert.equal(files[2]!.origin.kind, "archive");
    assert.equal(files[2]!.project, tarFile);
  });
}

test("a hard link is recorded as such, pointing at its member", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "a.txt"), "same\n");
  run(dir, "ln", ["a.txt", "b.txt"]);
  run(dir, "tar", ["-cf", "l.tar", "a.txt", "b.txt"]);
  const files = await collect(tarSource(join(dir, "l.tar")));
  assert.deepEqual(files.map(summary), ['0 a.txt "same\\n"', "1 b.txt [hardlink]"]);
  assert.match(files[1]!.error!.message, /hard link to a\.txt/);
});

test("members named '../evil' or with an absolute path are refused as path traversal", async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "evil"), "overwrite me\n");
  writeFileSync(join(dir, "sub", "ok.txt"), "fine\n");
  // -P keeps leading '/' and '..' in member names, as a hostile archive would.
  run(join(dir, "sub"), "tar", [
    "-P",
    "-cf",
    "../evil.tar",
    "ok.txt",
    "../evil",
    join(dir, "evil"),
  ]);
  const files = await collect(tarSource(join(dir, "evil.tar")));
  assert.deepEqual(files.map(summary), [
    '0 ok.txt "fine\\n"',
    "1 ../evil [path-traversal]",
    `2 ${join(dir, "evil")} [path-traversal]`,
  ]);
  assert.equal(files[1]!.bytes, undefined);
});

test("a truncated tar.gz gives the members before the cut, then one 'truncated' record", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "LICENSE"), MIT);
  // Random bytes do not compress, so cutting the .gz in half cuts inside this member.
  writeFileSync(
    join(dir, "random.bin"),
    Buffer.from(Array.from({ length: 300_000 }, (_, i) => ((i * 7919) % 251) ^ (i >> 3))),
  );
  run(dir, "tar", ["-czf", "t.tgz", "LICENSE", "random.bin"]);
  const whole = await collect(tarSource(join(dir, "t.tgz")));
  assert.deepEqual(
    whole.map((f) => f.error?.code ?? f.path),
    ["LICENSE", "random.bin"],
  );
  truncateSync(join(dir, "t.tgz"), Math.floor(readFileSync(join(dir, "t.tgz")).length / 2));
  const cut = await collect(tarSource(join(dir, "t.tgz")));
  assert.deepEqual(
    cut.map((f) => `${f.ordinal} ${f.path} ${f.error?.code ?? "ok"}`),
    ["0 LICENSE ok", "1 random.bin truncated"],
  );
});

test("a plain tar cut inside a member, or with a damaged header, ends with a clear record", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "a.txt"), "a".repeat(2000));
  writeFileSync(join(dir, "b.txt"), "b".repeat(2000));
  run(dir, "tar", ["-cf", "x.tar", "a.txt", "b.txt"]);
  const bytes = readFileSync(join(dir, "x.tar"));
  writeFileSync(join(dir, "cut.tar"), bytes.subarray(0, 512 + 2048 + 512 + 1000));
  const cut = await collect(tarSource(join(dir, "cut.tar")));
  assert.deepEqual(
    cut.map(summary).map((s) => s.slice(0, 40)),
    [`0 a.txt ${JSON.stringify("a".repeat(2000)).slice(0, 32)}`, "1 b.txt [truncated]"],
  );
  assert.match(cut[1]!.error!.message, /ends inside member b\.txt/);

  const damaged = Buffer.from(bytes);
  damaged[512 + 2048 + 10] = 0x41; // inside b.txt's name field: the checksum no longer matches
  writeFileSync(join(dir, "bad.tar"), damaged);
  const bad = await collect(tarSource(join(dir, "bad.tar")));
  assert.deepEqual(
    bad.map((f) => f.error?.code ?? f.path),
    ["a.txt", "corrupt"],
  );
  assert.match(bad[1]!.error!.message, /checksum/);

  writeFileSync(join(dir, "noend.tar"), bytes.subarray(0, 512 + 2048));
  const noEnd = await collect(tarSource(join(dir, "noend.tar")));
  assert.deepEqual(
    noEnd.map((f) => f.error?.code ?? f.path),
    ["a.txt", "truncated"],
  );
});

test("a gzip bomb is stopped while it inflates, and entries over maxEntryBytes are refused", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "LICENSE"), MIT);
  writeFileSync(join(dir, "zeros"), Buffer.alloc(8 * 1024 ** 2));
  run(dir, "tar", ["-czf", "bomb.tgz", "LICENSE", "zeros"]);
  const bomb = await collect(tarSource(join(dir, "bomb.tgz")));
  assert.deepEqual(
    bomb.map((f) => `${f.path} ${f.error?.code ?? "ok"}`),
    ["LICENSE ok", "zeros decompression-bomb"],
  );
  // With the ratio allowed, the per-file cap refuses the big member and the stream goes on.
  const capped = await collect(
    tarSource(join(dir, "bomb.tgz"), { maxRatio: 10_000, maxEntryBytes: 1024 ** 2 }),
  );
  assert.deepEqual(
    capped.map((f) => `${f.path} ${f.error?.code ?? "ok"}`),
    ["LICENSE ok", "zeros entry-too-large"],
  );
  const total = await collect(
    tarSource(join(dir, "bomb.tgz"), { maxRatio: 10_000, maxTotalBytes: 4 * 1024 ** 2 }),
  );
  assert.deepEqual(
    total.map((f) => f.error?.code ?? "ok"),
    ["ok", "archive-too-large"],
  );
});

test("skip passes over records but keeps their ordinals; abort stops the stream", async (t) => {
  const dir = tempDir(t);
  const root = project(dir);
  run(root, "tar", ["--sort=name", "-czf", join(dir, "p.tgz"), "."]);
  const all = await collect(tarSource(join(dir, "p.tgz")));
  const rest = await collect(tarSource(join(dir, "p.tgz")), { skip: 2 });
  assert.deepEqual(rest, all.slice(2));

  const controller = new AbortController();
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const f of tarSource(join(dir, "p.tgz")).files({ signal: controller.signal })) {
      seen.push(f.path);
      controller.abort();
    }
  }, /abort/i);
  assert.deepEqual(seen, ["COPYING"]);
});
