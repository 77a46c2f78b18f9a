/**
 * `terms init DIR`: write the TGPL and its machine-readable forms into a
 * repository or site root. Never overwrites what the owner wrote: an existing
 * LICENSE, tdmrep.json or ai.txt that says something else is reported as a
 * conflict (use --force to replace), robots.txt and README get an appended
 * section, and source files get a header only when they declare no licence.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { detectText } from "../detect/detect.ts";
import { isTgplId, PATHS } from "./ids.ts";
import {
  addHtmlMeta,
  aiTxt,
  headersFile,
  licenceIdOf,
  policyJson,
  readmeSection,
  robotsGroup,
  snippets,
  type TermsOptions,
  tdmrepJson,
} from "./generate.ts";
import { withSpdxHeader } from "./spdx-headers.ts";

export type Action =
  | "created"
  | "appended"
  | "replaced"
  | "updated"
  | "unchanged"
  | "conflict"
  | "skipped";

export interface InitEntry {
  path: string;
  action: Action;
  detail?: string;
}

export interface InitOptions extends TermsOptions {
  /** Add SPDX identifier lines to source files that declare no licence. */
  headers: boolean;
  /** Add the tdm meta and licence link to HTML pages. */
  html: boolean;
  /** Replace files that say something else. */
  force: boolean;
  /** Report what would be done, write nothing. */
  dryRun: boolean;
}

export interface InitReport {
  dir: string;
  licence: string;
  entries: InitEntry[];
  snippets: Record<string, string>;
}

const SKIP_DIRS = new Set([
  ".git",
  "node_modules",
  "vendor",
  "dist",
  "build",
  "target",
  "__pycache__",
  ".venv",
  "venv",
  "third_party",
  ".hg",
  ".svn",
]);
const MAX_SOURCE_BYTES = 1 << 20;

/** The licence text shipped with the package (licenses/TGPL-1.0.txt). */
export function licenceText(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/terms or dist/terms: the package root is two levels up either way.
  return readFileSync(join(here, "..", "..", "licenses", "TGPL-1.0.txt"), "utf8");
}

/** @throws Error only for I/O failures the caller reports (an unwritable directory). */
export function initTerms(dir: string, o: InitOptions): InitReport {
  const entries: InitEntry[] = [];
  const id = licenceIdOf(o);
  const write = (rel: string, text: string, action: Action, detail?: string) => {
    if (!o.dryRun) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    entries.push({ path: rel, action, ...(detail ? { detail } : {}) });
  };

  // LICENSE: the text, unless another licence is already there.
  const licencePath = join(dir, PATHS.licence);
  const text = licenceText();
  if (!existsSync(licencePath)) write(PATHS.licence, text, "created");
  else {
    const current = readFileSync(licencePath, "utf8");
    const found = detectText(PATHS.licence, current).expression;
    if (current === text) entries.push({ path: PATHS.licence, action: "unchanged" });
    else if (found?.split(/\s+(?:AND|OR)\s+/).every((x) => isTgplId(x.replace(/[()]/g, ""))))
      write(PATHS.licence, text, "updated", "replaced an older copy of the TGPL text");
    else if (o.force)
      write(PATHS.licence, text, "replaced", `was ${found ?? "an unrecognised licence"}`);
    else
      entries.push({
        path: PATHS.licence,
        action: "conflict",
        detail: `already holds ${found ?? "an unrecognised licence"}; pass --force to replace it`,
      });
  }

  // README: append the notice section once.
  const readme = ["README.md", "README", "README.txt", "README.rst"].find((n) =>
    existsSync(join(dir, n)),
  );
  if (readme) {
    const current = readFileSync(join(dir, readme), "utf8");
    if (/Training GPL|LicenseRef-TGPL-1\.0/.test(current))
      entries.push({ path: readme, action: "unchanged", detail: "already mentions the TGPL" });
    else write(readme, `${current.replace(/\s*$/, "\n\n")}${readmeSection(o)}`, "appended");
  } else
    entries.push({
      path: "README.md",
      action: "skipped",
      detail: "no README; the notice is in the report (add it to your README)",
    });

  // robots.txt: a new file, or a group appended to the existing one.
  const robotsPath = join(dir, PATHS.robots);
  if (!existsSync(robotsPath)) write(PATHS.robots, robotsGroup(o, true), "created");
  else {
    const current = readFileSync(robotsPath, "utf8");
    const ours = robotsGroup(o, true)
      .split("\n")
      .find((l) => l.startsWith("Content-Usage:"))!;
    if (current.split(/\r?\n/).some((l) => l.trim() === ours))
      entries.push({ path: PATHS.robots, action: "unchanged" });
    else if (/^\s*content-usage\s*:/im.test(current) && !o.force)
      entries.push({
        path: PATHS.robots,
        action: "conflict",
        detail:
          "already has Content-Usage rules; merge the TGPL rule by hand or pass --force to append it",
      });
    else
      write(
        PATHS.robots,
        `${current.replace(/\s*$/, "\n\n")}${robotsGroup(o, false)}`,
        "appended",
        "a catch-all group with the Content-Usage rule (merged with yours by RFC 9309 2.2.1); groups for named crawlers do not inherit it",
      );
  }

  writeUnlessDifferent(dir, PATHS.tdmrep, tdmrepJson(o), o, entries, write);
  writeUnlessDifferent(dir, PATHS.policy, policyJson(o), o, entries, write);
  writeUnlessDifferent(dir, PATHS.aiTxt, aiTxt(o), o, entries, write);
  writeUnlessDifferent(dir, PATHS.headers, headersFile(o), o, entries, write);

  if (o.html) {
    for (const file of walk(dir, (n) => /\.html?$/i.test(n))) {
      const rel = relative(dir, file);
      const result = addHtmlMeta(readFileSync(file, "utf8"), o);
      if (result.changed) write(rel, result.html, "updated", result.reason);
      else entries.push({ path: rel, action: "unchanged", detail: result.reason });
    }
  }
  if (o.headers) {
    for (const file of walk(dir, () => true)) {
      const rel = relative(dir, file);
      if (statSync(file).size > MAX_SOURCE_BYTES) continue;
      const bytes = readFileSync(file);
      if (bytes.includes(0)) continue; // binary
      const result = withSpdxHeader(rel, bytes.toString("utf8"), id);
      if (result.changed) write(rel, result.text, "updated", "SPDX identifier added");
      else if (result.reason === "declares-licence")
        entries.push({ path: rel, action: "unchanged", detail: "already declares a licence" });
    }
  }
  return { dir, licence: id, entries, snippets: snippets(o) };
}

function writeUnlessDifferent(
  dir: string,
  rel: string,
  text: string,
  o: InitOptions,
  entries: InitEntry[],
  write: (rel: string, text: string, action: Action, detail?: string) => void,
): void {
  const path = join(dir, rel);
  if (!existsSync(path)) {
    write(rel, text, "created");
    return;
  }
  const current = readFileSync(path, "utf8");
  if (current === text) {
    entries.push({ path: rel, action: "unchanged" });
    return;
  }
  // A file `terms init` wrote before (e.g. with another base URL) is ours to update.
  if (/LicenseRef-TGPL-1\.0/.test(current) || o.force) {
    write(rel, text, current.includes("TGPL") ? "updated" : "replaced");
    return;
  }
  entries.push({
    path: rel,
    action: "conflict",
    detail: "exists with other content; pass --force to replace it",
  });
}

function* walk(dir: string, want: (name: string) => boolean): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) yield* walk(join(dir, e.name), want);
    } else if (e.isFile() && want(e.name)) yield join(dir, e.name);
  }
}
