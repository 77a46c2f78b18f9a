/**
 * BENCHMARKS.md section for the licence-detection benchmark, from a Results
 * record. Pure: the caller writes it between the section's markers.
 */
import type { Results, RunFigures } from "./results.ts";
import type { Score, Tally } from "./score.ts";
import type { ToolName } from "./tools.node.ts";

export const SECTION_START = "<!-- bench:detect:start -->";
export const SECTION_END = "<!-- bench:detect:end -->";

const pct = (x: number, n: number) => (n === 0 ? "–" : `${((100 * x) / n).toFixed(1)}%`);
const int = (x: number) => Math.round(x).toLocaleString("en-US");
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => " --- ").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

const SUBSETS: [string, string][] = [
  ["npm", "npm licence files (single licence or AND)"],
  ["npm-or", "npm licence files labelled with OR (any alternative or the whole counts)"],
  ["debian", "Debian `License:` paragraphs"],
];

function accuracyRows(r: Results): string[][] {
  const rows: string[][] = [];
  for (const [subset, title] of SUBSETS) {
    const byTool = r.scores[subset];
    if (!byTool) continue;
    for (const kind of ["distinct", "all"] as const) {
      for (const tool of r.tools) {
        const s = byTool[tool];
        if (!s) continue;
        const t = s[kind];
        rows.push([
          kind === "distinct" ? `${title}, distinct texts` : `${title}, all files`,
          tool,
          int(t.n),
          `**${pct(t.exact, t.n)}**`,
          pct(t.wrong, t.n),
          pct(t.none, t.n),
          pct(t.loose, t.n),
        ]);
      }
    }
  }
  return rows;
}

function perLabel(r: Results, subset: string, top: number): string {
  const byTool = r.scores[subset];
  if (!byTool) return "";
  const tools = r.tools.filter((t) => byTool[t]);
  const first = byTool[tools[0]!] as Score;
  const labels = [...first.byLabel].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
  const rows: string[][] = [];
  const other: Record<string, Tally> = {};
  let otherN = 0;
  labels.forEach(([label, t], i) => {
    if (i < top) {
      rows.push([
        `\`${label}\``,
        int(t.n),
        ...tools.map((tool) => {
          const x = byTool[tool]!.byLabel.get(label)!;
          return `${pct(x.exact, x.n)}`;
        }),
      ]);
    } else {
      otherN += t.n;
      for (const tool of tools) {
        const x = byTool[tool]!.byLabel.get(label)!;
        other[tool] ??= { n: 0, exact: 0, wrong: 0, none: 0, loose: 0 };
        other[tool].n += x.n;
        other[tool].exact += x.exact;
      }
    }
  });
  if (otherN > 0) {
    rows.push([
      `${labels.length - top} other labels`,
      int(otherN),
      ...tools.map((t) => pct(other[t]!.exact, other[t]!.n)),
    ]);
  }
  return table(["label (distinct texts)", "n", ...tools.map((t) => `${t} exact`)], rows);
}

function speedRows(runs: RunFigures[]): string[][] {
  return runs.map((x) => [
    x.corpus,
    x.tool,
    String(x.workers),
    int(x.files),
    int((x.files * 1000) / x.wallMs),
    (((x.bytes / 1e6) * 1000) / x.wallMs).toFixed(2),
    (x.wallMs / 1000).toFixed(1),
    (x.cpuMs / 1000).toFixed(1),
    int((x.files * 1000) / x.cpuMs),
    x.firstResultMs === null ? "–" : int(x.firstResultMs),
    int(x.peakKb / 1024),
    x.crashes || x.errors ? `${x.crashes} / ${x.errors}` : "0 / 0",
    x.load.toFixed(2),
    String(x.runs ?? 1),
  ]);
}

/**
 * How each tool's source-file rate grows from 1 to 2 workers, and how many
 * cores tgpl's one-worker run already kept busy: the 2-worker ratio against
 * licensecheck depends on both, and a reader should see them beside it.
 */
export function scaling(r: Results): string | null {
  const run = (tool: ToolName, workers: number) =>
    r.runs.find((x) => x.corpus === "source" && x.tool === tool && x.workers === workers);
  const parts: string[] = [];
  for (const tool of r.tools) {
    const one = run(tool, 1);
    const two = run(tool, 2);
    if (one && two && one.wallMs > 0 && two.wallMs > 0)
      parts.push(`${tool} ${(two.files / two.wallMs / (one.files / one.wallMs)).toFixed(2)}×`);
  }
  const t1 = run("tgpl", 1);
  if (parts.length === 0 || !t1 || t1.wallMs <= 0) return null;
  return (
    `From 1 to 2 workers on the source files, files/s grew: ${parts.join(", ")}. ` +
    `tgpl's one-worker run already kept ${(t1.cpuMs / t1.wallMs).toFixed(2)} cores busy ` +
    "(V8 compiles and collects garbage on threads of its own), which a second worker thread no longer gets for free; " +
    "licensecheck and licensee are single-threaded processes."
  );
}

