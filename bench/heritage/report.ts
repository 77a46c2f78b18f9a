/** The BENCHMARKS.md section of `npm run bench:heritage`, merged in without touching other sections. Pure. */
import type { Score } from "./score.ts";

export const HEADING = "## Heritage from weights (`npm run bench:heritage`)";
export const START = "<!-- bench:heritage:start -->";
export const END = "<!-- bench:heritage:end -->";

/** Put the section into BENCHMARKS.md's text, replacing an earlier run's and keeping every other section. */
export function mergeSection(existing: string | null, body: string): string {
  const section = `${HEADING}\n\n${START}\n${body.trim()}\n${END}`;
  if (!existing) return `# Benchmarks\n\n${section}\n`;
  const start = existing.indexOf(HEADING);
  const end = existing.indexOf(END);
  if (start >= 0 && end > start)
    return existing.slice(0, start) + section + existing.slice(end + END.length);
  return `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
}

export interface BenchReport {
  date: string;
  machine: string;
  families: number;
  sizes: number[];
  total: Score;
  /** Pairwise MoTHer direction alone (before the tree), on true fine-tune and adapter edges. */
  kurtosisPairs: {
    right: number;
    of: number;
    byConfidence: Record<string, { right: number; of: number }>;
  };
  cosines: { unrelatedMax: number; unrelatedMean: number; relatedMin: number };
  big?: {
    bytesPerModel: number;
    tensors: number;
    seconds: number;
    peakRssMiB: number;
    relation: string | null;
    rank: number | null;
  };
}

const pct = (a: number, b: number) =>
  b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;

export function renderReport(r: BenchReport): string {
  const t = r.total;
  const lines = [
    `Run ${r.date} on ${r.machine}. Each family is trained here from seeds (src/lineage/observed/train/): a base pre-trained by SGD from random weights on a teacher-labelled classification task, full fine-tunes by Adam on perturbed tasks (and one fine-tune of a fine-tune), a rank-4 LoRA saved merged and as a PEFT adapter, a linear merge of two fine-tunes, a Q8_0 GGUF copy and an F16 or BF16 safetensors copy of randomly chosen members, and a model of the same shape trained from other random weights. MLP widths ${r.sizes.join("-")}. All ${r.families} families are written to disk and compared with \`heritageOfPaths\` exactly as \`tgpl heritage\` does.`,
    "",
    "### Tree recovery over " + r.families + " families",
    "",
    "| measure | value |",
    "|---|---|",
    `| edge precision (linked pairs that are true edges) | ${pct(t.found, t.predicted)} |`,
    `| edge recall (true edges found) | ${pct(t.found, t.truth)} |`,
    `| direction accuracy (found edges whose parent is right) | ${pct(t.rightDirection, t.found)} |`,
    `| relation accuracy (found edges named right) | ${pct(t.rightRelation, t.found)} |`,
    `| edges touching the unrelated model | ${t.unrelatedLinks} |`,
    "",
    "| true relation | found | right direction | right relation |",
    "|---|---|---|---|",
    ...Object.entries(t.byRelation)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([k, v]) =>
          `| ${k} | ${pct(v.found, v.of)} | ${pct(v.direction, v.found)} | ${pct(v.relation, v.found)} |`,
      ),
    "",
    "Stated direction confidence against what was right (found edges):",
    "",
    "| stated | right direction |",
    "|---|---|",
    ...["certain", "likely", "weak", "uncertain"]
      .filter((k) => t.byConfidence[k])
      .map((k) => `| ${k} | ${pct(t.byConfidence[k]!.right, t.byConfidence[k]!.found)} |`),
    "",
    `MoTHer's kurtosis rule on its own (pairwise, before the tree), on true fine-tune and adapter edges: ${pct(r.kurtosisPairs.right, r.kurtosisPairs.of)}; by its stated confidence: ${Object.entries(
      r.kurtosisPairs.byConfidence,
    )
      .map(([k, v]) => `${k} ${pct(v.right, v.of)}`)
      .join(
        ", ",
      )}. The tree does better than its edges because a family's root must explain all of them at once.`,
    "",
    `Centred cosine of the weight matrices: unrelated pairs mean ${r.cosines.unrelatedMean.toFixed(3)}, max ${r.cosines.unrelatedMax.toFixed(3)}; true edges min ${r.cosines.relatedMin.toFixed(3)} (thresholds: related likely ≥ 0.2, certain ≥ 0.5).`,
  ];
  if (r.big) {
    const b = r.big;
    lines.push(
      "",
      "### Two models of 1 GB",
      "",
      `Two F32 safetensors files of ${(b.bytesPerModel / 1e9).toFixed(2)} GB each (${b.tensors} tensors shaped like a 6-layer transformer of width 2048), the second a copy of the first with a rank-8 update on the attention matrices, generated into bench/.cache/heritage/. Compared in a child process with the default slice (2^20 values per model):`,
      "",
      "| measure | value |",
      "|---|---|",
      `| wall time | ${b.seconds.toFixed(1)} s |`,
      `| peak RSS | ${b.peakRssMiB.toFixed(0)} MiB |`,
      `| verdict | ${b.relation ?? "none"}${b.rank !== null ? `, rank ${b.rank}` : ""} |`,
    );
  }
  lines.push(
    "",
    "Not measured here: real published models (none can be downloaded on these machines), and GGUF k-quants (compared by metadata only). The kurtosis rule is MoTHer's for fine-tuning; in continued pre-training the paper reverses it, and models trained otherwise may follow neither: the stated confidence is what to read.",
  );
  return lines.join("\n");
}
