import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { padding, parseHeader, parsePax } from "./tar-header.ts";
import { run, tempDir } from "./test-utils/fixtures.ts";

/** Rewrites a header's checksum after a field was patched, as a writer would. */
function reseal(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
}

test("reads GNU tar's header fields, and the base-256 sizes it writes past 8 GiB", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "a.txt"), "hello\n");
  run(dir, "tar", ["--format=gnu", "-cf", "a.tar", "a.txt"]);
  const block = readFileSync(join(dir, "a.tar")).subarray(0, 512);
  assert.deepEqual(parseHeader(block), {
    kind: "header",
    header: { name: "a.txt", size: 6, type: "0", linkname: "" },
  });
  const big = Buffer.from(block);
  big.fill(0, 124, 136);
  big[124] = 0x80;
  big.writeUIntBE(10 * 1024 ** 3, 130, 6);
  reseal(big);
  const parsed = parseHeader(big);
  assert.equal(parsed.kind === "header" && parsed.header.size, 10 * 1024 ** 3);

  const flipped = Buffer.from(block);
  flipped[0] = 0x62; // 'b.txt' without a new checksum
  assert.equal(parseHeader(flipped).kind, "corrupt");
  assert.equal(parseHeader(Buffer.alloc(512)).kind, "end");
});

test("pax records are length-prefixed and UTF-8; malformed ones are refused", () => {
  const record = (k: string, v: string) => {
    const body = ` ${k}=${v}\n`;
    let n = Buffer.byteLength(body) + 1;
    if (String(n).length + Buffer.byteLength(body) !== n) n += 1;
    return `${n}${body}`;
  };
  const text = record("path", "données/licence.txt") + record("size", "12");
  assert.deepEqual(
    [...parsePax(Buffer.from(text))!],
    [
      ["path", "données/licence.txt"],
      ["size", "12"],
    ],
  );
  assert.equal(parsePax(Buffer.from("99 path=x\n")), null);
  assert.equal(parsePax(Buffer.from("10 pathx\n")), null);
  assert.deepEqual([padding(0), padding(1), padding(512), padding(513)], [0, 511, 0, 511]);
});
