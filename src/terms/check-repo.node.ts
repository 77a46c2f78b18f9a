/**
 * `terms check DIR`: the signals a repository (or a site's files on disk)
 * carries at its root: licence files and READMEs, package manifests, REUSE
 * data, ai.txt, and, where the directory is a site root, robots.txt,
 * tdmrep.json and the TDM policy it names. Offline: a policy is read only
 * from the directory itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { detectFile } from "../detect/detect-file.node.ts";
import type { Interpretation } from "../policy/index.ts";
import { parseAiTxt } from "./ai-txt.ts";
import { decide } from "./decide.ts";
import { PATHS } from "./ids.ts";
import { readPolicy } from "./odrl.ts";
import { parseRobots } from "./robots.ts";
import { aiTxtSignals, detectionSignals, robotsSignals, tdmSignals } from "./signals.ts";
import { declare, parseTdmrepJson, tdmRuleFor } from "./tdmrep.ts";
import type { Signal, TermsVerdict } from "./types.ts";

const LICENCE_FILE = /^(licen[cs]e|copying|unlicense|notice|readme|copyright)([.\-_].*)?$/i;
const MANIFESTS = new Set([
  "package.json",
  "Cargo.toml",
  "pyproject.toml",
  "setup.cfg",
  "pom.xml",
  "composer.json",
  "DESCRIPTION",
  "REUSE.toml",
]);
const MAX_BYTES = 1 << 20;

export interface RepoCheckOptions {
  productToken: string;
  /** The reading of unsettled law (default standard). */
  interpretation?: Interpretation;
}

/** @throws never for unreadable files (they become signals); the caller checks that `dir` is a directory. */
export function checkRepo(
  dir: string,
  options: RepoCheckOptions = { productToken: "tgpl-terms" },
): TermsVerdict {
  const signals: Signal[] = [];
  const files = licenceFiles(dir);
  for (const file of files)
    signals.push(
      ...detectionSignals(detectFile(file, { maxBytes: MAX_BYTES }), relative(dir, file) || file),
    );

  const robotsPath = join(dir, PATHS.robots);
  if (isFile(robotsPath))
    signals.push(
      ...robotsSignals(
        parseRobots(readFileSync(robotsPath)),
        "/",
        options.productToken,
        PATHS.robots,
      ).signals,
    );

  const tdmPath = join(dir, PATHS.tdmrep);
  if (isFile(tdmPath)) {
    const file = parseTdmrepJson(readFileSync(tdmPath, "utf8"));
    const rule = tdmRuleFor(file, "/");
    if (!rule && file.errors.length > 0)
      signals.push({
        source: "tdmrep.json",
        value: "unusable",
        raw: file.errors.join("; "),
        location: PATHS.tdmrep,
        stance: "none",
      });
    if (rule) {
      const decision = declare(
        { reservation: rule.reservation, ...(rule.policy ? { policy: rule.policy } : {}) },
        null,
        null,
      );
      const policy =
        decision.reservation === 1 && decision.policy ? localPolicy(dir, decision.policy) : null;
      signals.push(
        ...tdmSignals(
          [
            {
              source: "tdmrep.json",
              reservation: rule.reservation,
              ...(rule.policy ? { policy: rule.policy } : {}),
              raw: `rule ${rule.index}: location ${rule.location.raw}`,
              location: PATHS.tdmrep,
            },
          ],
          decision,
          policy,
        ),
      );
    }
  }

  const aiPath = join(dir, PATHS.aiTxt);
  if (isFile(aiPath))
    signals.push(
      ...aiTxtSignals(
        parseAiTxt(readFileSync(aiPath, "utf8"), options.productToken),
        "/",
        PATHS.aiTxt,
      ),
    );

  return decide(dir, "repository", signals, options.interpretation);
}

/** Licence files, READMEs and manifests at the root, plus REUSE's LICENSES/ and .reuse/dep5. */
function licenceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!isFile(path)) continue;
    if (LICENCE_FILE.test(name) || MANIFESTS.has(name) || name.endsWith(".gemspec")) out.push(path);
  }
  const licences = join(dir, "LICENSES");
  if (existsSync(licences) && statSync(licences).isDirectory())
    for (const name of readdirSync(licences).sort())
      if (isFile(join(licences, name))) out.push(join(licences, name));
  const dep5 = join(dir, ".reuse", "dep5");
  if (isFile(dep5)) out.push(dep5);
  return out;
}

/** A policy URL read from the directory when its path names a file there (a site's files on disk). */
function localPolicy(dir: string, policy: string): Parameters<typeof tdmSignals>[2] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(policy, "file:///").pathname).replace(/^\/+/, "");
  } catch {
    return { reading: null, problem: `tdm-policy is not a URL: ${policy}` };
  }
  const local = join(dir, path);
  if (!path || !isFile(local))
    return {
      reading: null,
      problem: `the TDM policy ${policy} is not in this directory and a repository check does not fetch it (check the site URL instead)`,
    };
  return { reading: readPolicy(readFileSync(local, "utf8")), location: path };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
