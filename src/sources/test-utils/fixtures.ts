/** Helpers for source tests: real inputs made with real tools in temp dirs. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import type { Source, SourceFile } from "../types.ts";

/** A fresh directory under the system temp dir, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-sources-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a program and returns its stdout; a failure fails the test with the program's stderr. */
export function run(cwd: string, program: string, args: string[], input?: string): string {
  return execFileSync(program, args, {
    cwd,
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.org",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.org",
    },
  });
}

export async function collect(
  source: Source,
  options?: { skip?: number; signal?: AbortSignal },
): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for await (const f of source.files(options)) out.push(f);
  return out;
}

/** The record's content as text, or its error code in brackets: one string per record to compare. */
export function summary(f: SourceFile): string {
  if (f.error) return `${f.ordinal} ${f.path} [${f.error.code}]`;
  return `${f.ordinal} ${f.path}${f.bytes ? ` ${JSON.stringify(Buffer.from(f.bytes).toString("utf8"))}` : ""}`;
}
