/** Command-line parsing shared by every command, on node:util's parseArgs. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../errors.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: "boolean" },
  ndjson: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

export type Parsed<T extends OptionSpec> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: T & typeof COMMON_OPTIONS;
    allowPositionals: true;
    strict: true;
  }>
>;

export function parse<T extends OptionSpec>(argv: string[], options: T, usage: string): Parsed<T> {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}

/** A positive integer option, or a usage error that says what is expected. */
export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} needs a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** Byte sizes like 1048576, 512k, 10M, 1G. */
export function sizeOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^(\d+)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m)
    throw new UsageError(
      `--${name} needs a size such as 1048576, 512k or 10M, got ${JSON.stringify(value)}`,
    );
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    m[2]!.toLowerCase() as "" | "k" | "m" | "g"
  ];
  return Number(m[1]) * unit;
}

/** A repeatable option whose values may each be a comma-separated list, flattened; blanks dropped. */
export function listOption(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
}
