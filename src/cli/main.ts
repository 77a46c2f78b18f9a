/**
 * The one entry point of the `tgpl` command. Each command lives in
 * commands/<name>.ts, is imported only when used, and returns its exit code.
 */
import { InputError, UsageError } from "../errors.ts";

export type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  detect: { summary: "name the licence of each file", load: () => import("./commands/detect.ts") },
  scan: {
    summary: "record a corpus in a manifest, with its Merkle root",
    load: () => import("./commands/scan.ts"),
  },
  lookup: {
    summary: "which of my files a manifest holds, with proofs",
    load: () => import("./commands/lookup.ts"),
  },
  proof: {
    summary: "verify inclusion/exclusion proofs against a root",
    load: () => import("./commands/proof.ts"),
  },
  export: {
    summary:
      "write a manifest as Parquet, CSV or training-data documents (SPDX 3, CycloneDX, Croissant, HF card, MOF)",
    load: () => import("./commands/export.ts"),
  },
  release: {
    summary:
      "the bundle published with a model: licence, NOTICE, training data, card, network offer",
    load: () => import("./commands/release.ts"),
  },
  check: {
    summary: "what a model owes and whether it complies",
    load: () => import("./commands/check.ts"),
  },
  lineage: {
    summary: "genealogy of models with inherited obligations",
    load: () => import("./commands/lineage.ts"),
  },
  heritage: {
    summary: "which models descend from which, read from their weights",
    load: () => import("./commands/heritage.ts"),
  },
  terms: {
    summary: "publish TGPL terms (init) / read a repo's or site's training terms (check)",
    load: () => import("./commands/terms.ts"),
  },
  canary: {
    summary: "plant canaries (mark), test a model for them (verify), find them (check)",
    load: () => import("./commands/canary.ts"),
  },
  mia: {
    summary: "membership scores of files under a model; dataset inference",
    load: () => import("./commands/mia.ts"),
  },
};

export const USAGE = `tgpl: the Training GPL toolkit

Usage: tgpl <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Every command takes --json (one JSON document on stdout); long ones take --ndjson.
Exit codes: 0 done, 1 problems found, 2 bad usage or input.
Run 'tgpl <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V") {
    const { version } = await import("../version.ts");
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`tgpl: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const { run } = await command.load();
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      const hint = e instanceof InputError && e.hint ? `\n${e.hint}` : "";
      process.stderr.write(`tgpl ${name}: ${e.message}${hint}\n`);
      return e.exitCode;
    }
    process.stderr.write(
      `tgpl ${name}: internal error: ${(e as Error).stack ?? e}\n` +
        "This is a bug in tgpl. Please report it with the command you ran and this message.\n",
    );
    return 70;
  }
}

/**
 * `tgpl detect ... | head`: when the reader of stdout goes away, stop quietly
 * (as a shell tool does on SIGPIPE) instead of dying on an unhandled EPIPE.
 * Called by the entry points only: main() is also a library call.
 */
export function stopQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// Run when executed directly (bin/tgpl.js, or `node --import tsx src/cli/main.ts`).
const invoked = process.argv[1] ?? "";
if (/[/\\]cli[/\\]main\.(ts|js)$/.test(invoked)) {
  stopQuietlyWhenOutputCloses();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
