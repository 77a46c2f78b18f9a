/**
 * `npm run bench:lineage`: how long `tgpl lineage` takes to resolve a large
 * genealogy. Generates a deterministic family of models shaped like the Hub's
 * (a few hundred base models under Apache, MIT, Llama, Gemma, OpenRAIL,
 * CC-BY-NC and TGPL licences; fine-tunes, quantizations, adapters and merges
 * of them, some relabelled under a licence that breaks what they inherit),
 * parses their cards, resolves the lineage and renders it. A benchmark, not a
 * test: it asserts nothing about time. Writes its section of BENCHMARKS.md.
 *
 * Usage: npm run bench:lineage -- [--models N] [--no-write]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ModelDoc } from "../../src/lineage/doc.ts";
import { lineageDot, lineageMermaid } from "../../src/lineage/format.ts";
import { buildLineage } from "../../src/lineage/graph.ts";
import { readHfCard } from "../../src/lineage/hf-card.ts";
import { mergeSection } from "./report.ts";

const { values } = parseArgs({
  options: { models: { type: "string" }, "no-write": { type: "boolean" } },
});
const N = Number(values.models ?? 100_000);
const BASES = Math.max(10, Math.round(N / 200));

// A small linear congruential generator: the same family every run.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const BASE_LICENCES = [
  "apache-2.0",
  "mit",
  "llama3.1",
  "gemma",
  "bigcode-openrail-m",
  "cc-by-nc-4.0",
  "other:tgpl-1.0-or-later",
];
const DATA_LICENCES = ["mit", "apache-2.0", "cc-by-4.0", "cc-by-sa-4.0", "cdla-permissive-2.0"];

function cardText(fm: Record<string, unknown>): string {
  const lines = ["---"];
  for (const [k, v] of Object.entries(fm)) {
    if (Array.isArray(v)) lines.push(`${k}:`, ...v.map((x) => `- ${x}`));
    else lines.push(`${k}: ${v}`);
  }
  lines.push("---", "", "# model card", "");
  return lines.join("\n");
}
const licenceFields = (l: string) =>
  l.startsWith("other:") ? { license: "other", license_name: l.slice(6) } : { license: l };

// Cards first (as text), so that parsing is measured as well as resolving.
const texts: { id: string; text: string }[] = [];
const licenceOf: string[] = [];
const datasets: { id: string; text: string }[] = [];
for (let i = 0; i < 200; i++) {
  // Every tenth dataset is TGPL code; only TGPL base models train on it.
  const licence = i % 10 === 0 ? "other:tgpl-1.0" : pick(DATA_LICENCES);
  datasets.push({
    id: `data/set-${i}`,
    text: cardText({ ...licenceFields(licence), task_categories: ["text-generation"] }),
  });
}
const tgplData = datasets.filter((_, i) => i % 10 === 0);
const otherData = datasets.filter((_, i) => i % 10 !== 0);
for (let i = 0; i < N; i++) {
  const id = `org${i % 997}/model-${i}`;
  if (i < BASES) {
    const licence = pick(BASE_LICENCES);
    licenceOf.push(licence);
    const data = licence.includes("tgpl")
      ? [pick(tgplData).id, pick(otherData).id]
      : [pick(otherData).id, pick(otherData).id];
    texts.push({
      id,
      text: cardText({
        ...licenceFields(licence),
        datasets: data,
        pipeline_tag: "text-generation",
      }),
    });
    continue;
  }
  // Parents are earlier models, mostly recent ones and bases: a genealogy a few generations deep.
  const parent = () =>
    rand() < 0.5
      ? Math.floor(rand() * BASES)
      : Math.max(0, i - 1 - Math.floor(rand() * Math.min(i, 5000)));
  const r = rand();
  const relation = r < 0.6 ? "finetune" : r < 0.8 ? "quantized" : r < 0.92 ? "adapter" : "merge";
  const first = parent();
  // Merges mostly join models of one family (one licence), as mergekit recipes on the Hub do.
  let second = parent();
  for (let t = 0; t < 8 && rand() < 0.9 && licenceOf[second] !== licenceOf[first]; t++)
    second = parent();
  const parents = relation === "merge" && second !== first ? [first, second] : [first];
  // Most keep their parent's licence; some relabel it, as happens on the Hub.
  const licence = rand() < 0.05 ? pick(["mit", "apache-2.0"]) : licenceOf[parents[0]!]!;
  licenceOf.push(licence);
  const fm: Record<string, unknown> = {
    ...licenceFields(licence),
    base_model: parents.map((p) => `org${p % 997}/model-${p}`),
    base_model_relation: relation,
  };
  if (relation === "finetune" || relation === "adapter") fm.datasets = [pick(otherData).id];
  texts.push({ id, text: cardText(fm) });
}

const mem = () => process.memoryUsage().rss / 2 ** 20;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

const [docs, parseMs] = time(() => {
  const out: ModelDoc[] = [];
  for (const c of [...datasets, ...texts]) {
    const r = readHfCard(c.text, c.id);
    if (!r.ok) throw new Error(`${c.id}: ${r.error}`);
    out.push(r.value);
  }
  return out;
});
const [result, resolveMs] = time(() => buildLineage(docs));
const [json, jsonMs] = time(() => JSON.stringify(result));
const [dot, dotMs] = time(() => lineageDot(result));
const [mermaid, mermaidMs] = time(() => lineageMermaid(result));
const peak = mem();
const s = result.summary;

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const body = [
  `Resolving the genealogy of ${N.toLocaleString("en")} models (${BASES} base models, 200 dataset cards, a tenth of them TGPL code; ${result.edges.length.toLocaleString("en")} parent edges; 60% fine-tunes, 20% quantizations, 12% adapters, 8% merges, mostly within one licence family; 5% relabelled MIT or Apache-2.0) from their Hugging Face cards, propagating obligations and checking every model. Generated deterministically by \`bench/lineage/bench.node.ts\`; one run, one thread.`,
  "",
  "| step | time |",
  "|---|---|",
  `| parse ${(datasets.length + texts.length).toLocaleString("en")} cards (front matter) | ${fmt(parseMs)} |`,
  `| build graph, propagate, check every model | ${fmt(resolveMs)} |`,
  `| JSON (${(json.length / 2 ** 20).toFixed(0)} MiB) | ${fmt(jsonMs)} |`,
  `| Graphviz DOT (${(dot.length / 2 ** 20).toFixed(0)} MiB) | ${fmt(dotMs)} |`,
  `| Mermaid (${(mermaid.length / 2 ** 20).toFixed(0)} MiB) | ${fmt(mermaidMs)} |`,
  "",
  `Result: ${s.compliant} compliant, ${s.violations} with violations, ${s.conflict} in conflict, ${s.unknown} unknown (mostly base models that do not document their training data, and what descends from them); ${s.breaks.toLocaleString("en")} models break what they inherit. Peak resident memory ${peak.toFixed(0)} MiB.`,
  "",
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:lineage\`.`,
].join("\n");

process.stdout.write(`${body}\n`);
if (!values["no-write"]) {
  const file = join(import.meta.dirname, "../../BENCHMARKS.md");
  writeFileSync(file, mergeSection(existsSync(file) ? readFileSync(file, "utf8") : null, body));
  process.stderr.write(`wrote the lineage section of ${file}\n`);
}
