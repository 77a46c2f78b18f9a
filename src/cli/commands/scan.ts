/** `tgpl scan INPUT... --out MANIFEST`: a training corpus into a manifest. */
import { UsageError } from "../../errors.ts";
import { Progress } from "../../report/progress.ts";
import { estimateFiles } from "../../scan/estimate.node.ts";
import { scan } from "../../scan/scan.node.ts";
import { formatSummary } from "../../scan/summary-text.ts";
import { openSource, type SourceOptions } from "../../sources/index.ts";
import { defaultWorkers } from "../../workers/pool.node.ts";
import { intOption, parse, sizeOption } from "../args.ts";

const USAGE = `Usage: tgpl scan INPUT... [options]

Records every file of a training corpus in a manifest: its SHA-256, git blob
id and SWHID, size, path and origin, language, whether it is binary, generated
or vendored, and the licence that applies with why (its own detection, or the
nearest licence file or package manifest above it). Ends with a summary and
the Merkle root of the corpus's contents.

INPUT is a directory, git:DIR (files tracked at HEAD), a tar, tar.gz or zip
archive, a JSONL or Parquet dataset (The Stack layout), or '-' for a list of
paths on stdin.

Options:
  --out FILE           the manifest, a DuckDB file (default corpus.duckdb)
  --workers N          threads (default: all cores)
  --max-bytes SIZE     bytes of each file that detection reads (default 1M);
                       every byte is hashed
  --force              start over, discarding what --out holds
  --git                read directories that hold .git as git repositories
  --rev REV            git revision to read (implies --git)
  --respect-gitignore  leave out what .gitignore files exclude (also --gitignore)
  --max-entry-bytes S  largest file an archive or dataset may hand out (default 64M)
  --column KEY=NAME    dataset column for KEY (content, path, repo, blobId)
  --commit-rows N      rows per transaction (default 4096; a commit also
                       happens every second)
  --json               the summary as one JSON document
  --ndjson             each row as it is committed, then {"summary": ...}
  -q, --quiet          no progress

Interrupted (Ctrl-C, a crash, kill -9), the same command resumes where it
stopped and ends with the same manifest and root. Another command against an
existing manifest is refused: use --force or another --out.
In --ndjson rows, licence is the file's own or its dataset's: inheritance is
applied once all rows are in, and the manifest and summary carry it.
Exit codes: 0 done (files with errors or no licence are rows, not failures),
2 bad usage or input, 130 interrupted (run it again to resume).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: "string" },
      workers: { type: "string" },
      "max-bytes": { type: "string" },
      force: { type: "boolean" },
      git: { type: "boolean" },
      rev: { type: "string" },
      gitignore: { type: "boolean" },
      "respect-gitignore": { type: "boolean" },
      "max-entry-bytes": { type: "string" },
      column: { type: "string", multiple: true },
      "commit-rows": { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`no INPUT given\n\n${USAGE}`);
  const sourceOptions = sourceOptionsOf(values);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130); // committed rows are safe: the store is transactional
    process.stderr.write(
      "\ntgpl scan: stopping; committing what was read (Ctrl-C again to quit at once)\n",
    );
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const showProgress = Boolean(process.stderr.isTTY) && !values.quiet;
  const progress = new Progress("scan", showProgress);
  const started = Date.now();
  // The total for the ETA is counted beside the scan; until it is known the line has no ETA.
  let total: number | undefined;
  const counting = new AbortController();
  if (showProgress)
    estimateFiles(positionals, counting.signal).then(
      (n) => {
        total = n ?? undefined;
      },
      () => {},
    );
  try {
    const outcome = await scan({
      inputs: positionals,
      out: values.out ?? "corpus.duckdb",
      workers: intOption(values.workers, "workers", defaultWorkers()),
      maxBytes: sizeOption(values["max-bytes"], "max-bytes", 1 << 20),
      force: values.force ?? false,
      commitRows: intOption(values["commit-rows"], "commit-rows", 4096),
      sourceOptions: sourceOptions as Record<string, unknown>,
      openSource: (input) => openSource(input, sourceOptions),
      signal: controller.signal,
      onRows: values.ndjson
        ? (rows) => {
            for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
          }
        : undefined,
      onProgress: ({ files, bytes }) => {
        const seconds = Math.max(0.001, (Date.now() - started) / 1000);
        const mb = bytes / 1048576;
        progress.update(
          files,
          total !== undefined && total >= files ? total : undefined,
          `${mb.toFixed(1)} MB, ${(mb / seconds).toFixed(1)} MB/s`,
        );
      },
    });
    progress.done();
    const { summary, elapsedMs } = outcome;
    const report = {
      ...summary,
      resumed: outcome.resumed,
      alreadyDone: outcome.alreadyDone,
      interrupted: outcome.interrupted,
      elapsedMs,
    };
    if (values.ndjson) process.stdout.write(`${JSON.stringify({ summary: report })}\n`);
    else if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const note = outcome.alreadyDone
        ? " (already finished earlier; --force scans again)"
        : outcome.resumed
          ? " (resumed)"
          : "";
      process.stdout.write(`${formatSummary(summary, elapsedMs, note)}\n`);
    }
    if (outcome.interrupted) {
      process.stderr.write(`tgpl scan: interrupted; run the same command again to resume\n`);
      return 130;
    }
    return 0;
  } finally {
    counting.abort();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function sourceOptionsOf(values: {
  git?: boolean;
  rev?: string;
  gitignore?: boolean;
  "respect-gitignore"?: boolean;
  "max-entry-bytes"?: string;
  column?: string[];
}): SourceOptions {
  const options: SourceOptions = {};
  if (values.git) options.git = true;
  if (values.rev !== undefined) options.rev = values.rev;
  if (values.gitignore || values["respect-gitignore"]) options.respectGitignore = true;
  if (values["max-entry-bytes"] !== undefined)
    options.maxEntryBytes = sizeOption(values["max-entry-bytes"], "max-entry-bytes", 0);
  const keys = ["content", "path", "repo", "blobId"] as const;
  for (const spec of values.column ?? []) {
    const [key, name] = spec.split("=", 2);
    if (!keys.includes(key as (typeof keys)[number]) || !name)
      throw new UsageError(
        `--column needs KEY=NAME with KEY one of ${keys.join(", ")}, got ${JSON.stringify(spec)}`,
      );
    options.columns = { ...options.columns, [key as (typeof keys)[number]]: name };
  }
  return options;
}
