/**
 * `tgpl release`: the bundle a model builder publishes with the weights.
 * The weights' licence text, a NOTICE, the Training Data Information in
 * Markdown and in the standards' forms, the model card section, the model
 * file as released, and for an API the network offer (words, Link header,
 * well-known document, middleware). Then the released model is checked, from
 * the model file and from the SPDX and CycloneDX documents read back.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../errors.ts";
import { indexDocs, joinModel } from "../lineage/join.ts";
import { readModelDocs } from "../lineage/read.node.ts";
import { readCorpus, writeFileList } from "../manifest/exports/corpus.node.ts";
import type { CycloneDxSpec } from "../manifest/exports/cyclonedx.ts";
import { type Corpus, isoSeconds, makeContext, parseCreated } from "../manifest/exports/doc.ts";
import { corpusNameOf, readModel } from "../manifest/exports/documents.node.ts";
import { hfCard } from "../manifest/exports/hf-card.ts";
import { tgplText } from "../manifest/exports/licence-texts.node.ts";
import { render } from "../manifest/exports/render.ts";
import { ManifestReader } from "../manifest/reader.node.ts";
import { check } from "../policy/check.ts";
import type {
  CheckResult,
  Deployment,
  Interpretation,
  ModelSpec,
  Verdict,
} from "../policy/types.ts";
import { version } from "../version.ts";
import { weightsLicenceText } from "./licence-text.node.ts";
import { linkHeader, middlewareSource, networkOffer, wellKnownDocument } from "./network.ts";
import { noticeText } from "./notice.ts";
import { modelFileText, releasedSpec } from "./released.ts";
import { trainingDataMarkdown } from "./training-data-md.ts";

export interface ReleaseOptions {
  /** The model document (tgpl model file, card, ML-BOM, SPDX 3). */
  model: string;
  modelId?: string;
  /** The manifest of the training corpus; default: the one the model file names. */
  manifest?: string;
  out: string;
  modelSource?: string;
  trainingDataUrl?: string;
  created?: string;
  name?: string;
  docsLicence?: string;
  interpretation?: Interpretation;
  deploy?: Deployment[];
  weightsLicence?: string;
  /** A file with the weights' licence text, for a licence tgpl has no text of. */
  licenseFile?: string;
  spec?: CycloneDxSpec;
  /** Replace files of an earlier bundle that differ. */
  force?: boolean;
}

export interface ReleasedFile {
  path: string;
  what: string;
}

export interface ReleaseResult {
  out: string;
  model: string;
  manifest: string | null;
  files: ReleasedFile[];
  check: CheckResult;
  /** What `tgpl check` reads back from the bundle's own documents. */
  readBack: { document: string; verdict: Verdict }[];
  warnings: string[];
}

/** The files of a bundle, relative to its directory. */
export const BUNDLE = {
  licence: "LICENSE",
  notice: "NOTICE",
  trainingData: "TRAINING-DATA.md",
  modelCard: "MODEL-CARD.md",
  modelFile: "tgpl-model.yaml",
  spdx3: "training-data/training-data.spdx3.json",
  cyclonedx: "training-data/training-data.cdx.json",
  croissant: "training-data/croissant.json",
  mof: "training-data/mof.yml",
  fileList: "training-data/files.parquet",
  networkNotice: "network/NOTICE.txt",
  linkHeader: "network/link-header.txt",
  wellKnown: "network/.well-known/tgpl-model.json",
  middleware: "network/tgpl-notice.mjs",
} as const;

function manifestOf(options: ReleaseOptions, named: string[]): string | null {
  if (options.manifest) return options.manifest;
  if (named.length > 1)
    throw new InputError(
      `${options.model} names ${named.length} manifests; tgpl release documents one corpus`,
      "Pass the one to release with --manifest FILE.",
    );
  return named[0] ?? null;
}

