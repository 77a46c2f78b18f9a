/**
 * `tgpl mia`: membership scores of files under a model, and, with controls,
 * dataset inference. Files that cannot be read or encoded become error
 * records; the others are still scored.
 */
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { InputError } from "../../errors.ts";
import { type Backend, type ScoredText, UnencodableTextError } from "../backends/types.ts";
import { SKIPPED_DIRS } from "../canary/select.ts";
import { walkTree } from "../canary/walk.node.ts";
import {
  type DatasetInference,
  datasetInference,
  type InferenceItem,
  MIN_PER_SET,
} from "./dataset-inference.ts";
import { type MembershipScores, membershipScores } from "./membership.ts";

export interface FileScores extends MembershipScores {
  path: string;
  bytes: number;
  /** Loss under the reference model, and this model's loss over it (lower: better known to this model). */
  referenceLoss?: number;
  referenceRatio?: number;
}

export interface FileError {
  path: string;
  error: string;
}

export interface MiaReport {
  model: string;
  reference?: string;
  files: (FileScores | FileError)[];
  controls?: (FileScores | FileError)[];
  datasetInference?: DatasetInference;
}

const LANGUAGE: Record<string, string> = {
  ".js": "JavaScript",
  ".mjs": "JavaScript",
  ".cjs": "JavaScript",
  ".jsx": "JavaScript",
  ".ts": "TypeScript",
  ".tsx": "TypeScript",
  ".mts": "TypeScript",
  ".cts": "TypeScript",
  ".py": "Python",
  ".rs": "Rust",
  ".go": "Go",
  ".java": "Java",
  ".c": "C",
  ".h": "C",
  ".cc": "C++",
  ".cpp": "C++",
  ".hpp": "C++",
  ".rb": "Ruby",
  ".php": "PHP",
  ".cs": "C#",
  ".sh": "Shell",
  ".md": "Markdown",
  ".json": "JSON",
};
export const languageOfPath = (path: string): string =>
  LANGUAGE[extname(path).toLowerCase()] ?? (extname(path) || "none");

interface Loaded {
  path: string;
  text: string;
  bytes: number;
  mtime: number;
}

/** Files as given, directories walked (skipping vendored and build directories); unreadable ones as errors. */
export function loadFiles(
  inputs: readonly string[],
  maxBytes = 8 * 1024 * 1024,
): { loaded: Loaded[]; errors: FileError[] } {
  const loaded: Loaded[] = [];
  const errors: FileError[] = [];
  const add = (path: string): void => {
    try {
      const st = statSync(path);
      if (st.size > maxBytes) {
        errors.push({ path, error: `larger than ${maxBytes} bytes` });
        return;
      }
      const buf = readFileSync(path);
      if (buf.subarray(0, 8192).includes(0)) {
        errors.push({ path, error: "binary file" });
        return;
      }
      loaded.push({ path, text: buf.toString("utf8"), bytes: st.size, mtime: st.mtimeMs });
    } catch (e) {
      errors.push({ path, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  };
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {}
    if (isDir) for (const f of walkTree(input, SKIPPED_DIRS)) add(f.abs);
    else add(input);
  }
  return { loaded, errors };
}

/** Scores the texts one by one when a batch fails on one unencodable text, so the others still count. */
async function scoreAll(
  backend: Backend,
  files: Loaded[],
  k: number,
): Promise<(FileScores | FileError)[]> {
  let scored: (ScoredText | Error)[];
  try {
    scored = await backend.score(files.map((f) => f.text));
  } catch (e) {
    if (!(e instanceof UnencodableTextError)) throw e;
    scored = [];
    for (const f of files)
      scored.push(
        await backend.score([f.text]).then(
          (r) => r[0]!,
          (err: Error) => {
            if (err instanceof UnencodableTextError) return err;
            throw err;
          },
        ),
      );
  }
  return files.map((f, i) => {
    const s = scored[i]!;
    if (s instanceof Error) return { path: f.path, error: s.message };
    try {
      return { path: f.path, bytes: f.bytes, ...membershipScores(s, k) };
    } catch (e) {
      return { path: f.path, error: (e as Error).message };
    }
  });
}

export const isScored = (r: FileScores | FileError): r is FileScores => !("error" in r);

export interface MiaOptions {
  files: readonly string[];
  controls?: string;
  k?: number;
  seed?: string;
}

/**
 * Scores the files (and controls) with the model and, optionally, a reference model.
 * @throws InputError when no file could be read, or dataset inference has too few files.
 */
export async function runMia(
  model: Backend,
  reference: Backend | undefined,
  options: MiaOptions,
): Promise<MiaReport> {
  const k = options.k ?? 0.2;
  const suspect = loadFiles(options.files);
  if (suspect.loaded.length === 0)
    throw new InputError(
      `no file could be read${suspect.errors[0] ? `: ${suspect.errors[0].path}: ${suspect.errors[0].error}` : ""}`,
    );
  const control = options.controls ? loadFiles([options.controls]) : undefined;
  if (control && control.loaded.length === 0)
    throw new InputError(`${options.controls}: no control file could be read`);

  const score = async (set: { loaded: Loaded[]; errors: FileError[] }) => {
    const own = await scoreAll(model, set.loaded, k);
    if (reference) {
      const ref = await scoreAll(reference, set.loaded, k);
      own.forEach((r, i) => {
        const q = ref[i]!;
        if (isScored(r) && isScored(q))
          Object.assign(r, { referenceLoss: q.loss, referenceRatio: r.loss / q.loss });
      });
    }
    return [...own, ...set.errors];
  };
  const report: MiaReport = { model: model.spec, files: await score(suspect) };
  if (reference) report.reference = reference.spec;
  if (control && options.controls) {
    report.controls = await score(control);
    const item =
      (set: Loaded[]) =>
      (r: FileScores | FileError): InferenceItem | null => {
        if (!isScored(r)) return null;
        const f = set.find((l) => l.path === r.path)!;
        return {
          path: r.path,
          scores: r,
          referenceLoss: r.referenceLoss,
          bytes: r.bytes,
          language: languageOfPath(r.path),
          mtime: f.mtime,
        };
      };
    const s = report.files.map(item(suspect.loaded)).filter((x): x is InferenceItem => x !== null);
    const c = report.controls
      .map(item(control.loaded))
      .filter((x): x is InferenceItem => x !== null);
    if (s.length < MIN_PER_SET || c.length < MIN_PER_SET)
      throw new InputError(
        `dataset inference needs at least ${MIN_PER_SET} scored suspect files and ${MIN_PER_SET} scored control files; it has ${s.length} and ${c.length}`,
        "Give more files. The controls must be of the same kind as the suspect files (same project or author, language, era) and never published.",
      );
    report.datasetInference = datasetInference(s, c, options.seed);
  }
  return report;
}