function targets(r: Results): string[][] {
  const rows: string[][] = [];
  const npm = r.scores["npm"]?.tgpl?.distinct;
  if (npm) {
    rows.push([
      "exact on distinct npm licence texts",
      "≥ 99%",
      pct(npm.exact, npm.n),
      npm.n > 0 && npm.exact / npm.n >= 0.99 ? "yes" : "no",
    ]);
    rows.push([
      "wrong on distinct npm licence texts",
      "< 0.5%",
      pct(npm.wrong, npm.n),
      npm.n > 0 && npm.wrong / npm.n < 0.005 ? "yes" : "no",
    ]);
  }
  const deb = r.scores["debian"]?.tgpl?.all;
  if (deb) {
    rows.push([
      "exact on Debian notice paragraphs",
      "≥ 95%",
      pct(deb.exact, deb.n),
      deb.n > 0 && deb.exact / deb.n >= 0.95 ? "yes" : "no",
    ]);
  }
  const src = (tool: ToolName) =>
    r.runs.find((x) => x.corpus === "source" && x.tool === tool && x.workers === 2);
  const t2 = src("tgpl");
  const l2 = src("licensecheck");
  if (t2 && l2) {
    const ratio = t2.files / t2.wallMs / (l2.files / l2.wallMs);
    const cpuRatio = t2.files / t2.cpuMs / (l2.files / l2.cpuMs);
    rows.push([
      "source files/s vs licensecheck, 2 workers",
      "≥ 10×",
      `${ratio.toFixed(1)}×`,
      ratio >= 10 ? "yes" : "no",
    ]);
    rows.push([
      "(the same, in files per CPU second)",
      "≥ 10×",
      `${cpuRatio.toFixed(1)}×`,
      cpuRatio >= 10 ? "yes" : "no",
    ]);
  }
  const t1 = r.runs.find((x) => x.corpus === "source" && x.tool === "tgpl" && x.workers === 1);
  const startup = r.startup.tgpl;
  if (startup) {
    rows.push([
      "index ready (one licence text, spawn to exit)",
      "< 300 ms",
      `${int(startup.licenceMs)} ms`,
      startup.licenceMs < 300 ? "yes" : "no",
    ]);
  }
  const peak = Math.max(...r.runs.filter((x) => x.tool === "tgpl").map((x) => x.peakKb), 0);
  if (t1 || t2)
    rows.push([
      "peak memory (any tgpl run)",
      "< 500 MB",
      `${int(peak / 1024)} MB`,
      peak / 1024 < 500 ? "yes" : "no",
    ]);
  return rows;
}

