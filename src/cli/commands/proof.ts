/** `tgpl proof verify PROOF... --root ROOT`: check proofs without the manifest. */
import { readFile } from "node:fs/promises";
import { UsageError } from "../../errors.ts";
import { parseProof, verifyProof } from "../../manifest/proof.ts";
import { parse } from "../args.ts";

const USAGE = `Usage: tgpl proof verify PROOF... --root ROOT [--json]

Checks inclusion and exclusion proofs written by 'tgpl lookup --proofs'
against a Merkle root you trust (the one a model builder published from
'tgpl scan'), with no access to the manifest. The root written inside a proof
is not trusted: a proof for another root fails.

Options:
  --root ROOT   the trusted Merkle root, 64 hex digits (required)
  --json        one JSON array of {proof, valid, statement|reason}

Exit codes: 0 every proof is valid, 1 some proof is invalid, 2 bad usage or
a file that is not a proof.`;

interface Checked {
  proof: string;
  valid: boolean;
  type?: string;
  statement?: string;
  reason?: string;
  error?: string;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { root: { type: "string" } }, USAGE);
  const [sub, ...files] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (sub !== "verify")
    throw new UsageError(`unknown or missing subcommand ${JSON.stringify(sub ?? "")}\n\n${USAGE}`);
  if (files.length === 0) throw new UsageError(`no PROOF file given\n\n${USAGE}`);
  const root = values.root?.trim().toLowerCase();
  if (!root || !/^[0-9a-f]{64}$/.test(root))
    throw new UsageError(
      `--root needs the Merkle root as 64 hex digits (tgpl scan prints it), got ${JSON.stringify(values.root ?? "")}`,
    );
  const results: Checked[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      results.push({ proof: file, valid: false, error: `cannot read it: ${(e as Error).message}` });
      continue;
    }
    const parsed = parseProof(text);
    if (!parsed.ok) {
      results.push({ proof: file, valid: false, error: `not a tgpl proof: ${parsed.error}` });
      continue;
    }
    const verdict = verifyProof(parsed.value, root);
    results.push(
      verdict.valid
        ? { proof: file, valid: true, type: parsed.value.type, statement: verdict.statement }
        : { proof: file, valid: false, type: parsed.value.type, reason: verdict.reason },
    );
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else
    for (const r of results) {
      if (r.error) process.stderr.write(`${r.proof}: error: ${r.error}\n`);
      else
        process.stdout.write(
          `${r.proof}: ${r.valid ? `valid: ${r.statement}` : `INVALID: ${r.reason}`}\n`,
        );
    }
  if (results.some((r) => r.error)) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}
