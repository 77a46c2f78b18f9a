import assert from "node:assert/strict";
import { test } from "node:test";
import { setImmediate as tick } from "node:timers/promises";
import { OneAtATime } from "./one-at-a-time.ts";

test("jobs run one at a time in the order given, and a failure stops no later job", async () => {
  const jobs = new OneAtATime();
  const log: string[] = [];
  const job =
    (name: string, fail = false) =>
    async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
  const a = jobs.run(job("a"));
  const b = jobs.run(job("b", true));
  const c = jobs.run(job("c"));
  await jobs.idle();
  assert.deepEqual(log, ["a start", "a end", "b start", "b end", "c start", "c end"]);
  assert.equal(await a, "a");
  await assert.rejects(b, /b failed/);
  assert.equal(await c, "c");
});