/** The METHOD text: how each tool is run and how answers are judged. Kept with the figures. */
function method(r: Results): string {
  const lcArgs = [
    "--machine",
    "--shortname-scheme=spdx",
    "--check",
    ".",
    ...r.licensecheckArgs,
  ].join(" ");
  return `### How it is measured

- **tgpl** runs as users run it, after \`npm run build\`: \`node bin/tgpl.js detect --ndjson --workers N --files-from -\`, the paths on stdin, one process (N worker threads).
- **licensecheck** runs as \`licensecheck ${lcArgs} -- PATH...\`, many paths per process (chunks of at most 1 MiB of arguments); with 2 workers, two processes run at once over interleaved halves of the list. \`--check .\` only stops its file-name filter from skipping LICENSE and COPYING files; scanning depth is its default (first 60 lines, then the last 5,000 bytes when nothing was found); \`--licensecheck-args "--lines=0"\` makes it read whole files. Its names are mapped to SPDX with \`bench/detect/peer-names.ts\` and \`bench/detect/debian-names.ts\` (\`GPL-2\` → \`GPL-2.0-only\`, \`GPL-2+\` → \`GPL-2.0-or-later\`, \`Expat\` → \`MIT\`, \`BSD-3-clause\` → \`BSD-3-Clause\`...); \`A and/or B\` counts as both \`A AND B\` and \`A OR B\`, since licensecheck does not say which; its own variant names (\`MIT~old\`) have no SPDX id and count as answers that match no label (listed below).
- **licensee** runs through \`bench/detect/licensee-batch.rb\`: one Ruby process reads paths on stdin and judges each file as licensee judges a project's licence file, \`Licensee::ProjectFiles::LicenseFile.new(content, basename)\` with its default matchers (Copyright, Exact, Dice) and default confidence threshold, so Ruby and the licence corpus load once per process, not once per file. With 2 workers, two such processes over interleaved halves. Its \`spdx_id\` (choosealicense.com's, e.g. \`GPL-2.0\`) is normalised to current SPDX (\`GPL-2.0-only\`); \`NOASSERTION\`/no match is no answer.
- **Exact**: an answer whose normalised SPDX expression (\`src/detect/expression.ts\` \`normalizeExpression\`: case, deprecated ids, \`GPL-2.0+\`), with the operands of AND/OR in a fixed order, equals the label's. **Wrong**: any other answer. **No answer**: null, UNKNOWN, NOASSERTION. **Loose** (last column): exact when \`-only\` and \`-or-later\` are not told apart, which a full GNU licence text alone cannot show.
- **npm labels**: a package's one licence file (LICENSE*, LICENCE*, COPYING*, COPYRIGHT*, UNLICENSE*, NAME-LICENSE; no \`.js\`/\`.json\`...) is labelled with its package.json \`license\` when that is a valid SPDX expression (no LicenseRef, UNLICENSED, "SEE LICENSE IN"). Packages with no licence file, or more than one (or a LICENSES folder), are left out. Labels with a top-level OR go to their own subset, where the whole expression or any one alternative counts as exact: a dual-licensed package often ships only one of the texts.
- **Debian labels**: the standalone \`License:\` paragraphs (no \`Files:\`) with a text, from copyright files that declare copyright-format 1.0; the short name is mapped to SPDX by \`bench/detect/debian-names.ts\`; names that do not say which text they mean (\`GPL\` without version, \`BSD\`, \`public-domain\`, \`permissive\`, local names) are left out and counted. Each paragraph (continuation lines de-indented, \` .\` → empty line) is written to \`bench/.cache/debian/PACKAGE/N.txt\`.
- **Distinct texts**: files with the same SHA-256 and the same label count once.
- **Speed**: wall time from the first spawn to the last exit over the whole list, page cache warmed first, the fastest of up to 3 runs (runs repeat until there are 3 or they took 30 s in all, the same for every tool: a moment's load sways a run of a few seconds far more than one of a minute; the runs column says how many were made); files/s and MB/s (file sizes in 10⁶ bytes); first result = spawn to the first output (the tool writes to a file, watched every 5 ms; the harness handles no data while a tool runs; not shown for licensecheck, whose output is block-buffered); peak memory = the largest RSS (\`/usr/bin/time -f %M\`) of each process, summed over processes that run at once. Start-up = median of 5 runs on one tiny file (one SPDX tag line) and on one licence text (\`/usr/share/common-licenses/Apache-2.0\`), spawn to exit.
- **Load**: the machine's 1-minute load average just before each run is shown; other work on the machine (2 cores, shared) slows whichever tool runs at that moment, so compare runs made at a load near 0. CPU time (user + system of all the tool's processes, from \`/usr/bin/time\`) and files per CPU second are much less swayed by such load than wall time, and are shown beside it.
- **Robustness**: a tool process that exits abnormally is retried on the files it had not answered, in halves, until the file that breaks it is found and recorded as an error (no answer); the "crashes / errors" column counts both.`;
}

