/**
 * The Training Data Information (TGPL section 0) for people: every source
 * with its licence, terms and amount (items a, b, d), how the corpus was
 * collected and prepared (item c), the list of the TGPL works by Merkle root
 * (item f), the parents' training data, what the model owes, and where the
 * machine-readable forms are. Pure.
 */
import {
  collectionText,
  filesText,
  inputsText,
  preprocessingText,
} from "../manifest/exports/describe.ts";
import { allModels, type DocContext } from "../manifest/exports/doc.ts";
import { parentsList, sourcesTable, tgplNotice } from "../manifest/exports/markdown.ts";
import type { CheckResult } from "../policy/types.ts";

export interface TdiOptions {
  /** The files of the bundle's machine-readable forms, relative to the Markdown file. */
  documents: { label: string; path: string }[];
  /** Where the per-file list is, relative to the Markdown file. */
  fileListPath?: string;
  check?: CheckResult;
}

const code = (t: string) => `\`${t}\``;

export function trainingDataMarkdown(ctx: DocContext, options: TdiOptions): string {
  const { model, corpus } = ctx;
  const out: string[] = [`# Training Data Information: ${model?.id ?? corpus?.name ?? ""}\n`];
  const notice = tgplNotice(ctx);
  if (notice) out.push(`${notice}\n`);
  out.push(
    `Written by tgpl ${ctx.toolVersion} on ${ctx.created.slice(0, 10)}. It describes all the data used to train the model, and the terms under which each part was used, as section 0 of the Training GPL asks.\n`,
  );

  out.push("## Sources\n");
  if (!model) out.push("No model was described: this is the corpus alone.\n");
  else if (!model.sources) out.push("The model's own training data is not declared.\n");
  else out.push(sourcesTable(model.sources));

  if (corpus) {
    const list = options.fileListPath ?? corpus.fileList.name;
    out.push(`## The corpus ${corpus.name}\n`);
    out.push(
      `${filesText(corpus.files)}, ${corpus.bytes} bytes, ${corpus.contents} distinct contents; scanned ${corpus.scannedAt ?? "(time not recorded)"}.\n`,
    );
    out.push(`**Where it came from.** ${inputsText(corpus)}.\n`);
    out.push(`**How it was collected.** ${collectionText(corpus)}\n`);
    out.push(
      `**How it was prepared.**\n\n${preprocessingText(corpus)
        .map((p) => `- ${p}`)
        .join("\n")}\n`,
    );
    out.push(
      "The code that selected, filtered, deduplicated and mixed the data for training is part of the Corresponding Model Source.\n",
    );
    if (corpus.languages.length > 0)
      out.push(
        `**Languages.** ${corpus.languages.map((l) => `${l.language} (${filesText(l.files)})`).join(", ")}.\n`,
      );
    out.push(
      `**Every file.** The per-file list is [${list}](${list}) (Apache Parquet, ${filesText(corpus.fileList.rows)}, sha256 ${code(corpus.fileList.sha256)}): path, SHA-256, git blob id, SWHID, licence and why. The Merkle root of the corpus is ${code(corpus.root)}; 'tgpl lookup' and 'tgpl proof verify' show whether a given file is in it, with a proof.\n`,
    );
    out.push(
      corpus.tgpl.files > 0
        ? `**Works under the Training GPL.** ${filesText(corpus.tgpl.files)} (${corpus.tgpl.contents} distinct contents); the Merkle root of their contents alone is ${code(corpus.tgpl.root)}, and the per-file list names each (licence column).\n`
        : "**Works under the Training GPL.** None in this corpus.\n",
    );
  }

  if (model && model.bases.length > 0) {
    out.push("## Models this model was made from\n", parentsList(model));
    for (const p of allModels(model).slice(1)) {
      if (!p.known) continue;
      out.push(`### ${p.id}\n`);
      out.push(p.sources ? sourcesTable(p.sources) : "Its training data is not declared.\n");
    }
  }

  const check = options.check;
  if (check) {
    out.push("## What the model owes\n");
    out.push(
      `Checked by tgpl (${check.interpretation} interpretation), deployed ${check.deployment.join(" and ")}: **${check.verdict}**.\n`,
    );
    if (check.obligations.length > 0) {
      out.push("| obligation | triggered by | status |", "|---|---|---|");
      for (const o of check.obligations)
        out.push(`| ${o.kind} | ${o.on.join(", ")} | ${o.status} |`);
      out.push("");
    }
  }

  if (options.documents.length > 0) {
    out.push("## Machine-readable forms\n");
    for (const d of options.documents) out.push(`- ${d.label}: [${d.path}](${d.path})`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
