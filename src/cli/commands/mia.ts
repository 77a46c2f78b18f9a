/** `tgpl mia FILE... --model M`: membership scores, and dataset inference with controls. */
import { UsageError } from "../../errors.ts";
import { openBackend } from "../../evidence/backends/open.node.ts";
import { isScored, runMia } from "../../evidence/scores/mia.node.ts";
import type { Backend } from "../../evidence/backends/types.ts";
import { intOption, parse } from "../args.ts";

const USAGE = `Usage: tgpl mia FILE|DIR... --model MODEL [--reference MODEL2] [--controls DIR]

Membership-inference scores of each file under MODEL: loss (nats/token),
perplexity, zlib ratio, Min-K% and Min-K%++ (needs the full next-token
distribution: gguf: models), and with --reference the ratio of the two
models' losses. They are scores, not verdicts: lower loss, zlib ratio and
reference ratio, and higher Min-K% and Min-K%++, point to training data.

With --controls DIR (files of the same kind that you never published),
dataset inference: both sets are split at random, the scores are combined
on one half and tested on the other (exact rank test), giving a p-value,
with warnings when the sets differ in length, language or date.

MODEL: gguf:PATH, vllm:URL or tgi:URL.

Options:
  --model MODEL       the model to score with
  --reference MODEL2  a reference model for the reference ratio
  --controls DIR      private files of the same kind, for dataset inference
  --k F               Min-K% fraction (default 0.2)
  --seed S            seed of the random split (default fixed, printed)
  --threads N         CPU threads for gguf: (default 2)
  --timeout S         seconds per server request (default 60)
  --json              one JSON document on stdout

Exit codes: 0 scores printed, 2 bad usage or input.`;

const f4 = (x: number | null | undefined) => (x === null || x === undefined ? "-" : x.toFixed(4));

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      model: { type: "string" },
      reference: { type: "string" },
      controls: { type: "string" },
      k: { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
      timeout: { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`no files given\n\n${USAGE}`);
  if (!values.model) throw new UsageError(`--model MODEL is required\n\n${USAGE}`);
  const k = values.k === undefined ? 0.2 : Number(values.k);
  if (!(k > 0 && k <= 1))
    throw new UsageError(`--k needs a fraction in (0, 1], got ${JSON.stringify(values.k)}`);
  const options = {
    threads: values.threads === undefined ? undefined : intOption(values.threads, "threads", 2),
    timeoutMs: intOption(values.timeout, "timeout", 60) * 1000,
  };
  const model = await openBackend(values.model, options);
  let reference: Backend | undefined;
  try {
    if (values.reference) reference = await openBackend(values.reference, options);
    const r = await runMia(model, reference, {
      files: positionals,
      controls: values.controls,
      k,
      seed: values.seed,
    });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    }
    const lines = [`Model: ${r.model}${r.reference ? `   reference: ${r.reference}` : ""}`, ""];
    lines.push("tokens  loss    ppl       zlib     minK%    minK%++  ref.ratio  file");
    for (const f of r.files) {
      if (!isScored(f)) lines.push(`error: ${f.path}: ${f.error}`);
      else
        lines.push(
          `${String(f.tokens).padStart(6)}  ${f4(f.loss)}  ${f.perplexity.toFixed(1).padStart(8)}  ${f4(f.zlibRatio)}  ${f4(f.minK).padStart(7)}  ${f4(f.minKPlusPlus).padStart(7)}  ${f4(f.referenceRatio).padStart(9)}  ${f.path}`,
        );
    }
    const di = r.datasetInference;
    if (di) {
      lines.push(
        "",
        `Dataset inference against ${values.controls}: p = ${di.p < 1e-4 ? di.p.toExponential(2) : di.p.toPrecision(3)}, AUC ${di.auc.toFixed(3)} on the test halves (${di.sizes.suspectTest} suspect, ${di.sizes.controlTest} control files; split seed "${di.seed}")`,
        `Features: ${di.features.join(", ")}`,
        ...di.warnings.map((w) => `Warning: ${w}`),
      );
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await model.close();
    await reference?.close();
  }
}
