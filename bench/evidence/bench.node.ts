/**
 * `npm run bench:evidence`: the level of the canary test under the null, its
 * power on a model that learned from data as a function of repetitions and
 * canary count, and the speed of scoring against bare llama.cpp evaluation.
 * Writes its section of BENCHMARKS.md (other sections untouched), the plots
 * bench/evidence/power-k*.svg and bench/.cache/evidence-results.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cpuLlama, openGgufBackend } from "../../src/evidence/backends/gguf.node.ts";
import { scoreCanaries, testCanaries } from "../../src/evidence/canary/verify.ts";
import { bigramGguf, countBigrams } from "../../src/evidence/models/fit.ts";
import { corpusVocab, tokenizeWith } from "../../src/evidence/models/train.node.ts";
import { seededRandom, shuffled } from "../../src/evidence/stats/random.ts";
import { rankSumTest } from "../../src/evidence/stats/rank-test.ts";
import { campaignVault, canaryDocuments } from "../../src/evidence/test-utils/campaign.ts";
import { packageSources } from "../../src/evidence/test-utils/corpus.node.ts";
import {
  type Cell,
  type EvidenceResults,
  medianP,
  mergeSection,
  renderSection,
  type SpeedRow,
} from "./report.ts";
import { linePlot } from "./svg.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const PACKAGES = [
  "semver",
  "commander",
  "yargs-parser",
  "minimist",
  "rc",
  "debug",
  "chalk",
  "cross-spawn",
  "smol-toml",
  "ms",
  "ini",
  "which",
  "ignore",
];

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    seeds: { type: "string" },
    reps: { type: "string" },
    "no-md": { type: "boolean" },
    render: { type: "string" },
  },
});
const quick = Boolean(values.quick);
const SEEDS = Number(values.seeds ?? (quick ? 2 : 5));
const REPS = Number(values.reps ?? (quick ? 3 : 7));
const COUNTS = quick ? [4, 16] : [4, 8, 16, 32];
const REPEATS = quick ? [0, 1, 4] : [0, 1, 2, 4, 8, 16];
const SMOOTHINGS = [1, 1024];
const log = (s: string) => process.stderr.write(`${s}\n`);
const hex = (label: string) => {
  const r = seededRandom(label);
  return Array.from({ length: 8 }, () => r.u32().toString(16).padStart(8, "0")).join("");
};

const RESULTS = join(REPO, "bench/.cache/evidence-results.json");

/** Writes the plots and, if asked, the BENCHMARKS.md section. */
function publish(results: EvidenceResults, md: boolean): void {
  const all = results.power.flatMap((c) => c.ps).filter((p) => p > 0);
  const min = Math.max(-20, Math.floor(Math.log10(Math.min(...all, 1e-3))) - 1);
  for (const k of results.smoothings) {
    writeFileSync(
      join(REPO, results.plots[k]!),
      linePlot({
        title: `Canary test, model trained by counting (pseudo-count ${k}): median p`,
        xLabel: "repetitions of each published canary in the training corpus",
        yLabel: "median p-value (log scale)",
        xs: results.repeats,
        series: results.counts.map((n) => ({
          name: `N = ${n} + ${n}`,
          ys: results.repeats.map((rep) =>
            medianP(
              results.power.find(
                (c) => c.smoothing === k && c.published === n && c.repeats === rep,
              )!,
            ),
          ),
        })),
        yLog: { min, max: 0 },
        lines: [
          { y: 0.05, label: "α = 0.05" },
          { y: 0.01, label: "α = 0.01" },
        ],
      }),
    );
  }
  if (!md) {
    log(renderSection(results));
    return;
  }
  const file = join(REPO, "BENCHMARKS.md");
  let existing: string | null = null;
  try {
    existing = readFileSync(file, "utf8");
  } catch {}
  writeFileSync(file, mergeSection(existing, renderSection(results)));
  log(`wrote BENCHMARKS.md (evidence section) and ${Object.values(results.plots).join(", ")}`);
}

