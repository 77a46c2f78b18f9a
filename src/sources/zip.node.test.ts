import assert from "node:assert/strict";
import { createWriteStream, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { collect, run, summary, tempDir } from "./test-utils/fixtures.ts";
import { writeZip } from "./test-utils/zip-writer.ts";
import { zipSource } from "./zip.node.ts";

const MIT = readFileSync(new URL("../../node_modules/yauzl/LICENSE", import.meta.url));

test("reads a zip made by Info-ZIP in stored order, with symlinks recorded, not followed", async (t) => {
  const dir = tempDir(t);
  const root = join(dir, "proj");
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "LICENSE"), MIT);
  const lib = "// SPDX-License-Identifier: Apache-2.0\n";
  writeFileSync(join(root, "src", "lib.rs"), lib);
  symlinkSync("../LICENSE", join(root, "src", "COPYING"));
  symlinkSync("../../../etc/passwd", join(root, "src", "escape"));
  // -y stores symlinks as links; members keep the order given here.
  run(root, "zip", ["-q", "-y", "-r", join(dir, "p.zip"), "src", "LICENSE"]);
  const files = await collect(zipSource(join(dir, "p.zip")));
  assert.deepEqual(files.map((f) => `${f.path} ${f.error?.code ?? f.bytes?.length}`).sort(), [
    `LICENSE ${MIT.length}`,
    "src/COPYING symlink",
    "src/escape symlink-outside-root",
    `src/lib.rs ${lib.length}`,
  ]);
  assert.deepEqual(
    files.map((f) => f.ordinal),
    [0, 1, 2, 3],
  );
  const licence = files.find((f) => f.path === "LICENSE")!;
  assert.deepEqual(Buffer.from(licence.bytes!), MIT);
  assert.deepEqual(licence.origin, {
    kind: "archive",
    input: join(dir, "p.zip"),
    member: "LICENSE",
  });
  assert.match(files.find((f) => f.path === "src/COPYING")!.error!.message, /symlink to LICENSE/);
  // Resuming gives the same records from the same ordinals.
  assert.deepEqual(await collect(zipSource(join(dir, "p.zip")), { skip: 3 }), files.slice(3));
});

test("'../' and absolute member names are refused one by one; the rest is read", async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "evil"), "evil\n");
  writeFileSync(join(dir, "sub", "ok"), "ok\n");
  run(join(dir, "sub"), "zip", ["-q", "../a.zip", "ok", "../evil"]);
  const a = await collect(zipSource(join(dir, "a.zip")));
  assert.deepEqual(a.map(summary), ['0 ok "ok\\n"', "1 ../evil [path-traversal]"]);

  writeFileSync(
    join(dir, "b.zip"),
    writeZip([
      { name: "/etc/cron.d/x", data: Buffer.from("* * * * * root sh\n") },
      { name: "C:/Windows/evil.dll", data: Buffer.from("MZ") },
      { name: "fine/README", data: Buffer.from("read me\n"), deflate: true },
    ]),
  );
  const b = await collect(zipSource(join(dir, "b.zip")));
  assert.deepEqual(b.map(summary), [
    "0 /etc/cron.d/x [path-traversal]",
    "1 C:/Windows/evil.dll [path-traversal]",
    '2 fine/README "read me\\n"',
  ]);
});

test("a zip bomb is refused from its declared sizes; the total cap ends the archive", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "LICENSE"), MIT);
  // 48 MiB of zeros deflate to ~50 KB: a ratio near 1000.
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(join(dir, "zeros"));
    const block = Buffer.alloc(1024 ** 2);
    for (let i = 0; i < 48; i++) out.write(block);
    out.end(resolve);
    out.on("error", reject);
  });
  run(dir, "zip", ["-q", "bomb.zip", "LICENSE", "zeros"]);
  const bomb = await collect(zipSource(join(dir, "bomb.zip")));
  assert.deepEqual(
    bomb.map(summary).map((s) => s.split(" ").slice(0, 2).join(" ")),
    ["0 LICENSE", "1 zeros"],
  );
  assert.equal(bomb[1]!.error?.code, "decompression-bomb");
  assert.equal(bomb[1]!.size, 48 * 1024 ** 2);
  assert.equal(bomb[1]!.bytes, undefined);

  const big = await collect(
    zipSource(join(dir, "bomb.zip"), { maxRatio: 10_000, maxEntryBytes: 1024 ** 2 }),
  );
  assert.deepEqual(
    big.map((f) => f.error?.code ?? "ok"),
    ["ok", "entry-too-large"],
  );
  const total = await collect(
    zipSource(join(dir, "bomb.zip"), { maxRatio: 10_000, maxTotalBytes: 40 * 1024 ** 2 }),
  );
  assert.deepEqual(
    total.map((f) => f.error?.code ?? "ok"),
    ["ok", "archive-too-large"],
  );
});

test("a member that inflates past its declared size is refused as corrupt", async (t) => {
  const dir = tempDir(t);
  writeFileSync(
    join(dir, "lie.zip"),
    writeZip([
      { name: "small-says-i", data: Buffer.alloc(200_000, 0x61), deflate: true, declaredSize: 100 },
      { name: "honest", data: Buffer.from("honest\n"), deflate: true },
    ]),
  );
  const files = await collect(zipSource(join(dir, "lie.zip")));
  assert.deepEqual(files.map(summary), ["0 small-says-i [corrupt]", '1 honest "honest\\n"']);
  assert.match(files[0]!.error!.message, /too many bytes|past its declared size/);
});

test("a file that is not a zip gives one 'corrupt' record", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "no.zip"), MIT);
  const files = await collect(zipSource(join(dir, "no.zip")));
  assert.deepEqual(
    files.map((f) => f.error?.code),
    ["corrupt"],
  );
  assert.match(files[0]!.error!.message, /cannot read .*no\.zip as a zip archive/);
});