/**
 * Write the bundle and check the released model.
 * @throws InputError for a model or manifest that cannot be read, a weights licence that is not declared or has no known text, or files of another bundle in the way
 */
export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const warnings: string[] = [];
  const read = readModel(options.model, options.modelId);
  warnings.push(...read.warnings);
  let spec: ModelSpec = read.spec;
  if (options.weightsLicence) spec = { ...spec, licence: options.weightsLicence };
  if (options.deploy?.length) spec = { ...spec, deployment: options.deploy };
  if (!spec.licence)
    throw new InputError(
      `${options.model} does not declare the weights' licence`,
      "Declare it (license: in the model file) or pass --weights-license EXPR.",
    );
  let licenceText: string;
  if (options.licenseFile) {
    try {
      licenceText = readFileSync(options.licenseFile, "utf8");
    } catch (e) {
      throw new InputError(
        `cannot read ${options.licenseFile}: ${(e as NodeJS.ErrnoException).code ?? e}`,
        "Check the path.",
      );
    }
  } else {
    const t = weightsLicenceText(spec.licence, tgplText());
    if ("missing" in t)
      throw new InputError(
        `tgpl has no text for ${t.missing.join(", ")} (the weights' licence ${spec.licence})`,
        "Pass the licence text with --license-file FILE.",
      );
    licenceText = t.text;
  }

  const out = resolve(options.out);
  const contents = new Map<string, { text: string | Buffer; what: string }>();
  const put = (p: string, text: string | Buffer, what: string) => contents.set(p, { text, what });

  const manifestPath = manifestOf(options, read.manifests);
  // The file list is written aside first: nothing lands in the bundle until every check has passed.
  const scratch = await mkdtemp(join(tmpdir(), "tgpl-release-"));
  try {
    let corpus: Corpus | null = null;
    if (manifestPath) {
      const reader = await ManifestReader.open(manifestPath);
      try {
        const list = await writeFileList(reader, join(scratch, basename(BUNDLE.fileList)));
        corpus = await readCorpus(reader, options.name ?? corpusNameOf(manifestPath), list);
      } finally {
        reader.close();
      }
      put(
        BUNDLE.fileList,
        readFileSync(join(scratch, basename(BUNDLE.fileList))),
        "per-file list of the corpus (Apache Parquet)",
      );
    }
    return await assemble(
      options,
      spec,
      licenceText,
      corpus,
      manifestPath,
      out,
      contents,
      warnings,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function assemble(
  options: ReleaseOptions,
  spec: ModelSpec,
  licenceText: string,
  corpus: Corpus | null,
  manifestPath: string | null,
  out: string,
  contents: Map<string, { text: string | Buffer; what: string }>,
  warnings: string[],
): Promise<ReleaseResult> {
  const path = (p: string) => join(out, p);
  const put = (p: string, text: string | Buffer, what: string) => contents.set(p, { text, what });

  const api = (spec.deployment ?? []).includes("api");
  const offerable = api && options.modelSource !== undefined;
  if (api && !options.modelSource)
    warnings.push(
      "the model is served over an API but --model-source is not given: the network offer cannot say where the Corresponding Model Source is, so it is not written",
    );
  const released = releasedSpec(spec, {
    corpus,
    ...(options.modelSource ? { modelSource: options.modelSource } : {}),
    networkOffer: offerable,
  });
  const interpretation = options.interpretation ?? "standard";
  const result = check(released, { interpretation });

  const created =
    options.created ??
    (corpus?.scannedAt ? parseCreated(corpus.scannedAt) : null) ??
    isoSeconds(new Date());
  const urls = {
    ...(options.modelSource ? { modelSource: options.modelSource } : {}),
    ...(options.trainingDataUrl ? { trainingData: options.trainingDataUrl } : {}),
  };
  // The documents describe the corpus as a corpus; the model file lists its groups as named sources.
  const ctx = makeContext({
    corpus,
    spec: { ...spec, ...(released.published ? { published: released.published } : {}) },
    created,
    docsLicence: options.docsLicence ?? "CC0-1.0",
    urls,
    toolVersion: version,
    tgplText: tgplText(),
  });

  put(BUNDLE.licence, licenceText, `the weights' licence (${spec.licence})`);
  put(
    BUNDLE.notice,
    noticeText(ctx, interpretation),
    "notices and attributions the training data require",
  );
  put(BUNDLE.modelFile, modelFileText(released), "the model as released (tgpl check reads it)");
  put(BUNDLE.spdx3, render("spdx3", ctx), "SPDX 3.0.1 (AI and Dataset profiles)");
  put(
    BUNDLE.cyclonedx,
    render("cyclonedx", ctx, options.spec ? { spec: options.spec } : {}),
    `CycloneDX ${options.spec ?? "1.6"} ML-BOM`,
  );
  if (corpus) put(BUNDLE.croissant, render("croissant", ctx), "Croissant 1.0 with RAI 1.0");
  put(
    BUNDLE.mof,
    render("mof", ctx, {
      mof: { modelCard: `../${BUNDLE.modelCard}`, dataCard: `../${BUNDLE.trainingData}` },
    }),
    "Model Openness Framework 1.0",
  );
  put(
    BUNDLE.modelCard,
    hfCard(ctx),
    "model card front matter and Training data section (Hugging Face)",
  );
  const documents = [
    BUNDLE.spdx3,
    BUNDLE.cyclonedx,
    ...(corpus ? [BUNDLE.croissant] : []),
    BUNDLE.mof,
    ...(corpus ? [BUNDLE.fileList] : []),
  ].map((p) => ({ label: contents.get(p)!.what, path: p }));
  put(
    BUNDLE.trainingData,
    trainingDataMarkdown(ctx, {
      documents,
      ...(corpus ? { fileListPath: BUNDLE.fileList } : {}),
      check: result,
    }),
    "Training Data Information",
  );
  if (offerable) {
    const offer = networkOffer({
      model: spec.id,
      license: spec.licence,
      modelSource: options.modelSource!,
      ...(options.trainingDataUrl ? { trainingData: options.trainingDataUrl } : {}),
    });
    put(BUNDLE.networkNotice, `${offer.notice}\n`, "what every API user must be offered (TGPL 8)");
    put(
      BUNDLE.linkHeader,
      `Link: ${linkHeader(offer)}\n`,
      "HTTP Link header for every API response",
    );
    put(
      BUNDLE.wellKnown,
      wellKnownDocument(offer),
      "document to serve at /.well-known/tgpl-model.json",
    );
    put(
      BUNDLE.middleware,
      middlewareSource(offer, `tgpl ${version}`),
      "Node HTTP middleware that adds both",
    );
  }

  const clashes = [...contents]
    .filter(([p, c]) => existsSync(path(p)) && !readFileSync(path(p)).equals(Buffer.from(c.text)))
    .map(([p]) => p);
  if (clashes.length > 0 && !options.force)
    throw new InputError(
      `${out} already holds different ${clashes.join(", ")}`,
      "Choose another --out, or pass --force to replace them.",
    );
  for (const [p, c] of contents) {
    await mkdir(dirname(path(p)), { recursive: true });
    await writeFile(path(p), c.text);
  }

  const readBack = [BUNDLE.spdx3, BUNDLE.cyclonedx].map((p) => {
    const docs = readModelDocs(path(p));
    const target = docs.find((d) => d.kind === "model");
    const verdict = target
      ? check(joinModel(target.spec, indexDocs(docs)), { interpretation }).verdict
      : "unknown";
    return { document: p, verdict };
  });
  return {
    out,
    model: spec.id,
    manifest: manifestPath,
    files: [...contents]
      .map(([p, c]) => ({ path: p, what: c.what }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    check: result,
    readBack,
    warnings,
  };
}