if (values.render) {
  // Re-render the outputs from a saved run (after a change to the report), without measuring again.
  publish(JSON.parse(readFileSync(values.render, "utf8")) as EvidenceResults, true);
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), "tgpl-bench-evidence-"));
try {
  const corpus = packageSources(PACKAGES);
  const bytes = corpus.reduce((s, t) => s + Buffer.byteLength(t), 0);
  log(`corpus: ${corpus.length} files, ${bytes} bytes`);
  const vocab = corpusVocab(corpus, 300);
  const baseDocs = await tokenizeWith(vocab, corpus);
  const baseTokens = baseDocs.reduce((s, d) => s + d.length - 1, 0);
  log(`vocabulary ${vocab.tokens.length}, ${baseTokens} tokens`);
  const modelFile = async (name: string, extra: number[][], pseudoCount = 1) => {
    const path = join(tmp, `${name}.gguf`);
    writeFileSync(
      path,
      bigramGguf(countBigrams(vocab, [...baseDocs, ...extra]), { name, pseudoCount }),
    );
    return path;
  };
  const m0 = await modelFile("never-saw-canaries", []);
  const b0 = await openGgufBackend(m0, { threads: 1 });

  // Level under the null: scores computed once, 1,000 random splits.
  const nullCheck: EvidenceResults["nullCheck"] = [];
  for (const n of [100, 10]) {
    const vault = campaignVault(hex(`null-${n}`), n, n);
    const losses = (await scoreCanaries(b0, vault)).map((s) => s.loss);
    const rng = seededRandom(`splits-${n}`);
    let at05 = 0;
    let at01 = 0;
    const splits = 1000;
    for (let k = 0; k < splits; k++) {
      const order = shuffled(losses, rng);
      const p = rankSumTest(order.slice(0, n), order.slice(n), `split-${k}`).p;
      if (p <= 0.05) at05++;
      if (p <= 0.01) at01++;
    }
    nullCheck.push({ canaries: 2 * n, splits, at05, at01 });
    log(`null ${n}+${n}: ${at05 / splits} at 0.05, ${at01 / splits} at 0.01`);
  }

  // Power on the learned model.
  const power: Cell[] = [];
  for (const k of SMOOTHINGS) {
    const untrained =
      k === 1 ? b0 : await openGgufBackend(await modelFile(`never-k${k}`, [], k), { threads: 1 });
    for (const n of COUNTS) {
      for (const rep of REPEATS) {
        const cell: Cell = { smoothing: k, published: n, repeats: rep, ps: [], aucs: [] };
        for (let s = 0; s < SEEDS; s++) {
          const vault = campaignVault(hex(`power-${n}-${s}`), n, n);
          let backend = untrained;
          if (rep > 0) {
            const docs = await tokenizeWith(vocab, canaryDocuments(vault, rep));
            backend = await openGgufBackend(await modelFile(`k${k}-n${n}-r${rep}-s${s}`, docs, k), {
              threads: 1,
            });
          }
          const r = testCanaries(await scoreCanaries(backend, vault), vault, backend.spec);
          cell.ps.push(r.p);
          cell.aucs.push(r.auc);
          if (backend !== untrained) await backend.close();
        }
        power.push(cell);
        log(`power k=${k} N=${n} repeats=${rep}: median p ${medianP(cell).toExponential(2)}`);
      }
    }
    if (untrained !== b0) await untrained.close();
  }

  // Speed: tgpl's backend against bare llama.cpp evaluation of the same tokens.
  const texts: string[] = [];
  let chars = 0;
  for (const t of corpus) {
    if (t.length < 1000 || t.length > 6000) continue;
    texts.push(t);
    chars += t.length;
    if (chars > 30_000) break;
  }
  const llama = await cpuLlama();
  const model = await llama.loadModel({ modelPath: m0 });
  const context = await model.createContext({
    contextSize: 2048,
    batchSize: 2048,
    threads: 1,
    sequences: 1,
  });
  const seq = context.getSequence();
  const tokenized = texts.map((t) => [model.tokens.bos!, ...model.tokenize(t, false)]);
  const tokens = tokenized.reduce((s, t) => s + t.length - 1, 0);
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return (performance.now() - t0) / 1000;
  };
  const runs: Record<string, number[]> = { bare: [], decode: [], none: [], moments: [] };
  for (let k = 0; k < REPS; k++) {
    runs.bare!.push(
      await time(async () => {
        for (const t of tokenized) {
          await seq.clearHistory();
          await seq.controlledEvaluate(
            t.map((x, i) =>
              i < t.length - 1 ? [x, { generateNext: { probabilities: true } }] : x,
            ),
          );
        }
      }),
    );
    runs.none!.push(await time(() => b0.score(texts, { distribution: "none" })));
    runs.moments!.push(await time(() => b0.score(texts, { distribution: "moments" })));
    runs.decode!.push(
      await time(async () => {
        for (const t of tokenized) {
          await seq.clearHistory();
          await seq.evaluateWithoutGeneratingNewTokens(t);
        }
      }),
    );
    log(`speed run ${k + 1}/${REPS}`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const row = (what: string, xs: number[]): SpeedRow => ({
    what,
    tokens,
    seconds: Math.min(...xs),
    median: med(xs),
  });
  const rows: SpeedRow[] = [
    row("bare llama.cpp: decode only (no probabilities)", runs.decode!),
    row("bare llama.cpp: decode + full next-token distribution per position", runs.bare!),
    row("tgpl gguf backend: log-probabilities", runs.none!),
    row("tgpl gguf backend: log-probabilities + distribution moments", runs.moments!),
  ];
  await context.dispose();
  await model.dispose();
  await b0.close();

  const plots = Object.fromEntries(SMOOTHINGS.map((k) => [k, `bench/evidence/power-k${k}.svg`]));
  const pkg = JSON.parse(
    readFileSync(join(REPO, "node_modules/node-llama-cpp/package.json"), "utf8"),
  ) as { version: string };
  const release = JSON.parse(
    readFileSync(
      join(REPO, "node_modules/node-llama-cpp/llama/binariesGithubRelease.json"),
      "utf8",
    ),
  ) as { release: string };
  let os: string = process.platform;
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? os;
  } catch {}
  const results: EvidenceResults = {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    command: `npm run bench:evidence${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    machine: {
      CPU: `${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores`,
      memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      OS: os,
      Node: process.version,
      "node-llama-cpp": `${pkg.version} (llama.cpp ${release.release}, prebuilt CPU binary)`,
    },
    corpus: { packages: PACKAGES, bytes, tokens: baseTokens, vocabulary: vocab.tokens.length },
    nullCheck,
    power,
    repeats: REPEATS,
    counts: COUNTS,
    smoothings: SMOOTHINGS,
    seeds: SEEDS,
    speed: {
      rows,
      reps: REPS,
      overheadNone: rows[2]!.seconds / rows[1]!.seconds - 1,
      overheadMoments: rows[3]!.seconds / rows[1]!.seconds - 1,
    },
    plots,
  };
  mkdirSync(join(REPO, "bench/.cache"), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  publish(results, !values["no-md"] && !quick);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
