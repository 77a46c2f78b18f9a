/**
 * A directory tree, walked one directory at a time in path order (byte order,
 * a directory `a` sorted as `a/`, so records come out sorted by full path).
 * Content is not read here: records carry `fsPath` for the scanner's workers.
 *
 * Symlinks are followed only where they resolve inside the root: a file link
 * is yielded at the link's path, a directory link is walked at the link's path
 * unless it leads back to one of its own ancestors (a loop). Links that leave
 * the root, dangle or loop become error records. `.git` is never entered.
 */
import type { Dirent, Stats } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, normalize, resolve, sep } from "node:path";
import { Code } from "./codes.ts";
import { IgnoreRules } from "./ignore-rules.ts";
import type { FilesOptions } from "./options.ts";
import { checkAbort, comparePaths, Sequence } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

const LOOKAHEAD = 32;

export interface DirectoryOptions {
  respectGitignore?: boolean;
}

export function directorySource(input: string, options: DirectoryOptions = {}): Source {
  return {
    description: `directory ${input}`,
    files: (opts) => walk(input, options, opts),
  };
}

/** One directory entry, with symlinks already resolved. */
type Entry =
  | { name: string; kind: "file"; fsPath: string }
  | { name: string; kind: "dir"; fsPath: string }
  | { name: string; kind: "error"; code: string; message: string };

async function* walk(
  input: string,
  options: DirectoryOptions,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  const project = normalize(input).replace(/(.)\/+$/, "$1");
  const seq = new Sequence(skip);
  const rules = options.respectGitignore ? new IgnoreRules() : undefined;
  const record = (path: string, ordinal: number): SourceFile => ({
    ordinal,
    path,
    project,
    origin: { kind: "directory", input },
  });
  let rootReal: string;
  try {
    rootReal = await realpath(resolve(input));
  } catch (e) {
    yield { ...record(".", seq.take().ordinal), error: unreadable(input, e) };
    return;
  }
  const inside = rootReal.endsWith(sep) ? rootReal : rootReal + sep;

  async function resolveLink(name: string, fsPath: string, path: string): Promise<Entry> {
    let target: string;
    try {
      target = await realpath(fsPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ELOOP")
        return {
          name,
          kind: "error",
          code: Code.symlinkLoop,
          message: `symlink ${path} never resolves (a loop of links); fix or remove it`,
        };
      if (code === "ENOENT")
        return {
          name,
          kind: "error",
          code: Code.symlinkBroken,
          message: `symlink ${path} points to nothing; fix or remove it`,
        };
      return { name, kind: "error", ...unreadable(path, e) };
    }
    if (target !== rootReal && !target.startsWith(inside))
      return {
        name,
        kind: "error",
        code: Code.symlinkOutsideRoot,
        message: `symlink ${path} points outside ${input} (to ${target}); not followed, scan that place as its own input if it belongs to the corpus`,
      };
    try {
      const s = await stat(target);
      if (s.isDirectory()) return { name, kind: "dir", fsPath: target };
      if (s.isFile()) return { name, kind: "file", fsPath: target };
      return {
        name,
        kind: "error",
        code: Code.notAFile,
        message: `${path} links to a device, socket or FIFO`,
      };
    } catch (e) {
      return { name, kind: "error", ...unreadable(path, e) };
    }
  }

  async function* walkDir(
    rel: string,
    dirReal: string,
    ancestors: string[],
  ): AsyncGenerator<SourceFile> {
    checkAbort(signal);
    let dirents: Dirent[];
    try {
      dirents = await readdir(dirReal, { withFileTypes: true });
    } catch (e) {
      const at = seq.take();
      if (at.wanted)
        yield { ...record(rel || ".", at.ordinal), error: unreadable(rel || input, e) };
      return;
    }
    const entries: Entry[] = [];
    for (const d of dirents) {
      if (d.name === ".git") continue;
      const fsPath = join(dirReal, d.name);
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) entries.push({ name: d.name, kind: "dir", fsPath });
      else if (d.isFile()) entries.push({ name: d.name, kind: "file", fsPath });
      else if (d.isSymbolicLink()) entries.push(await resolveLink(d.name, fsPath, path));
      else
        entries.push({
          name: d.name,
          kind: "error",
          code: Code.notAFile,
          message: `${path} is a device, socket or FIFO; nothing to read`,
        });
    }
    const key = (e: Entry) => (e.kind === "dir" ? `${e.name}/` : e.name);
    entries.sort((a, b) => comparePaths(key(a), key(b)));

    let pushed = false;
    if (rules && entries.some((e) => e.name === ".gitignore" && e.kind === "file")) {
      try {
        rules.push(rel, await readFile(join(dirReal, ".gitignore"), "utf8"));
        pushed = true;
      } catch {
        // An unreadable .gitignore excludes nothing; the file itself still gets its own record.
      }
    }
    // Stats run a few files ahead: one at a time, a 100k-file walk spends most of its time waiting on them.
    const ahead = new Map<number, Promise<Stats | Error>>();
    const prefetch = (from: number) => {
      for (let j = from; j < Math.min(entries.length, from + LOOKAHEAD); j++) {
        const e = entries[j]!;
        if (e.kind === "file" && !ahead.has(j))
          ahead.set(
            j,
            stat(e.fsPath).catch((err: Error) => err),
          );
      }
    };
    try {
      for (const [i, e] of entries.entries()) {
        checkAbort(signal);
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (rules?.ignores(path, e.kind === "dir")) continue;
        if (e.kind === "dir") {
          if (ancestors.includes(e.fsPath)) {
            const at = seq.take();
            if (at.wanted)
              yield {
                ...record(path, at.ordinal),
                error: {
                  code: Code.symlinkLoop,
                  message: `symlink ${path} leads back to its own ancestor ${e.fsPath}; not followed`,
                },
              };
            continue;
          }
          yield* walkDir(path, e.fsPath, [...ancestors, e.fsPath]);
          continue;
        }
        const at = seq.take();
        if (!at.wanted) continue;
        if (e.kind === "error") {
          yield { ...record(path, at.ordinal), error: { code: e.code, message: e.message } };
          continue;
        }
        // Only wanted records are looked at, so resuming past a million files costs no stat calls.
        prefetch(i);
        const s = await ahead.get(i)!;
        ahead.delete(i);
        yield s instanceof Error
          ? { ...record(path, at.ordinal), error: unreadable(path, s) }
          : { ...record(path, at.ordinal), size: s.size, fsPath: e.fsPath };
      }
    } finally {
      if (pushed) rules?.pop(rel);
    }
  }

  yield* walkDir("", rootReal, [rootReal]);
}

function unreadable(path: string, e: unknown): { code: string; message: string } {
  const error = e as NodeJS.ErrnoException;
  const reason = error.message.replace(/^\w+: /, "");
  return {
    code: error.code === "ENOENT" ? Code.notFound : Code.unreadable,
    message: `cannot read ${path}: ${reason}; check it exists and its permissions`,
  };
}
