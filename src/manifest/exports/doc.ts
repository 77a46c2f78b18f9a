/**
 * What every training-data document is written from: the corpus a manifest
 * records (in numbers, never file by file), the model that was trained on it
 * with its parents, and the few choices the user makes (dates, URLs, the
 * documentation's licence). Each format (spdx3.ts, cyclonedx.ts,
 * croissant.ts, hf-card.ts, mof.ts) is a pure function of a `DocContext`,
 * so the same inputs always give the same bytes. Pure.
 */
import { createHash } from "node:crypto";
import type {
  Deployment,
  ModelSpec,
  Published,
  Relation,
  TermsSignals,
} from "../../policy/types.ts";

/** Files of the corpus under one effective licence expression (null: none known). */
export interface LicenceGroup {
  licence: string | null;
  files: number;
  bytes: number;
}

export interface CorpusInput {
  /** The input's base name: absolute local paths stay out of published documents. */
  name: string;
  kind: string;
  files: number;
  /** Repository URLs or dataset repository names, at most a few, sorted. */
  repositories: string[];
  moreRepositories: number;
}

/** The per-file list that travels beside a document, referenced by hash. */
export interface FileListRef {
  /** File name, relative to the document. */
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
}

export interface Corpus {
  name: string;
  /** Merkle root over the sorted distinct SHA-256 of every file (see manifest/merkle.ts). */
  root: string;
  contents: number;
  /** Files that were read (errors excluded). */
  files: number;
  bytes: number;
  groups: LicenceGroup[];
  inputs: CorpusInput[];
  languages: { language: string; files: number }[];
  unknown: number;
  errors: number;
  marks: { binary: number; generated: number; vendored: number };
  scannedAt: string | null;
  toolVersion: string;
  /**
   * The works under the TGPL (TGPL 0(f)): how many files, and the root of a
   * Merkle tree over their distinct contents, built as the corpus root is.
   */
  tgpl: { files: number; contents: number; root: string };
  /** Licence files found in the corpus, for the NOTICE (at most a few thousand). */
  licenceFiles: { path: string; licence: string | null; sha256: string }[];
  moreLicenceFiles: number;
  fileList: FileListRef;
}

/** A training source as the documents show it. */
export interface DocSource {
  /** Unique, stable, made of [a-z0-9-]: element ids are built from it. */
  ref: string;
  name: string;
  /** What the source itself says (SPDX: declared licence). */
  declared: string | null;
  /** What applies to training on it (SPDX: concluded licence): the offered licence when the terms reserve training but offer one. */
  concluded: string | null;
  files?: number;
  bytes?: number;
  terms?: TermsSignals;
  /** Part of the scanned corpus (a licence group of the manifest). */
  corpus: boolean;
}

export interface DocModel {
  ref: string;
  id: string;
  /** The weights' licence; undefined or null: not declared. */
  licence: string | null | undefined;
  /** False for a parent that is named but not described. */
  known: boolean;
  sources?: DocSource[];
  bases: { relation: Relation; model: DocModel }[];
  deployment?: Deployment[];
  published?: Published;
  use?: "commercial" | "non-commercial";
}

export interface DocUrls {
  /** Where the Corresponding Model Source is offered. */
  modelSource?: string;
  /** Where the Training Data Information is published. */
  trainingData?: string;
  /** The API endpoint of a network deployment. */
  api?: string;
}

export interface DocContext {
  corpus: Corpus | null;
  /** The model the documents describe; null for a corpus on its own. */
  model: DocModel | null;
  /** ISO 8601 UTC to the second (SPDX refuses fractions). */
  created: string;
  /** The licence the documents themselves are offered under. */
  docsLicence: string;
  urls: DocUrls;
  toolVersion: string;
  /** The TGPL's text, which documents carry because no licence list has it. */
  tgplText: string;
}

/** A slug for element ids and bom-refs: lower case, [a-z0-9-], never empty. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return s || "x";
}

export const shortHash = (text: string, n = 8): string =>
  createHash("sha256").update(text).digest("hex").slice(0, n);

/** The licence that applies to training: a reservation's offer stands for the source (TGPL 3). */
export function concludedLicence(licence: string | null, terms: TermsSignals | undefined) {
  const reserved =
    terms?.tdmReservation ||
    terms?.noai ||
    terms?.noimageai ||
    (terms?.contentUsage !== undefined && /\btrain-ai\s*=\s*n\b/i.test(terms.contentUsage));
  return reserved && terms?.offer ? terms.offer : licence;
}

export const groupName = (corpus: string, licence: string | null): string =>
  licence === null ? `${corpus}: files with no licence` : `${corpus}: files under ${licence}`;

/** The corpus's licence groups as sources. */
export function corpusSources(corpus: Corpus): DocSource[] {
  return corpus.groups.map((g) => ({
    ref: `corpus-${slug(g.licence ?? "no-licence")}-${shortHash(g.licence ?? "")}`,
    name: groupName(corpus.name, g.licence),
    declared: g.licence,
    concluded: g.licence,
    files: g.files,
    bytes: g.bytes,
    corpus: true,
  }));
}

