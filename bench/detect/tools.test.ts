import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runTool } from "./tools.node.ts";

// A stand-in licensecheck on PATH that aborts, before printing anything, when
// one of its files is named "poison": the harness must find that file and
// still answer for all the others.
const dir = mkdtempSync(join(tmpdir(), "tgpl-bench-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, "licensecheck"),
  `#!/bin/sh
while [ "$1" != "--" ]; do shift; done; shift
for f in "$@"; do case "$f" in *poison*) echo "boom" >&2; exit 134;; esac; done
for f in "$@"; do printf '%s\\tExpat\\n' "$f"; done
`,
);
chmodSync(join(dir, "licensecheck"), 0o755);

test("a peer that crashes on one file costs retries, not the run", async () => {
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved}`;
  try {
    const paths = Array.from({ length: 9 }, (_, i) => join(dir, i === 5 ? "poison" : `f${i}`));
    for (const w of [1, 2]) {
      const run = await runTool("licensecheck", paths, w);
      assert.equal(run.answers.size, 8);
      assert.deepEqual(run.answers.get(paths[0]!)?.spdx, ["MIT"]);
      assert.deepEqual([...run.errors.keys()], [paths[5]]);
      assert.match(run.errors.get(paths[5]!)!, /exit 134: boom/);
      assert.ok(run.crashes >= 2, `crashes: ${run.crashes}`);
      assert.ok(run.peakKb > 0);
    }
  } finally {
    process.env.PATH = saved;
  }
});
