/**
 * The sentences every format shares: how the corpus was collected and
 * prepared, what a source is, what the Merkle roots commit to. One wording,
 * so that an SPDX document and a Croissant file of one corpus say the same. Pure.
 */
import type { TermsSignals } from "../../policy/types.ts";
import type { Corpus, DocSource } from "./doc.ts";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function bytesText(n: number): string {
  if (n < 1024) return plural(n, "byte");
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

export const filesText = (n: number) => plural(n, "file");

export function inputsText(corpus: Corpus): string {
  if (corpus.inputs.length === 0) return "no inputs";
  return corpus.inputs
    .map((i) => {
      const repos =
        i.repositories.length > 0
          ? `; repositories ${i.repositories.join(", ")}${i.moreRepositories ? ` and ${i.moreRepositories} more` : ""}`
          : "";
      return `${i.name} (${i.kind}, ${filesText(i.files)}${repos})`;
    })
    .join("; ");
}

export function collectionText(corpus: Corpus): string {
  return `Collected with tgpl ${corpus.toolVersion} ('tgpl scan') from ${plural(corpus.inputs.length, "input")}: ${inputsText(corpus)}. Every file was read and hashed (SHA-256, git blob id, SWHID) and its licence named from its own text, tags and package manifests, or inherited from the nearest licence file or manifest of its project.`;
}

export const rootText = (corpus: Corpus): string =>
  `Merkle root ${corpus.root} (RFC 9162 Merkle Tree Hash, SHA-256, over the sorted distinct SHA-256 digests of the ${plural(corpus.contents, "content")} of the corpus; 'tgpl proof verify' checks inclusion proofs against it)`;

export function tgplText(corpus: Corpus): string {
  if (corpus.tgpl.files === 0) return "No file of the corpus is under the Training GPL.";
  return `${filesText(corpus.tgpl.files)} (${plural(corpus.tgpl.contents, "distinct content")}) are under the Training GPL; the Merkle root of their contents alone, built as the corpus root, is ${corpus.tgpl.root} (TGPL section 0, Training Data Information item f).`;
}

export function preprocessingText(corpus: Corpus): string[] {
  const out = [
    `Licence groups: ${corpus.groups.length === 0 ? "none (empty corpus)" : corpus.groups.map((g) => `${g.licence ?? "no licence"}: ${filesText(g.files)}`).join("; ")}.`,
    `Marked, not removed: ${filesText(corpus.marks.binary)} binary, ${filesText(corpus.marks.generated)} generated, ${filesText(corpus.marks.vendored)} vendored.`,
  ];
  if (corpus.errors > 0)
    out.push(`${filesText(corpus.errors)} could not be read and are not part of the corpus.`);
  out.push(
    `The per-file list (path, SHA-256, SWHID, licence and why) is ${corpus.fileList.name}, ${filesText(corpus.fileList.rows)}, sha256 ${corpus.fileList.sha256}.`,
  );
  return out;
}

export function termsText(terms: TermsSignals | undefined): string | null {
  if (!terms) return null;
  const parts: string[] = [];
  if (terms.tdmReservation) parts.push("TDMRep tdm-reservation 1");
  if (terms.contentUsage) parts.push(`Content-Usage ${terms.contentUsage}`);
  if (terms.noai) parts.push("noai");
  if (terms.noimageai) parts.push("noimageai");
  if (terms.offer) parts.push(`licence offered for training: ${terms.offer}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

export function sourceText(s: DocSource): string {
  const parts: string[] = [];
  if (s.files !== undefined) parts.push(filesText(s.files));
  if (s.bytes !== undefined) parts.push(bytesText(s.bytes));
  parts.push(`licence: ${s.declared ?? "none known"}`);
  if (s.concluded !== s.declared) parts.push(`used under: ${s.concluded ?? "none"}`);
  const terms = termsText(s.terms);
  if (terms) parts.push(`terms: ${terms}`);
  return parts.join("; ");
}
