/** `tgpl heritage A B [C...]`: which of these models descend from which, read from their weights. */
import { dirname, resolve } from "node:path";
import { statSync } from "node:fs";
import { UsageError } from "../../errors.ts";
import type { ModelDoc } from "../../lineage/doc.ts";
import { against } from "../../lineage/observed/against.ts";
import { heritageText } from "../../lineage/observed/format.ts";
import { heritageOfPaths, type ModelInput } from "../../lineage/observed/heritage.node.ts";
import { readModelDocs } from "../../lineage/read.node.ts";
import { intOption, parse } from "../args.ts";
import { interpretationOption } from "../policy-options.ts";

const USAGE = `Usage: tgpl heritage MODEL MODEL... [--against CARD...] [options]

Reads the weights of two or more models and says which descend from which:
per pair, whether they are related (centred cosine of the weight matrices),
how (identical copy, quantized copy, low-rank adapter, full fine-tune), and
which is the parent (a quantized copy is coarser; otherwise the kurtosis of
the weights, as in MoTHer, Horwitz et al. 2024); with more models, the most
likely family tree (minimum-cost arborescence), merges found as weighted
averages of two models. Every edge says how sure it is.

MODEL is a .safetensors file, a sharded model's model.safetensors.index.json,
a .gguf file (F32, F16, BF16, Q8_0, Q5_0/1, Q4_0/1 decoded; other types
compared by metadata only), a PEFT adapter folder (adapter_config.json and
adapter_model.safetensors), or a folder holding one of these. A model's id
is the id of a card given with --against in its folder, else ORG/NAME of its
folder. Tensors are read a slice at a time: models larger than memory work.

Options:
  --against CARD...      compare with the declared lineage (Hugging Face cards,
                         CycloneDX, SPDX 3, tgpl model files): undeclared
                         parents, declarations the weights contradict, and what
                         an undeclared (TGPL) parent passes down
  --interpretation NAME  standard (default) or conservative, for --against
  --slice N              values read per model at a time (default 1048576)
  --json                 one JSON document on stdout

Exit codes: 0 done (nothing undeclared or contradicted), 1 --against found
an undeclared parent or relation or a contradicted declaration, 2 bad usage
or input.`;

/** `--against` takes every following argument up to the next option. */
function splitAgainst(argv: string[]): { rest: string[]; cards: string[] } {
  const rest: string[] = [];
  const cards: string[] = [];
  let inCards = false;
  for (const arg of argv) {
    if (arg === "--against") {
      inCards = true;
      continue;
    }
    if (arg.startsWith("--against=")) {
      cards.push(arg.slice("--against=".length));
      continue;
    }
    if (inCards && !arg.startsWith("-")) {
      cards.push(arg);
      continue;
    }
    inCards = false;
    rest.push(arg);
  }
  return { rest, cards };
}

const folderOf = (path: string) => {
  try {
    return statSync(path).isDirectory() ? resolve(path) : dirname(resolve(path));
  } catch {
    return dirname(resolve(path));
  }
};

export async function run(argv: string[]): Promise<number> {
  const { rest, cards } = splitAgainst(argv);
  const { values, positionals } = parse(
    rest,
    { interpretation: { type: "string" }, slice: { type: "string" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length < 2)
    throw new UsageError(`give at least two models to compare\n\n${USAGE}`);
  const interpretation = interpretationOption(values.interpretation);
  const slice = intOption(values.slice, "slice", 1 << 20);

  // Cards first: a card in a model's folder names the model.
  const docs: ModelDoc[] = [];
  const idByFolder = new Map<string, string>();
  for (const card of cards) {
    const read = readModelDocs(card);
    docs.push(...read);
    const first = read.find((d) => d.kind === "model");
    if (first && !idByFolder.has(folderOf(card))) idByFolder.set(folderOf(card), first.spec.id);
  }
  const inputs: ModelInput[] = positionals.map((path) => {
    const id = idByFolder.get(folderOf(path));
    return id ? { path, id } : { path };
  });
  const result = heritageOfPaths(inputs, { sliceValues: slice });
  const checked = cards.length > 0 ? against(result, docs, interpretation) : undefined;
  if (values.json)
    process.stdout.write(
      `${JSON.stringify(checked ? { ...result, against: checked } : result, null, 2)}\n`,
    );
  else process.stdout.write(heritageText(result, checked));
  return checked && checked.problems > 0 ? 1 : 0;
}
