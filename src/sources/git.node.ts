/**
 * A git repository at one commit: the files git tracks there, never the
 * working tree. The tree is listed by `git ls-tree` and the blobs come through
 * one `git cat-file --batch` process, so a large repository costs two
 * processes, not one per file. Records come in git's path order.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { ByteReader } from "./byte-reader.ts";
import { Code, entryTooLarge, Refusal } from "./codes.ts";
import { InputError } from "../errors.ts";
import { symlinkTarget } from "./member-path.ts";
import { type FilesOptions, type Limits, limitsOf, type SourceOptions } from "./options.ts";
import { checkAbort, Sequence } from "./sequence.ts";
import type { Source, SourceFile } from "./types.ts";

const exec = promisify(execFile);
const MAX_PATH_BYTES = 64 * 1024;

/**
 * Opens the repository at `dir` and resolves `rev` (default HEAD) to a commit.
 * `input` is the argument as the user wrote it (e.g. `git:DIR`), for `origin.input`.
 * @throws InputError when `dir` is not a git repository or `rev` names no commit.
 */
export async function openGit(
  dir: string,
  options: SourceOptions = {},
  input = dir,
): Promise<Source> {
  const rev = options.rev ?? "HEAD";
  if (rev.startsWith("-"))
    throw new InputError(
      `git revision ${JSON.stringify(rev)} starts with '-'`,
      "name a branch, tag or commit id",
    );
  let prefix: string;
  try {
    prefix = (await exec("git", ["-C", dir, "rev-parse", "--show-prefix"])).stdout.trim();
  } catch (e) {
    throw new InputError(
      `${dir} is not a git repository (${gitMessage(e)})`,
      "pass the repository's top directory, or scan it as a plain directory without --git",
    );
  }
  // ls-tree lists whole trees; a subdirectory would silently scan its whole repository.
  if (prefix !== "")
    throw new InputError(
      `${dir} is the subdirectory ${prefix} of a git repository`,
      "pass the repository's top directory, or scan the subdirectory as a plain directory without --git",
    );
  let commit: string;
  try {
    commit = (
      await exec("git", ["-C", dir, "rev-parse", "--verify", "--quiet", `${rev}^{commit}`])
    ).stdout.trim();
  } catch {
    throw new InputError(
      `${dir} has no commit ${JSON.stringify(rev)}`,
      "check the revision with 'git log'; an empty repository needs a first commit",
    );
  }
  const repository = await remoteUrl(dir);
  const limits = limitsOf(options);
  return {
    description: `git repository ${dir} at ${commit.slice(0, 12)}`,
    files: (opts) => gitFiles({ dir, input, commit, repository, limits }, opts),
  };
}

async function remoteUrl(dir: string): Promise<string | undefined> {
  try {
    const url = (
      await exec("git", ["-C", dir, "config", "--get", "remote.origin.url"])
    ).stdout.trim();
    return url === "" ? undefined : withoutCredentials(url);
  } catch {
    return undefined; // no remote: the repository is known by its path
  }
}

/** `https://user:token@host/x.git` must not end up in a manifest. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === "" && u.password === "") return url;
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url; // scp-like `git@host:path` is not a URL and carries no secret
  }
}

function gitMessage(e: unknown): string {
  const stderr = (e as { stderr?: string }).stderr?.trim();
  return stderr || (e as Error).message;
}

interface Repo {
  dir: string;
  input: string;
  commit: string;
  repository: string | undefined;
  limits: Limits;
}

/** One `cat-file --batch` conversation: write an object id, read back its header and bytes. */
class BlobReader {
  readonly #child: ChildProcess;
  readonly #out: ByteReader;
  constructor(dir: string, signal: AbortSignal | undefined) {
    this.#child = spawn("git", ["-C", dir, "cat-file", "--batch"], {
      stdio: ["pipe", "pipe", "ignore"],
      signal,
    });
    this.#child.on("error", () => {}); // an abort kills it; the read below reports the end
    this.#out = new ByteReader(this.#child.stdout!);
  }

  async read(oid: string): Promise<Buffer> {
    this.#child.stdin!.write(`${oid}\n`);
    const header = await this.#out.until(0x0a, 1024);
    if (header === null) throw new Error("git cat-file stopped");
    const [, type, size] = header.split(" ");
    if (type === "missing")
      throw new Refusal(
        Code.unreadable,
        `blob ${oid} is missing from the repository (a partial or shallow clone?); fetch it and scan again`,
      );
    const n = Number(size);
    const bytes = await this.#out.read(n);
    const newline = await this.#out.read(1);
    if (bytes.length < n || newline.length < 1) throw new Error("git cat-file stopped mid-blob");
    return bytes;
  }

  close(): void {
    this.#child.stdin?.end();
    this.#child.kill();
  }
}

