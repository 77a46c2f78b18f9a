/** `tgpl export MANIFEST --format FORMAT`: a finished manifest in another format. */
import { stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { UsageError } from "../../errors.ts";
import { parseCreated } from "../../manifest/exports/doc.ts";
import { EXPORT_FORMATS, type ExportOptions } from "../../manifest/exports/index.ts";
import { ManifestReader } from "../../manifest/reader.node.ts";
import { parse } from "../args.ts";

const names = Object.keys(EXPORT_FORMATS);

const USAGE = `Usage: tgpl export MANIFEST --format ${names.join("|")} [--model MODEL] [--out FILE] [--json]

Writes a finished manifest (from 'tgpl scan') in another format: its rows
(parquet, csv), or the training-data documentation of a standard (spdx3,
cyclonedx, croissant, hf-card, mof). A document never lists the files: it
names the Merkle root and a per-file list (NAME.files.parquet, beside it,
referenced by its sha256).

Options:
  --format NAME             ${names.join(", ")}
  --out FILE                where to write (default: MANIFEST's name with the format's extension)
  --model MODEL             the model trained on the corpus: a tgpl model file, a card, an
                            ML-BOM or an SPDX 3 document (its parents and other sources too)
  --model-id ID             which model of a document that describes several
  --spec 1.6|1.7            CycloneDX version (default 1.6)
  --name NAME               the corpus's name in documents (default: MANIFEST's file name)
  --created DATE            the documents' creation time, ISO 8601 (default: when the scan finished)
  --namespace IRI           SPDX element id prefix (default: derived from the root and the model)
  --docs-license EXPR       licence of the documents themselves (default CC0-1.0)
  --model-source URL        where the Corresponding Model Source is offered
  --training-data-url URL   where the Training Data Information is published
  --json                    say what was written as JSON

Exit codes: 0 written, 2 bad usage or a manifest or model that cannot be read.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      format: { type: "string" },
      out: { type: "string" },
      model: { type: "string" },
      "model-id": { type: "string" },
      spec: { type: "string" },
      name: { type: "string" },
      created: { type: "string" },
      namespace: { type: "string" },
      "docs-license": { type: "string" },
      "model-source": { type: "string" },
      "training-data-url": { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [manifest, ...extra] = positionals;
  if (!manifest || extra.length > 0) throw new UsageError(`give exactly one MANIFEST\n\n${USAGE}`);
  const loader = values.format ? EXPORT_FORMATS[values.format] : undefined;
  if (!loader)
    throw new UsageError(
      `--format must be one of ${names.join(", ")}${values.format ? `, got ${JSON.stringify(values.format)}` : ""}\n\n${USAGE}`,
    );
  const format = await loader();
  const given = Object.entries(values)
    .filter(
      ([k, v]) =>
        v !== undefined && !["format", "out", "json", "ndjson", "quiet", "help"].includes(k),
    )
    .map(([k]) => k);
  const unread = given.filter((k) => !(format.options ?? []).includes(k));
  if (unread.length > 0)
    throw new UsageError(
      `--format ${values.format} does not take --${unread.join(", --")}; the documents (spdx3, cyclonedx, croissant, hf-card, mof) do`,
    );
  const created = values.created === undefined ? undefined : parseCreated(values.created);
  if (created === null)
    throw new UsageError(
      `--created needs an ISO 8601 date or time, e.g. 2025-03-01T12:00:00Z, not ${JSON.stringify(values.created)}`,
    );
  const options: ExportOptions = {
    ...(values.model ? { model: values.model } : {}),
    ...(values["model-id"] ? { modelId: values["model-id"] } : {}),
    ...(values.spec ? { spec: values.spec } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(created ? { created } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(values["docs-license"] ? { docsLicence: values["docs-license"] } : {}),
    urls: {
      ...(values["model-source"] ? { modelSource: values["model-source"] } : {}),
      ...(values["training-data-url"] ? { trainingData: values["training-data-url"] } : {}),
    },
  };
  const out =
    values.out ??
    join(dirname(manifest), `${basename(manifest, extname(manifest))}${format.extension}`);
  const reader = await ManifestReader.open(manifest);
  try {
    const { rows, files = [], warnings = [] } = await format.write(reader, out, options);
    const bytes = (await stat(out)).size;
    for (const w of warnings) process.stderr.write(`tgpl export: ${w}\n`);
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ manifest, format: values.format, out, rows, bytes, root: reader.root, files })}\n`,
      );
    else
      process.stdout.write(
        `wrote ${rows} rows to ${out} (${bytes} bytes, ${values.format})${files.length ? `; ${files.join(", ")} beside it` : ""}\n`,
      );
  } finally {
    reader.close();
  }
  return 0;
}
