import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ModelSpec } from "../policy/types.ts";
import type { ModelDoc } from "./doc.ts";
import { lineageDot, lineageMermaid, lineageText } from "./format.ts";
import { buildLineage } from "./graph.ts";
import { readModelDocs } from "./read.node.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory()
      ? files(p)
      : /\.(md|json)$/.test(f) && f !== "README.md"
        ? [p]
        : f === "README.md" && dir !== FIXTURES
          ? [p]
          : [];
  });

const docs = [
  ...files(join(FIXTURES, "cards")),
  ...files(join(FIXTURES, "datasets")),
  ...files(join(FIXTURES, "tgpl")),
  ...files(join(FIXTURES, "cycle")),
].flatMap(readModelDocs);
const result = buildLineage(docs);
const node = (id: string) => {
  const n = result.nodes.find((x) => x.id === id);
  assert.ok(n, `no node ${id}`);
  return n;
};

describe("lineage of real and made-up cards", () => {
  it("marks the models whose published licence breaks what they inherit", () => {
    // A PEFT adapter of Llama 2 shared under MIT; a LoRA of a TGPL model under MIT; a TGPL x Llama merge.
    assert.equal(node("NouRed/quantized-llama2-alpaca").breaks, true);
    assert.equal(node("someone/tgpl-coder-7b-sql-lora").breaks, true);
    assert.equal(node("someone/tgpl-llama-slerp").breaks, true);
    assert.equal(node("someone/tgpl-llama-slerp").verdict, "conflict");
    assert.deepEqual(
      result.nodes.filter((n) => n.breaks).map((n) => n.id),
      [
        "NouRed/quantized-llama2-alpaca",
        "someone/tgpl-coder-7b-sql-lora",
        "someone/tgpl-llama-slerp",
      ],
    );
    // A GGUF of Llama 2 under the Llama 2 licence, and a TGPL quantization under the TGPL, break nothing.
    assert.equal(node("TheBloke/Llama-2-7B-GGUF").breaks, false);
    assert.equal(node("someone/tgpl-coder-7b-GGUF").breaks, false);
  });

  it("propagates obligations down the genealogy, with the lineage path", () => {
    const lora = node("someone/tgpl-coder-7b-sql-lora");
    assert.deepEqual(lora.weights?.only, ["LicenseRef-TGPL-1.0", "LicenseRef-TGPL-1.0-or-later"]);
    assert.ok(lora.owes.includes("model-source"));
    const mismatch = lora.findings.find((f) => f.code === "weights-licence-mismatch")!;
    assert.deepEqual(mismatch.path, ["someone/tgpl-coder-7b-sql-lora", "acme/tgpl-coder-7b"]);
    // The dataset card gave the base's training data its licence.
    assert.ok(
      mismatch.sources.some(
        (s) => s.source === "acme/tgpl-code" && s.licence === "LicenseRef-TGPL-1.0",
      ),
    );
    const zephyr = node("HuggingFaceH4/zephyr-7b-beta");
    assert.equal(
      zephyr.findings.some((f) => f.code === "licence-unknown"),
      false,
    );
  });

  it("reports parents named but not given as open nodes, and cycles, without failing", () => {
    const open = result.missing.map((m) => m.id);
    assert.ok(open.includes("meta-llama/Meta-Llama-3.1-8B"), open.join(", "));
    assert.ok(open.includes("Qwen/Qwen2.5-72B"));
    assert.equal(node("meta-llama/Meta-Llama-3.1-8B").open, true);
    assert.equal(result.cycles.length, 1);
    assert.deepEqual([...result.cycles[0]!].sort(), ["a/first", "a/first", "b/second"].sort());
    assert.ok(result.nodes.some((n) => n.findings.some((f) => f.code === "lineage-cycle")));
  });

  it("prints text, DOT and Mermaid with every edge and the breaking models marked", () => {
    const dot = lineageDot(result);
    assert.match(dot, /^digraph lineage \{/);
    assert.match(
      dot,
      /"someone\/tgpl-coder-7b-sql-lora" -> "acme\/tgpl-coder-7b" \[label="adapter"\];/,
    );
    assert.match(
      dot,
      /"NouRed\/quantized-llama2-alpaca" \[label="[^"]*BREAKS", fillcolor="#f8d0d0"/,
    );
    assert.equal(dot.match(/ -> /g)?.length, result.edges.length);
    const mermaid = lineageMermaid(result);
    assert.match(mermaid, /^graph BT\n/);
    assert.equal(mermaid.match(/ -->\|/g)?.length, result.edges.length);
    assert.match(mermaid, /class [m0-9,]+ breaks;/);
    const text = lineageText(result);
    assert.match(text, /^someone\/tgpl-llama-slerp {2}LicenseRef-TGPL-1.0-or-later {2}BREAKS$/m);
    assert.match(
      text,
      /^ {2}from: acme\/tgpl-coder-7b \(merge\), meta-llama\/Llama-3.1-8B-Instruct \(merge\)$/m,
    );
    assert.match(text, /3 break what they inherit; 1 cycles/);
  });

  it("resolves a long chain without deep recursion", () => {
    const n = 10_000;
    const specs: ModelDoc[] = [];
    for (let i = 0; i < n; i++) {
      const spec: ModelSpec = {
        id: `m/${i}`,
        licence: i === n - 1 ? "MIT" : "LicenseRef-TGPL-1.0",
        sources: [],
      };
      if (i > 0) spec.bases = [{ ref: `m/${i - 1}`, relation: "finetune" }];
      else spec.sources = [{ name: "tgpl-lib", licence: "LicenseRef-TGPL-1.0" }];
      specs.push({ format: "tgpl", kind: "model", spec, warnings: [] });
    }
    const r = buildLineage(specs);
    assert.equal(r.summary.models, n);
    assert.deepEqual(
      r.nodes.filter((x) => x.breaks).map((x) => x.id),
      [`m/${n - 1}`],
    );
  });
});
