/**
 * The BENCHMARKS.md section of `npm run bench:evidence`, from its results.
 * Pure; the runner writes the section between its markers and leaves every
 * other section as it is.
 */

export const SECTION_START = "<!-- bench:evidence:start -->";
export const SECTION_END = "<!-- bench:evidence:end -->";
export const HEADING = "## Evidence: canary tests and scoring (`npm run bench:evidence`)";

export interface Cell {
  /** Pseudo-count of the model's smoothing: higher forgets single occurrences more. */
  smoothing: number;
  published: number;
  repeats: number;
  /** p-value of each campaign (seed). */
  ps: number[];
  aucs: number[];
}

export interface SpeedRow {
  what: string;
  tokens: number;
  /** Fastest of the repetitions: the least disturbed by other work on the machine. */
  seconds: number;
  median: number;
}

export interface EvidenceResults {
  date: string;
  command: string;
  machine: Record<string, string>;
  corpus: { packages: string[]; bytes: number; tokens: number; vocabulary: number };
  nullCheck: { canaries: number; splits: number; at05: number; at01: number }[];
  power: Cell[];
  repeats: number[];
  counts: number[];
  smoothings: number[];
  seeds: number;
  speed: { rows: SpeedRow[]; reps: number; overheadNone: number; overheadMoments: number };
  plots: Record<number, string>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p = (x: number) => (x === 0 ? "<1e-300" : x < 1e-3 ? x.toExponential(1) : x.toFixed(3));
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => " --- ").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

export function medianP(cell: Cell): number {
  return median(cell.ps);
}

function powerTables(r: EvidenceResults, k: number): string[] {
  const cell = (n: number, rep: number) =>
    r.power.find((c) => c.smoothing === k && c.published === n && c.repeats === rep)!;
  return [
    table(
      ["N \\ repeats", ...r.repeats.map(String)],
      r.counts.map((n) => [
        String(n),
        ...r.repeats.map((rep) => {
          const c = cell(n, rep);
          return `${p(medianP(c))} (${(c.ps.filter((x) => x <= 0.05).length / c.ps.length).toFixed(2)})`;
        }),
      ]),
    ),
    "",
    "Median AUC (probability that a published canary has lower loss than a held-out one; 0.5 is chance):",
    "",
    table(
      ["N \\ repeats", ...r.repeats.map(String)],
      r.counts.map((n) => [
        String(n),
        ...r.repeats.map((rep) => median(cell(n, rep).aucs).toFixed(2)),
      ]),
    ),
    "",
    `![median p-value by repetitions, pseudo-count ${k}](${r.plots[k]})`,
    "",
  ];
}

