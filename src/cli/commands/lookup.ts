/** `tgpl lookup DIR... --manifest MANIFEST`: which of my files are in that training set, with proofs. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { UsageError } from "../../errors.ts";
import { hashBytes } from "../../manifest/hash.ts";
import type { Proof } from "../../manifest/proof.ts";
import { serializeProof } from "../../manifest/proof.ts";
import { ManifestReader, type Occurrence } from "../../manifest/reader.node.ts";
import { readAndHash } from "../../scan/process.node.ts";
import { openSource } from "../../sources/index.ts";
import { parse } from "../args.ts";

const USAGE = `Usage: tgpl lookup INPUT... --manifest MANIFEST [options]

Hashes every file of INPUT (a directory, archive, dataset: what tgpl scan
reads) and says which are in the training set that MANIFEST records, each
with an inclusion proof against the manifest's Merkle root; a file that is
not in it gets an exclusion proof. 'tgpl proof verify' checks a proof with
the root alone.

Options:
  --manifest FILE   a manifest made by 'tgpl scan' (required)
  --proofs DIR      write one proof per file as DIR/<path>.proof.json
  --json            one JSON document: {root, treeSize, files: [...]}
  --ndjson          one JSON object per file
  -q, --quiet       text output: only the files that are in the set

Exit codes: 0 none of the files is in the set, 1 some are (empty files,
which every corpus holds, are listed but do not count), 2 bad usage or input.`;

interface LookupResult {
  path: string;
  input: string;
  sha256: string | null;
  swhid: string | null;
  size: number | null;
  found: boolean;
  occurrences: number;
  in: Occurrence[];
  proof: Proof | null;
  proofFile?: string;
  error?: { code: string; message: string };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { manifest: { type: "string" }, proofs: { type: "string" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`no INPUT given\n\n${USAGE}`);
  if (!values.manifest) throw new UsageError(`--manifest is required\n\n${USAGE}`);
  const reader = await ManifestReader.open(values.manifest);
  const results: LookupResult[] = [];
  let counted = 0;
  try {
    for (const [index, input] of positionals.entries()) {
      const source = await openSource(input);
      for await (const file of source.files()) {
        const result = await lookOne(reader, input, file);
        if (result.found && (result.size ?? 0) > 0) counted++;
        if (values.proofs && result.proof)
          result.proofFile = await writeProof(
            values.proofs,
            positionals.length > 1 ? String(index) : "",
            result,
          );
        if (values.ndjson) process.stdout.write(`${JSON.stringify(result)}\n`);
        else if (values.json) results.push(result);
        else if (!values.quiet || result.found) process.stdout.write(`${formatResult(result)}\n`);
      }
    }
  } finally {
    reader.close();
  }
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ manifest: values.manifest, root: reader.root, treeSize: reader.meta.treeSize, found: results.filter((r) => r.found).length, files: results }, null, 2)}\n`,
    );
  else if (!values.ndjson)
    process.stdout.write(
      `${counted} non-empty file(s) found in the training set (root ${reader.root}, ${reader.meta.treeSize} contents)\n`,
    );
  return counted > 0 ? 1 : 0;
}

async function lookOne(
  reader: ManifestReader,
  input: string,
  file: {
    path: string;
    fsPath?: string;
    bytes?: Uint8Array;
    error?: { code: string; message: string };
  },
): Promise<LookupResult> {
  const base = { path: file.path, input, found: false, occurrences: 0, in: [], proof: null };
  if (file.error) return { ...base, sha256: null, swhid: null, size: null, error: file.error };
  let hashes: ReturnType<typeof hashBytes>;
  if (file.bytes) hashes = hashBytes(file.bytes);
  else if (file.fsPath !== undefined) {
    const read = readAndHash(file.fsPath, 0);
    if (!read.ok)
      return {
        ...base,
        sha256: null,
        swhid: null,
        size: null,
        error: { code: read.code, message: read.message },
      };
    hashes = read.hashes;
  } else
    return {
      ...base,
      sha256: null,
      swhid: null,
      size: null,
      error: { code: "no-content", message: "no content" },
    };
  const { count, first } = await reader.occurrences(hashes.sha256);
  return {
    ...base,
    sha256: hashes.sha256,
    swhid: hashes.swhid,
    size: hashes.size,
    found: count > 0,
    occurrences: count,
    in: first,
    proof: await reader.prove(hashes.sha256),
  };
}

async function writeProof(dir: string, prefix: string, result: LookupResult): Promise<string> {
  const root = resolve(dir);
  const target = resolve(root, prefix, `${result.path}.proof.json`);
  // Source paths never climb out (sources refuse '..'), but a proof file must not either.
  if (!target.startsWith(root + sep))
    throw new UsageError(`refusing to write a proof outside ${dir}: ${result.path}`);
  await mkdir(dirname(target), { recursive: true });
  const proof = result.proof!;
  const withContext =
    proof.type === "inclusion" && result.in[0]
      ? {
          ...proof,
          file: {
            path: result.in[0].path,
            ...(result.swhid ? { swhid: result.swhid } : {}),
            licence: result.in[0].licence,
          },
        }
      : proof;
  await writeFile(target, serializeProof(withContext));
  return join(dir, prefix, `${result.path}.proof.json`);
}

function formatResult(r: LookupResult): string {
  if (r.error) return `ERROR ${r.path}: ${r.error.message}`;
  if (!r.found) {
    const p = r.proof;
    const where =
      p?.type === "exclusion"
        ? `between leaves ${p.below?.index ?? "start"} and ${p.above?.index ?? "end"}`
        : "";
    return `out  ${r.path}  (exclusion proof: ${where})`;
  }
  const first = r.in[0]!;
  const origin = [first.origin_input, first.repository, first.member].filter(Boolean).join(" ");
  const licence = first.licence ? `${first.licence}, ${first.licence_source}` : "no licence";
  const more = r.occurrences > 1 ? ` and ${r.occurrences - 1} more place(s)` : "";
  const leaf =
    r.proof?.type === "inclusion" ? `; leaf ${r.proof.index} of ${r.proof.treeSize}` : "";
  const empty = r.size === 0 ? " [empty file]" : "";
  return `IN   ${r.path}${empty}  as ${first.path} in ${origin} (${licence})${more}${leaf}${r.proofFile ? `; proof ${r.proofFile}` : ""}`;
}
