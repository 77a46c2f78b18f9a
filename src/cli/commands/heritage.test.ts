import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cloneMlp, initMlp, type Mlp, train } from "../../lineage/observed/train/mlp.ts";
import { makeTask } from "../../lineage/observed/train/tasks.ts";
import { writeModel } from "../../lineage/observed/train/write.node.ts";
import { runCli } from "../test-utils/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "tgpl-heritage-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A model folder with weights and a Hugging Face card, as published. */
function publish(id: string, mlp: Mlp, card: string): { dir: string; card: string } {
  const d = writeModel(dir, { id, mlp, storage: { kind: "safetensors", dtype: "F32" } });
  writeFileSync(join(d, "README.md"), `---\n${card}\n---\n# ${id}\n`);
  return { dir: d, card: join(d, "README.md") };
}

let base: { dir: string; card: string };
let hidden: { dir: string; card: string };
let honest: { dir: string; card: string };
let liar: { dir: string; card: string };

before(() => {
  const task = (variant: number, data: number) =>
    makeTask({ inDim: 32, classes: 4, teacher: 3, variant, data });
  const b = initMlp([32, 32, 32, 4], 101);
  train(b, task(0, 1), { steps: 800, lr: 0.05, batch: 32, optimizer: "sgd" });
  const ft = (variant: number) => {
    const m = cloneMlp(b);
    train(m, task(variant, 10 + variant), { steps: 300, lr: 3e-3, batch: 32 });
    return m;
  };
  const other = initMlp([32, 32, 32, 4], 202);
  train(other, task(0, 2), { steps: 800, lr: 0.05, batch: 32, optimizer: "sgd" });
  base = publish("acme/tgpl-base", b, "license: other\nlicense_name: tgpl-1.0-or-later");
  // A fine-tune of the TGPL base, re-published as if trained from scratch under MIT.
  hidden = publish("someone/clean-model", ft(1), "license: mit\ndatasets:\n- someone/own-data");
  honest = publish(
    "someone/honest-ft",
    ft(2),
    "license: other\nlicense_name: tgpl-1.0-or-later\nbase_model: acme/tgpl-base\ndatasets:\n- someone/own-data",
  );
  // Claims the TGPL base as its parent, but was trained from other random weights.
  liar = publish(
    "someone/claims-lineage",
    other,
    "license: other\nlicense_name: tgpl-1.0-or-later\nbase_model: acme/tgpl-base",
  );
});

describe("tgpl heritage (CLI)", () => {
  it("prints pairs and a tree as JSON, and exits 0 without --against", () => {
    const r = runCli(["heritage", "--json", base.dir, hidden.dir, liar.dir]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.pairs.length, 3);
    const edges = out.tree.edges.map(
      (e: { parent: string; child: string }) => `${e.parent}->${e.child}`,
    );
    assert.deepEqual(edges, ["acme/tgpl-base->someone/clean-model"]);
    assert.equal(out.tree.families.length, 2);
  });

  it("with --against, names the undeclared TGPL parent and what it passes down, and exits 1", () => {
    const r = runCli([
      "heritage",
      base.dir,
      hidden.dir,
      honest.dir,
      liar.dir,
      "--json",
      "--against",
      base.card,
      hidden.card,
      honest.card,
      liar.card,
    ]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    const items = out.against.items as {
      kind: string;
      parent: string;
      child: string;
      passesDown?: {
        tgpl: boolean;
        obligations: string[];
        weightsMustBe: string[] | null;
        findings: { code: string }[];
      };
    }[];
    const undeclared = items.find((i) => i.child === "someone/clean-model")!;
    assert.match(undeclared.kind, /^undeclared-(parent|relation)$/);
    assert.equal(undeclared.parent, "acme/tgpl-base");
    assert.equal(undeclared.passesDown?.tgpl, true);
    assert.ok(undeclared.passesDown?.weightsMustBe?.includes("LicenseRef-TGPL-1.0-or-later"));
    assert.ok(undeclared.passesDown?.obligations.includes("model-source"));
    assert.ok(undeclared.passesDown?.findings.some((f) => f.code === "weights-licence-mismatch"));

    assert.equal(items.find((i) => i.child === "someone/honest-ft")?.kind, "confirmed");
    const contradicted = items.find((i) => i.child === "someone/claims-lineage")!;
    assert.equal(contradicted.kind, "contradicted");
    assert.equal(out.against.problems, 2);
  });

  it("prints text for people, the tree indented", () => {
    const r = runCli(["heritage", base.dir, honest.dir, "--against", base.card, honest.card]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^tree$/m);
    assert.match(r.stdout, /└ someone\/honest-ft {2}finetune/);
    assert.match(r.stdout, /CONFIRMED acme\/tgpl-base → someone\/honest-ft/);
  });

  it("exits 2 on bad usage and on unreadable models", () => {
    assert.equal(runCli(["heritage", base.dir]).code, 2);
    const broken = join(dir, "broken");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "model.safetensors"), new Uint8Array([1, 2, 3]));
    const r = runCli(["heritage", base.dir, broken]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fewer than the 8 that hold the header length/);
  });
});
