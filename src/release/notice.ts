/**
 * The NOTICE a released model carries: the weights' licence, the notice TGPL
 * 7(d) asks of a Covered Model, and the attributions its training data
 * require: every source whose licence obliges attribution (read through the
 * same licence profiles `tgpl check` uses), the licence files of the corpus
 * that hold those notices, and the parents' weights licences. Pure.
 */
import type { DocContext, DocSource } from "../manifest/exports/doc.ts";
import { allModels } from "../manifest/exports/doc.ts";
import { filesText } from "../manifest/exports/describe.ts";
import { tgplNotice } from "../manifest/exports/markdown.ts";
import { sourceContributions } from "../policy/source-rule.ts";
import type { Interpretation } from "../policy/types.ts";

/** Whether training on a source obliges the model to keep its notices. */
export function needsAttribution(s: DocSource, interpretation: Interpretation): boolean {
  return sourceContributions(
    { name: s.name, licence: s.declared, ...(s.terms ? { terms: s.terms } : {}) },
    interpretation,
  ).some(
    (c) => c.kind === "rule" && (c.rule.obligations ?? []).some((o) => o.kind === "attribution"),
  );
}

const rule = (title: string) => `${title}\n${"=".repeat(title.length)}\n`;

export function noticeText(ctx: DocContext, interpretation: Interpretation = "standard"): string {
  const model = ctx.model;
  const out: string[] = [];
  out.push(`NOTICE for ${model?.id ?? ctx.corpus?.name ?? "this model"}\n`);
  if (model)
    out.push(
      `The weights are licensed under ${model.licence ?? "(not declared)"}; its text is in LICENSE.\n`,
    );
  const tgpl = tgplNotice(ctx);
  if (tgpl) out.push(`${tgpl}\n`);

  out.push(rule("Attributions the training data require"));
  const models = model ? allModels(model) : [];
  // A derived model owes what its parents owe: their sources' notices too.
  const sources = [
    ...new Map(models.flatMap((m) => m.sources ?? []).map((s) => [s.ref, s])).values(),
  ];
  const attributed = sources.filter((s) => needsAttribution(s, interpretation));
  if (attributed.length === 0) out.push("No training source of this model asks for attribution.\n");
  else {
    out.push(
      "The model was trained on these works; their licences ask that their notices be kept:\n",
    );
    for (const s of attributed)
      out.push(
        `- ${s.name}: ${s.declared ?? "(no licence)"}${s.concluded !== s.declared ? `, used under ${s.concluded ?? "none"}` : ""}${s.files !== undefined ? `, ${filesText(s.files)}` : ""}`,
      );
    out.push("");
  }
  const corpus = ctx.corpus;
  if (corpus && attributed.some((s) => s.corpus)) {
    out.push(
      `The copyright notices and licence terms of the corpus ${corpus.name} are in these licence files of it (path, licence, sha256 as the per-file list ${corpus.fileList.name} records them):\n`,
    );
    for (const f of corpus.licenceFiles)
      out.push(`  ${f.path}  ${f.licence ?? "(not recognised)"}  sha256:${f.sha256}`);
    if (corpus.moreLicenceFiles > 0)
      out.push(
        `  ... and ${corpus.moreLicenceFiles} more in ${corpus.fileList.name} (role = licence-file)`,
      );
    out.push("");
  }
  if (corpus && corpus.tgpl.files > 0)
    out.push(
      `${filesText(corpus.tgpl.files)} of the training data are licensed under the Training GPL; their notices stay intact in the Corresponding Model Source's copy of the data. The Merkle root of their contents is ${corpus.tgpl.root}.\n`,
    );

  const parents = models.slice(1);
  if (parents.length > 0) {
    out.push(rule("Models this model was made from"));
    for (const p of parents)
      out.push(
        `- ${p.id}: weights under ${p.known ? (p.licence ?? "(not declared)") : "(not described)"}`,
      );
    out.push("");
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
