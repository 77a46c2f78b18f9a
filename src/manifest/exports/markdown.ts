/**
 * Markdown pieces that a model card section and the Training Data
 * Information share: the sources table, the corpus paragraph, the parents
 * list and the TGPL notice. Pure.
 */
import { bytesText, filesText, termsText } from "./describe.ts";
import { allModels, type DocContext, type DocModel, type DocSource, isTgpl } from "./doc.ts";

/** Text safe inside a Markdown table cell. */
export const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export function sourcesTable(sources: readonly DocSource[]): string {
  if (sources.length === 0) return "No training data of its own (declared as none).\n";
  const rows = sources.map((s) => {
    const used = s.concluded !== s.declared ? ` (used under ${s.concluded ?? "none"})` : "";
    const amount = [
      s.files !== undefined ? filesText(s.files) : "",
      s.bytes !== undefined ? bytesText(s.bytes) : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `| ${cell(s.name)} | ${cell(s.declared ?? "none known")}${cell(used)} | ${amount || "not stated"} | ${cell(termsText(s.terms) ?? "")} |`;
  });
  return ["| source | licence | amount | terms |", "|---|---|---|---|", ...rows, ""].join("\n");
}

export function corpusParagraph(ctx: DocContext): string {
  const c = ctx.corpus;
  if (!c) return "";
  const lines = [
    `The corpus **${c.name}** holds ${filesText(c.files)} (${bytesText(c.bytes)}, ${c.contents} distinct contents) under ${c.groups.length} licence expressions${c.unknown > 0 ? `, ${filesText(c.unknown)} with no known licence` : ""}.`,
    `Its Merkle root is ${code(c.root)}: anyone can check with \`tgpl proof verify\` whether a given file is in it.`,
    `The per-file list (path, SHA-256, SWHID, licence and why) is ${code(c.fileList.name)} (${filesText(c.fileList.rows)}, sha256 ${code(c.fileList.sha256)}).`,
  ];
  if (c.tgpl.files > 0)
    lines.push(
      `${filesText(c.tgpl.files)} are under the Training GPL; the Merkle root of their contents alone is ${code(c.tgpl.root)}.`,
    );
  return `${lines.join("\n")}\n`;
}

export function parentsList(root: DocModel): string {
  const lines: string[] = [];
  const seen = new Set<DocModel>();
  const walk = (m: DocModel, depth: number) => {
    for (const b of m.bases) {
      const p = b.model;
      const licence = p.known ? (p.licence ?? "not declared") : "not described";
      lines.push(
        `${"  ".repeat(depth)}- ${p.id}: ${b.relation} parent of ${m.id}; weights under ${licence}`,
      );
      if (!seen.has(p) && depth < 32) {
        seen.add(p);
        walk(p, depth + 1);
      }
    }
  };
  walk(root, 0);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** Whether the model is a Covered Model of the TGPL: trained on TGPL works, or derived from a TGPL model. */
export function isCovered(root: DocModel): boolean {
  return allModels(root).some(
    (m) => isTgpl(m.licence) || (m.sources ?? []).some((s) => isTgpl(s.concluded)),
  );
}

/** The prominent notice of TGPL section 7(d). */
export function tgplNotice(ctx: DocContext): string | null {
  const m = ctx.model;
  if (!m || !isCovered(m)) return null;
  const where = (what: string, url: string | undefined) =>
    url ? `${what} is at ${url}` : `${what} is offered with the model`;
  return `This model is a Covered Model under the Training GPL, version 1.0: it was trained on works licensed under the Training GPL, or derived from a model that was. It is licensed to you under ${m.licence ?? "(not declared)"}. ${where("Its Corresponding Model Source", ctx.urls.modelSource)}; ${where("its Training Data Information", ctx.urls.trainingData)}.`;
}
