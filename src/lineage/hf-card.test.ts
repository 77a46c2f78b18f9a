import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readHfCard } from "./hf-card.ts";

const card = (path: string) =>
  readFileSync(new URL(`./fixtures/${path}/README.md`, import.meta.url), "utf8");
const read = (path: string) => {
  const id = path.split("/").slice(-2).join("/");
  const r = readHfCard(card(path), id);
  assert.ok(r.ok, r.ok ? "" : r.error);
  return r.value;
};

describe("Hugging Face cards (real headers)", () => {
  it("maps the Hub's licence ids to SPDX and to our LicenseRefs", () => {
    const expected: [string, string | null][] = [
      ["cards/meta-llama/Llama-3.1-8B-Instruct", "LicenseRef-Llama-3.1"],
      ["cards/meta-llama/Llama-2-7b-hf", "LicenseRef-Llama-2"],
      ["cards/mistralai/Mistral-7B-v0.1", "Apache-2.0"],
      ["cards/google/gemma-2-9b", "LicenseRef-Gemma"],
      ["cards/bigcode/starcoder2-15b", "LicenseRef-BigCode-OpenRAIL-M"],
      [
        "cards/stabilityai/stable-diffusion-xl-base-1.0",
        "LicenseRef-CreativeML-OpenRAIL-PlusPlus-M",
      ],
      ["cards/Qwen/Qwen2.5-72B-Instruct", "LicenseRef-Qwen"],
      ["cards/CohereForAI/c4ai-command-r-v01", "CC-BY-NC-4.0"],
      ["cards/HuggingFaceH4/zephyr-7b-beta", "MIT"],
      ["tgpl/acme/tgpl-coder-7b", "LicenseRef-TGPL-1.0-or-later"],
    ];
    for (const [path, licence] of expected) assert.equal(read(path).spec.licence, licence, path);
  });

  it("reads base_model as a string or a list, with the relation said or inferred as the Hub does", () => {
    const rel = (path: string) => read(path).spec.bases?.map((b) => `${b.ref}:${b.relation}`);
    assert.deepEqual(rel("cards/meta-llama/Llama-3.1-8B-Instruct"), [
      "meta-llama/Meta-Llama-3.1-8B:finetune",
    ]);
    assert.deepEqual(rel("cards/Weyaxi/OpenHermes-2.5-neural-chat-v3-3-Slerp"), [
      "teknium/OpenHermes-2.5-Mistral-7B:merge",
      "Intel/neural-chat-7b-v3-3:merge",
    ]);
    assert.deepEqual(rel("cards/TheBloke/Llama-2-7B-GGUF"), ["meta-llama/Llama-2-7b-hf:quantized"]);
    assert.deepEqual(rel("cards/NouRed/quantized-llama2-alpaca"), [
      "meta-llama/Llama-2-7b-hf:adapter",
    ]);
    assert.deepEqual(rel("tgpl/someone/tgpl-coder-7b-GGUF"), ["acme/tgpl-coder-7b:quantized"]);
    assert.deepEqual(rel("tgpl/someone/tgpl-coder-7b-sql-lora"), ["acme/tgpl-coder-7b:adapter"]);
    assert.equal(read("cards/mistralai/Mistral-7B-v0.1").spec.bases, undefined);
  });

  it("takes datasets as training sources, and their absence as undeclared", () => {
    assert.deepEqual(read("cards/bigcode/starcoder2-15b").spec.sources, [
      { name: "bigcode/the-stack-v2-train" },
    ]);
    assert.equal(read("cards/google/gemma-2-9b").spec.sources, undefined);
  });

  it("tells a dataset card from a model card", () => {
    assert.equal(read("datasets/HuggingFaceH4/ultrachat_200k").kind, "dataset");
    assert.equal(read("datasets/HuggingFaceH4/ultrachat_200k").spec.licence, "MIT");
    assert.equal(read("cards/HuggingFaceH4/zephyr-7b-beta").kind, "model");
  });

  it("keeps an unknown licence name visible as a LicenseRef, with a warning", () => {
    const r = readHfCard(
      "---\nlicense: other\nlicense_name: acme-model-license\nlicense_link: LICENSE\n---\n",
      "a/b",
    );
    assert.ok(r.ok);
    assert.equal(r.value.spec.licence, "LicenseRef-acme-model-license");
    assert.match(r.value.warnings[0]!, /acme-model-license/);
  });

  it("refuses text without front matter, with a reason", () => {
    const r = readHfCard("# just a readme\n", "a/b");
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /front matter/);
  });
});
