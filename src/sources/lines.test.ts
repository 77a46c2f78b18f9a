import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { test } from "node:test";
import { splitLines } from "./lines.ts";

async function split(chunks: string[], max: number) {
  const out: (string | null)[] = [];
  for await (const line of splitLines(Readable.from(chunks.map((c) => Buffer.from(c))), max))
    out.push(
      line.bytes === null
        ? `<${line.number}: ${line.length} bytes>`
        : `${line.number}:${line.bytes}`,
    );
  return out;
}

test("lines split across chunk boundaries come out whole, a last line without newline too", async () => {
  assert.deepEqual(await split(["ab", "c\nd", "e\n\nf"], 100), ["1:abc", "2:de", "3:", "4:f"]);
});

test("a line over the cap is reported by number and length, and the next line is intact", async () => {
  assert.deepEqual(await split(["short\n", "x".repeat(30), "y".repeat(30), "\nok\n"], 40), [
    "1:short",
    "<2: 60 bytes>",
    "3:ok",
  ]);
});
