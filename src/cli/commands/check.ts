/** `tgpl check MODEL`: what a model owes and whether it complies. */
import { dirname, resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import type { ModelDoc } from "../../lineage/doc.ts";
import { licenceFromText } from "../../lineage/hf-licences.ts";
import { indexDocs, joinModel, keyOf } from "../../lineage/join.ts";
import { readModelDocs } from "../../lineage/read.node.ts";
import { check } from "../../policy/check.ts";
import { checkText } from "../../policy/format.ts";
import { manifestSources } from "../../policy/manifest-input.node.ts";
import {
  type ModelSpec,
  PUBLISHED_DOCUMENTS,
  type Published,
  type PublishedDocument,
} from "../../policy/types.ts";
import { listOption, parse } from "../args.ts";
import { deployOption, interpretationOption } from "../policy-options.ts";

const USAGE = `Usage: tgpl check MODEL [options]

What a model owes and whether it complies. MODEL is a tgpl model file
(docs/model-file.md), a Hugging Face model card (README.md), a CycloneDX 1.6
ML-BOM or an SPDX 3.0.1 document with the AI profile.

Options:
  --json                      one JSON document on stdout
  --interpretation NAME       standard (default) or conservative: whether
                              copyleft and share-alike licences reach weights
  --deploy LIST               distributed, api and/or internal (overrides the document)
  --weights-license EXPR      the weights' licence (overrides the document)
  --use commercial|non-commercial
  --published LIST            documents released, added to what the document says:
                              weights, model-source, training-data, notices,
                              use-restrictions, network-offer
  --manifest FILE             training data from a 'tgpl scan' manifest (repeatable)
  --source NAME=EXPR          a training source and its licence (repeatable)
  --parent FILE               a card, BOM or model file of a parent or a dataset
                              the model names (repeatable)
  --model ID                  which model of a BOM or SPDX document to check

Exit codes: 0 compliant; 1 violations, conflict, or unknown (what cannot be
shown compliant is never rounded to yes); 2 bad usage or input.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      interpretation: { type: "string" },
      deploy: { type: "string", multiple: true },
      "weights-license": { type: "string" },
      use: { type: "string" },
      published: { type: "string", multiple: true },
      manifest: { type: "string", multiple: true },
      source: { type: "string", multiple: true },
      parent: { type: "string", multiple: true },
      model: { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`give exactly one MODEL document\n\n${USAGE}`);
  const interpretation = interpretationOption(values.interpretation);
  const deploy = deployOption(values.deploy);
  if (values.use !== undefined && values.use !== "commercial" && values.use !== "non-commercial")
    throw new UsageError(
      `--use must be commercial or non-commercial, not ${JSON.stringify(values.use)}`,
    );
  const published = listOption(values.published);
  for (const p of published)
    if (!(PUBLISHED_DOCUMENTS as readonly string[]).includes(p))
      throw new UsageError(
        `--published takes ${PUBLISHED_DOCUMENTS.join(", ")}, not ${JSON.stringify(p)}`,
      );
  const extraSources = (values.source ?? []).map((s) => {
    const i = s.lastIndexOf("=");
    if (i <= 0 || i === s.length - 1)
      throw new UsageError(
        `--source needs NAME=LICENCE, e.g. bigcode/the-stack=MIT, not ${JSON.stringify(s)}`,
      );
    return { name: s.slice(0, i), licence: licenceFromText(s.slice(i + 1)) };
  });

  const path = positionals[0]!;
  const docs = readModelDocs(path);
  const others: ModelDoc[] = (values.parent ?? []).flatMap((p) => readModelDocs(p));
  const target = values.model
    ? docs.find((d) => keyOf(d.spec.id) === keyOf(values.model!))
    : docs.find((d) => d.kind === "model");
  if (!target)
    throw new UsageError(
      values.model
        ? `${path} describes no model ${JSON.stringify(values.model)}; it describes: ${docs.map((d) => d.spec.id).join(", ")}`
        : `${path} is a dataset card, not a model: pass it with --parent to the check of a model trained on it`,
    );
  let spec: ModelSpec = joinModel(target.spec, indexDocs([...docs, ...others]));

  const manifests = [
    ...(target.manifests ?? []).map((m) => resolve(dirname(path), m)),
    ...(values.manifest ?? []),
  ];
  const fromManifests = [];
  for (const m of manifests) fromManifests.push(...(await manifestSources(m)));
  if (fromManifests.length > 0 || extraSources.length > 0)
    spec = { ...spec, sources: [...(spec.sources ?? []), ...fromManifests, ...extraSources] };
  if (deploy.length > 0) spec = { ...spec, deployment: deploy };
  if (values["weights-license"])
    spec = { ...spec, licence: licenceFromText(values["weights-license"]) };
  if (values.use) spec = { ...spec, use: values.use as "commercial" | "non-commercial" };
  if (published.length > 0) {
    const p: Published = { ...spec.published };
    for (const k of published) p[k as PublishedDocument] = true;
    spec = { ...spec, published: p };
  }

  const result = check(spec, { interpretation });
  const warnings = [...target.warnings, ...others.flatMap((d) => d.warnings)];
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ document: path, format: target.format, ...result, warnings }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(checkText(result));
    for (const w of warnings) process.stderr.write(`tgpl check: ${path}: ${w}\n`);
  }
  return result.verdict === "compliant" ? 0 : 1;
}
