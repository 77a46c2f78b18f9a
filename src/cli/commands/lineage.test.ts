import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../test-utils/run-cli.ts";

const TGPL = fileURLToPath(new URL("../../lineage/fixtures/tgpl/", import.meta.url));
const CARDS = fileURLToPath(new URL("../../lineage/fixtures/cards/", import.meta.url));
const cards = [
  `${TGPL}acme/tgpl-coder-7b/README.md`,
  `${TGPL}acme/tgpl-code/README.md`,
  `${TGPL}someone/tgpl-coder-7b-sql-lora/README.md`,
  `${TGPL}someone/tgpl-coder-7b-GGUF/README.md`,
];

describe("tgpl lineage (CLI)", () => {
  it("exits 1 when a model breaks what it inherits, and says which in JSON", () => {
    const r = runCli(["lineage", "--json", ...cards]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.nodes.filter((n: { breaks: boolean }) => n.breaks).map((n: { id: string }) => n.id),
      ["someone/tgpl-coder-7b-sql-lora"],
    );
    assert.equal(out.summary.models, 3);
  });

  it("exits 0 when nothing breaks, with open parents reported, in DOT and Mermaid", () => {
    const args = [
      `${CARDS}mistralai/Mistral-7B-v0.1/README.md`,
      `${CARDS}HuggingFaceH4/zephyr-7b-beta/README.md`,
      `${CARDS}meta-llama/Llama-3.1-8B-Instruct/README.md`,
    ];
    const dot = runCli(["lineage", "--format", "dot", ...args]);
    assert.equal(dot.code, 0, dot.stderr);
    assert.match(
      dot.stdout,
      /"HuggingFaceH4\/zephyr-7b-beta" -> "mistralai\/Mistral-7B-v0.1" \[label="finetune"\]/,
    );
    assert.match(
      dot.stdout,
      /"meta-llama\/Meta-Llama-3.1-8B" \[label="[^"]*open", style="rounded,dashed"\]/,
    );
    const mermaid = runCli(["lineage", "--format", "mermaid", ...args]);
    assert.match(mermaid.stdout, /^graph BT\n/);
  });

  it("refuses an unknown format with exit 2", () => {
    const r = runCli(["lineage", "--format", "svg", ...cards]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format takes text, json, dot, mermaid/);
  });
});
