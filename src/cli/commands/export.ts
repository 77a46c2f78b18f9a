/** `tgpl export MANIFEST --format FORMAT`: a finished manifest in another format. */
import { stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { UsageError } from "../../errors.ts";
import { EXPORT_FORMATS } from "../../manifest/exports/index.ts";
import { ManifestReader } from "../../manifest/reader.node.ts";
import { parse } from "../args.ts";

const names = Object.keys(EXPORT_FORMATS);

const USAGE = `Usage: tgpl export MANIFEST --format ${names.join("|")} [--out FILE] [--json]

Writes a finished manifest (from 'tgpl scan') in another format.

Options:
  --format NAME   ${names.join(", ")}
  --out FILE      where to write (default: MANIFEST's name with the format's extension)
  --json          say what was written as JSON

Exit codes: 0 written, 2 bad usage or a manifest that cannot be read.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: "string" }, out: { type: "string" } },
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
  const out =
    values.out ??
    join(dirname(manifest), `${basename(manifest, extname(manifest))}${format.extension}`);
  const reader = await ManifestReader.open(manifest);
  try {
    const { rows } = await format.write(reader, out);
    const bytes = (await stat(out)).size;
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ manifest, format: values.format, out, rows, bytes, root: reader.root })}\n`,
      );
    else process.stdout.write(`wrote ${rows} rows to ${out} (${bytes} bytes, ${values.format})\n`);
  } finally {
    reader.close();
  }
  return 0;
}
