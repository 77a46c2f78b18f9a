/** `tgpl terms init DIR` / `tgpl terms check DIR|URL`: publish and read training terms. */
import { statSync } from "node:fs";
import { InputError, UsageError } from "../../errors.ts";
import { obligationText } from "../../policy/index.ts";
import { checkRepo } from "../../terms/check-repo.node.ts";
import { checkSite, DEFAULT_SITE_OPTIONS } from "../../terms/check-site.node.ts";
import { notice } from "../../terms/generate.ts";
import { initTerms, type InitReport } from "../../terms/init.node.ts";
import type { Condition, TermsVerdict, Trigger } from "../../terms/types.ts";
import { intOption, parse } from "../args.ts";
import { interpretationOption } from "../policy-options.ts";

const USAGE = `Usage: tgpl terms init DIR [options]
       tgpl terms check DIR|URL [options]

init   Adopt the Training GPL (TGPL) in a repository or website root: LICENSE,
       a notice appended to the README, and the machine-readable terms that
       crawlers and data-set builders read: robots.txt Content-Usage rule,
       .well-known/tdmrep.json, the ODRL offer tgpl-policy.json, ai.txt, and a
       _headers file (Netlify/Cloudflare Pages); nginx, Apache, HTML and
       package-manifest snippets are printed. Existing files that say
       something else are left alone and reported as conflicts.
check  Read every signal a repository or site publishes and say what training
       on it permits: allow, conditional, deny or unknown, with the licence,
       the obligations and each signal it rests on.

Options for init:
  --only              TGPL 1.0 only (default: 1.0 or any later version)
  --base-url URL      where the site is served, so the terms carry absolute URLs
  --holder NAME       copyright holder for the notice
  --year YEAR         copyright year (default: this year)
  --name NAME         the work's name for the notice
  --headers           add SPDX-License-Identifier lines to source files that
                      declare no licence (files that do are never touched)
  --html              add the tdm-reservation/tdm-policy meta and a licence
                      link to HTML pages that state no TDM reservation
  --force             replace files that say something else
  --dry-run           report what would be written; write nothing

Options for check:
  --user-agent TOKEN  the crawler whose robots.txt group applies
                      (default: tgpl-terms, which falls to the * group)
  --timeout MS        deadline for each fetch, redirects included (default 10000)
  --follow-off-origin follow redirects and links to other origins (each one
                      is reported); by default nothing leaves the origin
  --interpretation NAME
                      standard (default) or conservative: whether copyleft
                      and share-alike licences reach a model's weights, and
                      how licences silent on training are read; the verdict
                      says when the other reading would answer differently

  --json              one JSON document on stdout

Exit codes: check: 0 training is allowed or conditional, 1 denied or unknown
(nothing found permits it), 2 bad usage or input. init: 0 done, 1 some files
were left untouched because of conflicts, 2 bad usage or input.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      only: { type: "boolean" },
      "base-url": { type: "string" },
      holder: { type: "string" },
      year: { type: "string" },
      name: { type: "string" },
      headers: { type: "boolean" },
      html: { type: "boolean" },
      force: { type: "boolean" },
      "dry-run": { type: "boolean" },
      "user-agent": { type: "string" },
      timeout: { type: "string" },
      "follow-off-origin": { type: "boolean" },
      interpretation: { type: "string" },
    },
    USAGE,
  );
  const [sub, target, ...extra] = positionals;
  if (values.help || sub === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (sub !== "init" && sub !== "check")
    throw new UsageError(`expected 'init' or 'check'\n\n${USAGE}`);
  if (!target)
    throw new UsageError(
      `'terms ${sub}' needs a ${sub === "init" ? "DIR" : "DIR or URL"}\n\n${USAGE}`,
    );
  if (extra.length > 0)
    throw new UsageError(
      `one ${sub === "init" ? "DIR" : "DIR or URL"} at a time, got ${positionals.length - 1}`,
    );
  return sub === "init" ? init(target, values as Values) : check(target, values as Values);
}

type Values = Record<string, string | boolean | undefined>;

function init(dir: string, values: Values): number {
  requireDir(dir);
  const baseUrl = values["base-url"] as string | undefined;
  if (baseUrl !== undefined) {
    let u: URL;
    try {
      u = new URL(baseUrl);
    } catch {
      throw new UsageError(
        `--base-url needs an absolute URL such as https://example.org/, got ${JSON.stringify(baseUrl)}`,
      );
    }
    if (u.protocol !== "http:" && u.protocol !== "https:")
      throw new UsageError("--base-url must be an http or https URL");
  }
  const year = values.year === undefined ? undefined : intOption(values.year as string, "year", 0);
  const report = initTerms(dir, {
    orLater: !values.only,
    ...(baseUrl ? { baseUrl } : {}),
    ...(values.holder ? { holder: values.holder as string } : {}),
    ...(year ? { year } : {}),
    ...(values.name ? { name: values.name as string } : {}),
    headers: Boolean(values.headers),
    html: Boolean(values.html),
    force: Boolean(values.force),
    dryRun: Boolean(values["dry-run"]),
  });
  const conflicts = report.entries.filter((e) => e.action === "conflict");
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ...report, notice: noticeOf(values), dryRun: Boolean(values["dry-run"]) }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(formatInit(report, Boolean(values["dry-run"]), values));
  }
  return conflicts.length > 0 ? 1 : 0;
}