export function renderSection(r: EvidenceResults): string {
  return [
    HEADING,
    "",
    SECTION_START,
    "",
    `Run ${r.date} with \`${r.command}\`.`,
    "",
    table(
      ["machine", ""],
      Object.entries(r.machine).map(([k, v]) => [k, v]),
    ),
    "",
    "The model under test is the one `src/evidence/models/` fits by counting: a bigram language model over a SentencePiece-style vocabulary " +
      `(${r.corpus.vocabulary} tokens, BPE merges learned from the corpus), smoothed toward the unigram distribution with a pseudo-count k, written as a one-layer llama GGUF and run by llama.cpp through node-llama-cpp on the CPU. ` +
      `Its corpus is the JavaScript of ${r.corpus.packages.length} npm packages (${r.corpus.packages.join(", ")}): ${(r.corpus.bytes / 1024).toFixed(0)} KiB, ${r.corpus.tokens.toLocaleString("en-US")} tokens. ` +
      'A campaign\'s published canaries enter the corpus as the statement `tgpl canary mark` plants (`exports.NAME = "name";`), each as its own document, `repeats` times; held-out canaries never do. ' +
      "Each campaign is then tested as `tgpl canary verify` does: mean token loss over the canary's two occurrences, exact one-sided Wilcoxon–Mann–Whitney test, published against held-out.",
    "",
    "### Level under the null",
    "",
    "Canaries scored once by the model trained on the corpus alone (it never saw any canary), then split into published and held-out halves at random; the share of splits the test rejects:",
    "",
    table(
      [
        "canaries (published + held out)",
        "random splits",
        "rejected at α = 0.05",
        "rejected at α = 0.01",
      ],
      r.nullCheck.map((n) => [
        `${n.canaries / 2} + ${n.canaries / 2}`,
        String(n.splits),
        (n.at05 / n.splits).toFixed(3),
        (n.at01 / n.splits).toFixed(3),
      ]),
    ),
    "",
    "The test is exact, so the rates should be at most α up to sampling noise (about ± 0.014 at α = 0.05 over 1,000 splits) and below α where the test's discreteness leaves no level exactly at α (10 + 10); the issue's bounds are [0.035, 0.065] and [0.003, 0.02].",
    "",
    "### Power: p-value by repetitions and canary count",
    "",
    `Median p-value over ${r.seeds} campaigns (different seeds) for each cell; in brackets, the share of campaigns rejected at α = 0.05. Published = held-out = N.`,
    "",
    ...r.smoothings.flatMap((k, i) => [
      `#### ${i === 0 ? "Sharp memory" : "Weak memory"}: pseudo-count k = ${k}`,
      "",
      ...powerTables(r, k),
    ]),
    "How to read it: the smallest p-value a campaign can reach is 1/C(2N, N) (N = 4: 0.014), so small campaigns cannot give strong evidence however well the model learned; at 0 repetitions the p-values are spread over (0, 1] as the null predicts. " +
      "With k = 1 one occurrence is remembered (counts of rare token pairs, such as the canary's capitals, move far); with a large k a pair must recur before it moves the model, which is closer to how large models need repetitions before they memorise. " +
      "A bigram model learns a canary only through its token pairs, and the held-out canaries share words with the published ones, so these numbers are a floor for models with longer memory.",
    "",
    "### Scoring speed against bare llama.cpp",
    "",
    `The same ${r.speed.rows[0]?.tokens.toLocaleString("en-US")} tokens (source files of the corpus), ${r.speed.reps} interleaved runs of each, one thread; the fastest run counts (other work on the shared machine only slows runs down), the median is shown beside it:`,
    "",
    table(
      ["what", "tokens", "seconds (fastest)", "seconds (median)", "tokens/s"],
      r.speed.rows.map((s) => [
        s.what,
        s.tokens.toLocaleString("en-US"),
        s.seconds.toFixed(3),
        s.median.toFixed(3),
        Math.round(s.tokens / s.seconds).toLocaleString("en-US"),
      ]),
    ),
    "",
    `Overhead of tgpl over bare llama.cpp evaluation with the same per-token probabilities: ${(100 * r.speed.overheadNone).toFixed(1)}% for log-probabilities only (what \`canary verify\` asks for), ${(100 * r.speed.overheadMoments).toFixed(1)}% with the distribution's moments (what \`mia\` asks for, for Min-K%++). ` +
      "Bare evaluation is node-llama-cpp's `controlledEvaluate` with `generateNext.probabilities` on the token ids, nothing else; tgpl adds tokenization, placing pieces on the text, windowing and the log-probabilities. " +
      "The decode-only row shows that most of either cost is node-llama-cpp handing each position's full distribution to JavaScript, which both pay.",
    "",
    SECTION_END,
  ].join("\n");
}

/** Puts the section into BENCHMARKS.md's text, replacing an earlier run's and keeping every other section. */
export function mergeSection(existing: string | null, section: string): string {
  const header =
    "# Benchmarks\n\nEach section: what was measured, on which machine, with which command and when.\n";
  if (!existing) return `${header}\n${section}\n`;
  const start = existing.indexOf(HEADING);
  const end = existing.indexOf(SECTION_END);
  if (start >= 0 && end > start)
    return existing.slice(0, start) + section + existing.slice(end + SECTION_END.length);
  return `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
}