async function* gitFiles(
  repo: Repo,
  { skip = 0, signal }: FilesOptions = {},
): AsyncGenerator<SourceFile> {
  const { dir, input, commit, repository, limits } = repo;
  const seq = new Sequence(skip);
  const list = spawn("git", ["-C", dir, "ls-tree", "-r", "-z", "-l", "--full-tree", commit], {
    stdio: ["ignore", "pipe", "pipe"],
    signal,
  });
  list.on("error", () => {});
  const exited = once(list, "close");
  const stderr: Buffer[] = [];
  list.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const entries = new ByteReader(list.stdout);
  let blobs: BlobReader | undefined;
  const origin = {
    kind: "git" as const,
    input,
    revision: commit,
    ...(repository ? { repository } : {}),
  };
  const failure = (ordinal: number, path: string, message: string): SourceFile => ({
    ordinal,
    path,
    project: repository ?? dir,
    origin,
    error: { code: Code.corrupt, message: `${message}; run 'git fsck' in ${dir}` },
  });
  let current: { ordinal: number; path: string } | undefined;
  try {
    for (;;) {
      checkAbort(signal);
      current = undefined;
      const line = await entries.until(0, MAX_PATH_BYTES);
      if (line === null) break;
      // "<mode> <type> <oid> <size>\t<path>", size padded with spaces and '-' for submodules
      const tab = line.indexOf("\t");
      const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
      const path = line.slice(tab + 1);
      const { ordinal, wanted } = seq.take();
      current = { ordinal, path };
      const record: SourceFile = {
        ordinal,
        path,
        project: repository ?? dir,
        origin,
        blobId: oid!,
      };
      if (!wanted) continue;
      if (type === "commit") {
        yield {
          ...record,
          error: {
            code: Code.submodule,
            message: `submodule at commit ${oid}; scan its repository as its own input`,
          },
        };
        continue;
      }
      const bytesSize = Number(size);
      if (bytesSize > limits.maxEntryBytes) {
        yield {
          ...record,
          size: bytesSize,
          error: entryTooLarge(bytesSize, limits.maxEntryBytes).toRecordError(),
        };
        continue;
      }
      blobs ??= new BlobReader(dir, signal);
      let bytes: Buffer;
      try {
        bytes = await blobs.read(oid!);
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        if (!(e instanceof Refusal)) throw e;
        yield { ...record, size: bytesSize, error: e.toRecordError() };
        continue;
      }
      if (mode === "120000") {
        const link = bytes.toString("utf8");
        const target = symlinkTarget(path, link);
        yield {
          ...record,
          size: bytesSize,
          error:
            target === null
              ? {
                  code: Code.symlinkOutsideRoot,
                  message: `symlink ${path} -> ${link} points outside the repository; not followed`,
                }
              : {
                  code: Code.symlink,
                  message: `symlink to ${target}; not followed (its target is read as its own file)`,
                },
        };
        continue;
      }
      yield { ...record, size: bytesSize, bytes };
    }
    current = undefined;
    const [code] = await exited;
    checkAbort(signal);
    if (code !== 0)
      throw new Error(`git ls-tree failed: ${Buffer.concat(stderr).toString("utf8").trim()}`);
  } catch (e) {
    // A repository git itself cannot read (a corrupt object, a broken pack) ends the source with one record.
    if (signal?.aborted) throw signal.reason;
    const at = current ?? seq.take();
    if (at.ordinal >= skip) yield failure(at.ordinal, current?.path ?? "", (e as Error).message);
  } finally {
    list.kill();
    blobs?.close();
  }
}
