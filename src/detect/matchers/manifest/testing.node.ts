/** Test helpers: run the manifest matcher on a fixture or a text and collect what it says. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Match } from "../../types.ts";
import { manifestMatcher } from "./index.ts";

export interface Run {
  matches: Match[];
  warnings: string[];
}

/** Run the matcher on `text` as if it were the file `path`. */
export function runText(path: string, text: string): Run {
  const warnings: string[] = [];
  const matches = manifestMatcher({ path, text }, { warn: (w) => warnings.push(w) });
  return { matches, warnings };
}

/** The text of a fixture, by its path under fixtures/. */
export const fixtureText = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), "utf8");

/** Run the matcher on a fixture, by its path under fixtures/. */
export const runFixture = (name: string): Run => runText(name, fixtureText(name));

/** The matches as [spdx, score, first line, last line] rows, for compact assertions. */
export const rows = (run: Run) => run.matches.map((m) => [m.spdx, m.score, ...m.lines]);
