import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { estimateFiles } from "./estimate.node.ts";
import { type Corpus, makeCorpus } from "./test-utils/corpus.ts";

let corpus: Corpus;
before(() => {
  corpus = makeCorpus();
});
after(() => corpus.cleanup());

test("the ETA's total counts the files of directory inputs, and gives up on other inputs", async () => {
  // 4 files of the project's own, 3 under docs (one a dangling link), the copied packages.
  const total = await estimateFiles([corpus.project]);
  assert.ok(total !== null && total > 20);
  assert.equal(await estimateFiles([join(corpus.project, "src")]), 4);
  assert.equal(await estimateFiles([join(corpus.project, "docs")]), 3);
  assert.equal(await estimateFiles([join(corpus.project, "src"), join(corpus.project, "docs")]), 7);
  assert.equal(await estimateFiles([join(corpus.project, "package.json")]), null);
  assert.equal(await estimateFiles([join(corpus.dir, "missing")]), null);
});
