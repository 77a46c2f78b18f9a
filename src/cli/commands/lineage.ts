/** `tgpl lineage CARD...`: the genealogy of many models, with what each inherits. */
import { UsageError } from "../../errors.ts";
import { buildLineage } from "../../lineage/graph.ts";
import { lineageDot, lineageMermaid, lineageText } from "../../lineage/format.ts";
import { readModelDocs } from "../../lineage/read.node.ts";
import { parse } from "../args.ts";
import { interpretationOption } from "../policy-options.ts";

const USAGE = `Usage: tgpl lineage CARD... [options]

Builds the genealogy of models from their cards, BOMs and model files
(parents found among the given files, or named and left open), propagates
what each model owes down to its descendants, and marks every model whose
published licence breaks what it inherits. Cycles and missing parents are
reported, not fatal. A card's repository id comes from its path:
ORG/NAME/README.md, or ORG__NAME.md.

Options:
  --json                 one JSON document on stdout
  --format FORMAT        text (default), json, dot (Graphviz) or mermaid
  --interpretation NAME  standard (default) or conservative
  -q, --quiet            text: only models with problems

Exit codes: 0 nothing breaks, 1 some model's licence breaks what it inherits,
2 bad usage or input.`;

const FORMATS = ["text", "json", "dot", "mermaid"] as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: "string" }, interpretation: { type: "string" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError(`give the cards or BOMs of the models\n\n${USAGE}`);
  const format = values.json ? "json" : (values.format ?? "text");
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `--format takes ${FORMATS.join(", ")}, not ${JSON.stringify(values.format)}`,
    );
  const interpretation = interpretationOption(values.interpretation);
  const docs = positionals.flatMap((p) => readModelDocs(p));
  const r = buildLineage(docs, { interpretation });
  if (format === "json") process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else if (format === "dot") process.stdout.write(lineageDot(r));
  else if (format === "mermaid") process.stdout.write(lineageMermaid(r));
  else process.stdout.write(lineageText(r, { quiet: values.quiet === true }));
  return r.summary.breaks > 0 ? 1 : 0;
}