function noticeOf(values: Values): string {
  const year = values.year === undefined ? undefined : Number(values.year);
  return notice({
    orLater: !values.only,
    ...(values.holder ? { holder: values.holder as string } : {}),
    ...(year ? { year } : {}),
    ...(values.name ? { name: values.name as string } : {}),
  });
}

function formatInit(r: InitReport, dryRun: boolean, values: Values): string {
  const lines = [`${dryRun ? "Would adopt" : "Adopted"} ${r.licence} in ${r.dir}`];
  const width = Math.max(...r.entries.map((e) => e.action.length));
  for (const e of r.entries)
    lines.push(`  ${e.action.padEnd(width)}  ${e.path}${e.detail ? `  (${e.detail})` : ""}`);
  lines.push(
    "",
    "Serve these response headers (the _headers file does it on Netlify and Cloudflare Pages):",
  );
  lines.push(indent(r.snippets.nginx!), indent(r.snippets.apache!));
  lines.push("In the <head> of HTML pages (or run with --html):", indent(r.snippets.html!));
  lines.push(
    "In package manifests:",
    indent(r.snippets["package.json"]!),
    indent(r.snippets["pyproject.toml"]!),
    indent(r.snippets["Cargo.toml"]!),
  );
  if (r.entries.some((e) => e.path === "README.md" && e.action === "skipped"))
    lines.push("Notice for your README:", indent(noticeOf(values)));
  return `${lines.join("\n")}\n`;
}

const indent = (s: string) =>
  s
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");

async function check(target: string, values: Values): Promise<number> {
  const token = (values["user-agent"] as string | undefined) ?? DEFAULT_SITE_OPTIONS.productToken;
  if (!/^[A-Za-z_-]+$/.test(token))
    throw new UsageError(
      `--user-agent needs a product token (letters, '_' and '-'), as RFC 9309 defines it, got ${JSON.stringify(token)}`,
    );
  const interpretation = interpretationOption(values.interpretation as string | undefined);
  let verdict: TermsVerdict;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new InputError(
        `not a valid URL: ${target}`,
        "Give a full http(s) URL such as https://example.org/page, or a directory.",
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new InputError(
        `only http and https URLs can be checked, not ${url.protocol}`,
        "Give an http(s) URL or a directory.",
      );
    verdict = await checkSite(url, {
      productToken: token,
      timeoutMs: intOption(
        values.timeout as string | undefined,
        "timeout",
        DEFAULT_SITE_OPTIONS.timeoutMs,
      ),
      allowOffOrigin: Boolean(values["follow-off-origin"]),
      interpretation,
    });
  } else {
    requireDir(target);
    verdict = checkRepo(target, { productToken: token, interpretation });
  }
  if (values.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  else process.stdout.write(formatVerdict(verdict));
  return verdict.training === "allow" || verdict.training === "conditional" ? 0 : 1;
}

function formatVerdict(v: TermsVerdict): string {
  const lines = [
    `${v.target}: training ${v.training.toUpperCase()}${v.licence ? ` (${v.licence})` : ""}`,
  ];
  for (const r of v.reasons) lines.push(`  because ${r}`);
  if (v.conditions.length > 0)
    lines.push("  Conditions:", ...v.conditions.map((c) => `    - ${conditionText(c)}`));
  const w = v.weights;
  if (w.only || w.except.length > 0 || w.includes.length > 0) {
    lines.push("  The weights of a model trained on it:");
    if (w.only)
      lines.push(
        `    - must be under ${w.only.join(" or ") || "(no licence satisfies every part)"}`,
      );
    if (w.except.length > 0) lines.push(`    - may not be under ${w.except.join(", ")}`);
    for (const inc of w.includes) lines.push(`    - must carry ${inc.join(" or ")}`);
  }
  if (v.obligations.length > 0)
    lines.push(
      "  A model trained on it owes:",
      ...v.obligations.map(
        (o) =>
          `    - ${o.kind} (when ${o.on.map((d) => TRIGGER_TEXT[d]).join(" or ")}): ${obligationText[o.kind]}`,
      ),
    );
  lines.push("  Signals:");
  for (const s of v.signals)
    lines.push(
      `    ${s.stance.padEnd(8)} ${s.source}: ${s.value}${s.location ? `  [${s.location}]` : ""}${s.note ? `\n             note: ${s.note}` : ""}`,
    );
  return `${lines.join("\n")}\n`;
}

const TRIGGER_TEXT: Record<Trigger, string> = {
  distributed: "the weights are distributed",
  api: "the model is served over a network",
};

function conditionText(c: Condition): string {
  if (c.kind === "non-commercial") return "the model may not be made or used commercially";
  return `the model may not be ${c.on.map((d) => (d === "api" ? "served over a network" : "distributed")).join(" or ")}`;
}

function requireDir(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(
      `no such directory: ${dir}`,
      "Check the path, or give an http(s) URL to check a site.",
    );
  }
  if (!isDir)
    throw new InputError(
      `${dir} is not a directory`,
      "Give the root directory of the repository or site.",
    );
}