export function renderSection(r: Results): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`## Licence detection (\`npm run bench:detect\`)`, "", SECTION_START, "");
  out.push(
    `Run ${r.date} with \`${r.command}\`${r.complete ? "" : " (a partial run: some corpora, tools or files left out)"}.`,
    "",
  );
  out.push(
    table(
      ["machine", ""],
      [
        ["CPU", `${m.cpu}, ${m.cores} cores`],
        ["memory", `${m.ramGiB.toFixed(1)} GiB`],
        ["OS", m.os],
        ["Node", m.node],
        ["licensecheck", m.licensecheck],
        ["licensee", `${m.licensee} (${m.ruby})`],
        ["perl", m.perl],
      ],
    ),
    "",
  );
  out.push(method(r), "");

  out.push("### Corpora", "");
  const rows: string[][] = [];
  const c = r.corpora;
  if (c.npm) {
    const s = c.npm.stats as { packages?: number };
    rows.push([
      "npm licence files",
      int(c.npm.files),
      int(c.npm.distinct),
      `${int(s.packages ?? 0)} installed package folders from ${"`bench/detect/npm-packages.json`"} (versions locked in \`bench/detect/npm-corpus.package-lock\`)`,
    ]);
    rows.push(["npm, OR labels", int(c.npm.orFiles), int(c.npm.orDistinct), "scored separately"]);
  }
  if (c.debian) {
    const s = c.debian.stats as { machineReadable?: number; paragraphs?: number };
    rows.push([
      "Debian `License:` paragraphs",
      int(c.debian.files),
      int(c.debian.distinct),
      `${int(s.machineReadable ?? 0)} machine-readable copyright files, ${int(s.paragraphs ?? 0)} standalone paragraphs with text; packages added for the corpus: \`bench/detect/debian-packages.txt\``,
    ]);
  }
  if (c.source) {
    rows.push([
      "source files",
      int(c.source.files),
      "–",
      `${(c.source.bytes / 1e6).toFixed(1)} MB; ${Object.entries(c.source.byLanguage)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(", ")}`,
    ]);
  }
  out.push(table(["corpus", "files", "distinct", "notes"], rows), "");
  if (c.npm) {
    const s = c.npm.stats as {
      noLicenseFile?: number;
      severalLicenseFiles?: number;
      unusableLabel?: Record<string, number>;
    };
    out.push(
      `Left out of the npm corpus: ${int(s.noLicenseFile ?? 0)} package folders without a licence file, ${int(s.severalLicenseFiles ?? 0)} with several, ${Object.entries(
        s.unusableLabel ?? {},
      )
        .map(([k, v]) => `${int(v)} with ${k}`)
        .join(", ")}.`,
      "",
    );
  }
  if (c.debian && c.debian.unmappedTop.length > 0) {
    out.push(
      `Debian short names left out (no SPDX equivalent or no version), most frequent: ${c.debian.unmappedTop
        .slice(0, 25)
        .map(([k, v]) => `\`${md(k)}\` ${v}`)
        .join(", ")}.`,
      "",
    );
  }

  if (Object.keys(r.scores).length > 0) {
    out.push("### Accuracy", "");
    out.push(
      table(
        ["corpus", "tool", "files", "exact", "wrong", "no answer", "loose exact"],
        accuracyRows(r),
      ),
      "",
    );
    for (const [subset, title] of SUBSETS) {
      if (!r.scores[subset] || subset === "npm-or") continue;
      out.push(`Per label, ${title}:`, "", perLabel(r, subset, 20), "");
    }
  }

  if (r.runs.length > 0) {
    out.push("### Speed and memory", "");
    out.push(
      table(
        [
          "corpus",
          "tool",
          "workers",
          "files",
          "files/s",
          "MB/s",
          "wall s",
          "CPU s",
          "files per CPU s",
          "first result ms",
          "peak MB",
          "crashes / errors",
          "load before",
          "runs",
        ],
        speedRows(r.runs),
      ),
      "",
    );
    const st = r.tools.filter((t) => r.startup[t]);
    if (st.length > 0) {
      out.push(
        table(
          ["tool", "start-up, tiny file (ms)", "one licence text (ms)"],
          st.map((t) => [t, int(r.startup[t]!.tinyMs), int(r.startup[t]!.licenceMs)]),
        ),
        "",
      );
    }
  }

  const tg = targets(r);
  if (tg.length > 0)
    out.push(
      "### tgpl against the targets of issue 2",
      "",
      table(["target", "wanted", "tgpl", "met"], tg),
      "",
    );
  const scale = scaling(r);
  if (scale) out.push(scale, "");

  if (Object.keys(r.sourceAttribution).length > 0) {
    out.push(
      "### Source files: how many get a licence",
      "",
      "No labels here, so no accuracy claim: only how many files each tool names a licence for, and how often two tools that both answer agree.",
      "",
    );
    out.push(
      table(
        ["tool", "files with a licence"],
        r.tools
          .filter((t) => r.sourceAttribution[t] !== undefined)
          .map((t) => [
            t,
            `${int(r.sourceAttribution[t]!)} (${pct(r.sourceAttribution[t]!, r.corpora.source?.files ?? 0)})`,
          ]),
      ),
      "",
    );
    if (r.sourceAgreement.length > 0) {
      out.push(
        table(
          ["pair", "both answered", "same answer"],
          r.sourceAgreement.map((a) => [
            a.pair,
            int(a.both),
            `${int(a.same)} (${pct(a.same, a.both)})`,
          ]),
        ),
        "",
      );
    }
  }

  if (r.wrong && r.wrong.length > 0) {
    const version = r.wrong.filter((w) => onlyVersionDiffers(w.label, w.answers.tgpl ?? "")).length;
    out.push(
      "### tgpl's wrong answers on distinct npm licence texts (single licence or AND)",
      "",
      `Each distinct text (same SHA-256 and label) once, with the number of files that hold it and every tool's answer as it gave it. ${version} of ${r.wrong.length} differ from the label only in \`-only\` against \`-or-later\`: the file is a GNU licence text with no notice, which cannot say "or later" (the package.json that the label comes from does; \`tgpl scan\` of the package applies it to the package's files).`,
      "",
      table(
        ["file", "files", "package", "label", "answers"],
        r.wrong.map((w) => [
          `\`${md(w.path)}\``,
          int(w.files),
          md(w.origin),
          `\`${w.label}\``,
          r.tools.map((t) => `${t}: \`${md(w.answers[t] ?? "–")}\``).join("; "),
        ]),
      ),
      "",
    );
  }

  out.push("### Labels that look wrong", "");
  out.push(
    "Where the tools agree against the label, the label is the likely error. These are reported, not tuned to: a file is left out of the scores only when it is listed, after reading it, in `bench/detect/mislabels.json`.",
    "",
  );
  if (r.excluded.length > 0) {
    out.push(
      "Left out (checked by hand):",
      "",
      table(
        ["file", "package", "label", "actual text", "note"],
        r.excluded.map((e) => [
          `\`${md(e.path)}\``,
          md(e.origin),
          `\`${e.label}\``,
          `\`${e.actual}\``,
          md(e.note),
        ]),
      ),
      "",
    );
  }
  const all = r.suspects.filter((s) => s.agreement === "all");
  const peers = r.suspects.filter((s) => s.agreement === "peers");
  const suspectRows = (list: typeof r.suspects) =>
    list
      .slice(0, 40)
      .map((s) => [
        `\`${md(s.path)}\``,
        md(s.origin),
        `\`${s.label}\``,
        r.tools.map((t) => `${t}: ${s.answers[t] ? `\`${md(s.answers[t]!)}\`` : "–"}`).join("; "),
      ]);
  out.push(`Still scored, all tools agree against the label (${all.length}):`, "");
  if (all.length > 0)
    out.push(table(["file", "package", "label", "answers"], suspectRows(all)), "");
  out.push(
    `Still scored, licensecheck and licensee agree against the label and tgpl does not (${peers.length}${peers.length > 40 ? ", first 40" : ""}):`,
    "",
  );
  if (peers.length > 0)
    out.push(table(["file", "package", "label", "answers"], suspectRows(peers)), "");

  const unmapped = r.tools.filter((t) => r.unmapped[t] && Object.keys(r.unmapped[t]!).length > 0);
  if (unmapped.length > 0) {
    out.push("### Peer answers with no SPDX id", "", "Counted as answers that match no label:", "");
    for (const t of unmapped) {
      const list = Object.entries(r.unmapped[t]!).sort((a, b) => b[1] - a[1]);
      out.push(
        `- ${t}: ${list
          .slice(0, 30)
          .map(([k, v]) => `\`${md(k)}\` ${v}`)
          .join(", ")}`,
      );
    }
    out.push("");
  }
  out.push(
    "Per-file answers of every tool: `bench/.cache/detect-results.json`; tgpl's wrong and missing answers: `bench/.cache/detect-failures.txt`.",
    "",
    SECTION_END,
  );
  return out.join("\n");
}

/** The two expressions are the same but for GNU licences' `-only` / `-or-later`. */
export const onlyVersionDiffers = (a: string, b: string): boolean =>
  a !== b && a.replace(/-or-later\b/g, "-only") === b.replace(/-or-later\b/g, "-only");

/** Put the section into BENCHMARKS.md's text, replacing an earlier run's and keeping other sections. */
export function mergeSection(existing: string | null, section: string): string {
  const header =
    "# Benchmarks\n\nEach section: what was measured, on which machine, with which command and when.\n";
  if (!existing) return `${header}\n${section}\n`;
  const heading = "## Licence detection (`npm run bench:detect`)";
  const start = existing.indexOf(heading);
  const end = existing.indexOf(SECTION_END);
  if (start >= 0 && end > start) {
    return existing.slice(0, start) + section + existing.slice(end + SECTION_END.length);
  }
  return `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
}