/**
 * The documents' model tree from a checked model's spec, with the corpus's
 * groups among the root model's sources. Parents that occur twice (a merge of
 * two fine-tunes of one base) become one node.
 */
export function docModel(spec: ModelSpec, corpus: Corpus | null): DocModel {
  const byId = new Map<string, DocModel>();
  const refs = new Set<string>();
  const refOf = (id: string) => {
    let ref = `model-${slug(id)}`;
    if (refs.has(ref)) ref = `${ref}-${shortHash(id)}`;
    refs.add(ref);
    return ref;
  };
  const sourceOf = (s: NonNullable<ModelSpec["sources"]>[number]): DocSource => {
    const declared = s.licence ?? null;
    return {
      ref: `source-${slug(s.name)}-${shortHash(`${s.name}\u0000${declared}`)}`,
      name: s.name,
      declared,
      concluded: concludedLicence(declared, s.terms),
      ...(s.files !== undefined ? { files: s.files } : {}),
      ...(s.terms ? { terms: s.terms } : {}),
      corpus: false,
    };
  };
  const visit = (m: ModelSpec, known: boolean, depth: number, withCorpus: boolean): DocModel => {
    const key = m.id.trim().toLowerCase();
    const hit = byId.get(key);
    if (hit) return hit;
    const node: DocModel = { ref: refOf(m.id), id: m.id, licence: m.licence, known, bases: [] };
    byId.set(key, node);
    const own = m.sources?.map(sourceOf);
    const fromCorpus = withCorpus && corpus ? corpusSources(corpus) : [];
    if (own || fromCorpus.length > 0 || (withCorpus && corpus))
      node.sources = [...(own ?? []), ...fromCorpus];
    if (m.deployment) node.deployment = [...new Set(m.deployment)].sort();
    if (m.published) node.published = m.published;
    if (m.use) node.use = m.use;
    if (depth < 64)
      for (const b of m.bases ?? []) {
        const parent = b.model ?? { id: b.ref };
        node.bases.push({
          relation: b.relation,
          model: visit(parent, !!b.model, depth + 1, false),
        });
      }
    return node;
  };
  return visit(spec, true, 0, true);
}

/** Every model of the tree once, the root first, then breadth first. */
export function allModels(root: DocModel): DocModel[] {
  const out: DocModel[] = [];
  const seen = new Set<DocModel>();
  const queue = [root];
  while (queue.length > 0) {
    const m = queue.shift()!;
    if (seen.has(m)) continue;
    seen.add(m);
    out.push(m);
    for (const b of m.bases) queue.push(b.model);
  }
  return out;
}

/** Every source of the tree once (by ref), in the order the models list them. */
export function allSources(root: DocModel | null, corpus: Corpus | null): DocSource[] {
  const out = new Map<string, DocSource>();
  if (root) for (const m of allModels(root)) for (const s of m.sources ?? []) out.set(s.ref, s);
  else if (corpus) for (const s of corpusSources(corpus)) out.set(s.ref, s);
  return [...out.values()];
}

/** The licence ids an expression names (LicenseRefs included), sorted, without operators. */
export function licenceIds(expression: string | null): string[] {
  if (!expression) return [];
  const words = expression.replace(/[()]/g, " ").split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const upper = w.toUpperCase();
    if (upper === "AND" || upper === "OR") continue;
    if (upper === "WITH") {
      i++;
      continue;
    }
    out.add(w.replace(/\+$/, ""));
  }
  return [...out].sort();
}

/** One expression that says all of these apply (deduplicated, sorted; null when none known). */
export function allOf(expressions: readonly (string | null)[]): string | null {
  const parts = [...new Set(expressions.filter((e): e is string => !!e))].sort();
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(" AND ");
}

/** A date-time as SPDX wants it: UTC, seconds, Z. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export const isTgpl = (expression: string | null | undefined): boolean =>
  !!expression && /licenseref-tgpl-1\.0/i.test(expression);

/** A Hub repository id (org/name), which is what a card's `datasets` and `base_model` take. */
export const isHubId = (name: string): boolean =>
  /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(name) && !/^[\w-]+\.[\w.-]+\//.test(name);

export interface ContextInput {
  corpus: Corpus | null;
  spec: ModelSpec | null;
  created: string;
  docsLicence: string;
  urls: DocUrls;
  toolVersion: string;
  tgplText: string;
}

export function makeContext(input: ContextInput): DocContext {
  return {
    corpus: input.corpus,
    model: input.spec ? docModel(input.spec, input.corpus) : null,
    created: input.created,
    docsLicence: input.docsLicence,
    urls: input.urls,
    toolVersion: input.toolVersion,
    tgplText: input.tgplText,
  };
}

/**
 * A date-time the user gave (ISO 8601, or a date alone), as SPDX wants it;
 * null when it is not one.
 */
export function parseCreated(text: string): string | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t))
    return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t);
  return Number.isNaN(date.getTime()) ? null : isoSeconds(date);
}
