/** `tgpl release MODEL --manifest MANIFEST --out DIR`: the bundle published with a model's weights. */
import { UsageError } from "../../errors.ts";
import { CYCLONEDX_SPECS, type CycloneDxSpec } from "../../manifest/exports/cyclonedx.ts";
import { parseCreated } from "../../manifest/exports/doc.ts";
import { checkText } from "../../policy/format.ts";
import { type ReleaseOptions, release } from "../../release/bundle.node.ts";
import { parse } from "../args.ts";
import { deployOption, interpretationOption } from "../policy-options.ts";

const USAGE = `Usage: tgpl release MODEL --out DIR [--manifest MANIFEST] [options]

Writes the bundle to publish with a model's weights: the weights' licence
text (LICENSE), the attributions the training data require (NOTICE), the
Training Data Information (TRAINING-DATA.md, and SPDX 3, CycloneDX,
Croissant and MOF forms with the per-file list under training-data/), the
model card section (MODEL-CARD.md), the model as released (tgpl-model.yaml),
and for an API deployment the network offer under network/: the notice, the
HTTP Link header, the /.well-known/tgpl-model.json document and a Node HTTP
middleware that adds both. Then checks the released model.

MODEL is a tgpl model file (docs/model-file.md), a Hugging Face card, a
CycloneDX ML-BOM or an SPDX 3 document.

Options:
  --out DIR                 where to write the bundle (created if needed)
  --manifest MANIFEST       the training corpus from 'tgpl scan' (default: the one MODEL names)
  --model-source URL        where the Corresponding Model Source is offered (marks it published;
                            an API deployment needs it for the network offer)
  --training-data-url URL   where the Training Data Information is published (default: with the source)
  --weights-license EXPR    the weights' licence (overrides MODEL)
  --license-file FILE       the licence text, for a licence tgpl has no text of
  --deploy LIST             distributed, api and/or internal (overrides MODEL)
  --interpretation NAME     standard (default) or conservative
  --model-id ID             which model of a document that describes several
  --name NAME               the corpus's name in documents (default: MANIFEST's file name)
  --created DATE            the documents' creation time, ISO 8601 (default: when the scan finished)
  --docs-license EXPR       licence of the documentation (default CC0-1.0)
  --spec 1.6|1.7            CycloneDX version (default 1.6)
  --force                   replace files of an earlier bundle that differ
  --json                    what was written and the check, as one JSON document

Exit codes: 0 written and the released model is compliant; 1 written, but
the released model is not compliant (the findings say what is missing, e.g.
--model-source); 2 bad usage or input (nothing is written).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: "string" },
      manifest: { type: "string" },
      "model-source": { type: "string" },
      "training-data-url": { type: "string" },
      "weights-license": { type: "string" },
      "license-file": { type: "string" },
      deploy: { type: "string", multiple: true },
      interpretation: { type: "string" },
      "model-id": { type: "string" },
      name: { type: "string" },
      created: { type: "string" },
      "docs-license": { type: "string" },
      spec: { type: "string" },
      force: { type: "boolean" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`give exactly one MODEL document\n\n${USAGE}`);
  if (!values.out)
    throw new UsageError(`--out DIR is required: where to write the bundle\n\n${USAGE}`);
  const interpretation = interpretationOption(values.interpretation);
  const deploy = deployOption(values.deploy);
  if (values.spec !== undefined && !(CYCLONEDX_SPECS as readonly string[]).includes(values.spec))
    throw new UsageError(
      `--spec takes ${CYCLONEDX_SPECS.join(" or ")}, not ${JSON.stringify(values.spec)}`,
    );
  const created = values.created === undefined ? undefined : parseCreated(values.created);
  if (created === null)
    throw new UsageError(
      `--created needs an ISO 8601 date or time, e.g. 2025-03-01T12:00:00Z, not ${JSON.stringify(values.created)}`,
    );
  for (const key of ["model-source", "training-data-url"] as const) {
    const v = values[key];
    if (v !== undefined && !URL.canParse(v))
      throw new UsageError(
        `--${key} needs an absolute URL (users must be able to reach it), not ${JSON.stringify(v)}`,
      );
  }
  const options: ReleaseOptions = {
    model: positionals[0]!,
    out: values.out,
    interpretation,
    ...(values.manifest ? { manifest: values.manifest } : {}),
    ...(values["model-source"] ? { modelSource: values["model-source"] } : {}),
    ...(values["training-data-url"] ? { trainingDataUrl: values["training-data-url"] } : {}),
    ...(values["weights-license"] ? { weightsLicence: values["weights-license"] } : {}),
    ...(values["license-file"] ? { licenseFile: values["license-file"] } : {}),
    ...(deploy.length ? { deploy } : {}),
    ...(values["model-id"] ? { modelId: values["model-id"] } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(created ? { created } : {}),
    ...(values["docs-license"] ? { docsLicence: values["docs-license"] } : {}),
    ...(values.spec ? { spec: values.spec as CycloneDxSpec } : {}),
    ...(values.force ? { force: true } : {}),
  };
  const r = await release(options);
  const compliant = r.check.verdict === "compliant";
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    for (const w of r.warnings) process.stderr.write(`tgpl release: ${w}\n`);
    process.stdout.write(`wrote ${r.files.length} files to ${r.out}:\n`);
    for (const f of r.files) process.stdout.write(`  ${f.path.padEnd(44)} ${f.what}\n`);
    process.stdout.write(
      `\nthe released model (${r.files.find((f) => f.path.endsWith(".yaml"))?.path}):\n`,
    );
    process.stdout.write(checkText(r.check));
    for (const b of r.readBack)
      process.stdout.write(`  read back from ${b.document}: ${b.verdict}\n`);
  }
  return compliant ? 0 : 1;
}
