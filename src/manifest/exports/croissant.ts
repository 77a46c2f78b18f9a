/**
 * Croissant 1.0 (MLCommons) with the Responsible AI 1.0 vocabulary: the
 * corpus as a schema.org Dataset whose `distribution` is the per-file list
 * (a FileObject with its sha256) and the set of files it lists (a FileSet
 * contained in it), a RecordSet over the list's columns so that Croissant
 * loaders can read it, every licence of the corpus in `license`, one
 * `hasPart` per licence group, and the RAI fields for how the data was
 * collected and prepared. Pure.
 */
import {
  collectionText,
  filesText,
  inputsText,
  preprocessingText,
  rootText,
  tgplText,
} from "./describe.ts";
import { type Corpus, type DocContext, groupName, licenceIds } from "./doc.ts";
import { spdxUrl, TGPL_NAMES, tgplId } from "./licences.ts";

type Obj = Record<string, unknown>;

export const CROISSANT_CONFORMS_TO = [
  "http://mlcommons.org/croissant/1.0",
  "http://mlcommons.org/croissant/RAI/1.0",
];

/** The recommended Croissant 1.0 context, with the RAI and Dublin Core prefixes. */
export const CROISSANT_CONTEXT: Obj = {
  "@language": "en",
  "@vocab": "https://schema.org/",
  citeAs: "cr:citeAs",
  column: "cr:column",
  conformsTo: "dct:conformsTo",
  cr: "http://mlcommons.org/croissant/",
  rai: "http://mlcommons.org/croissant/RAI/",
  data: { "@id": "cr:data", "@type": "@json" },
  dataType: { "@id": "cr:dataType", "@type": "@vocab" },
  dct: "http://purl.org/dc/terms/",
  examples: { "@id": "cr:examples", "@type": "@json" },
  extract: "cr:extract",
  field: "cr:field",
  fileProperty: "cr:fileProperty",
  fileObject: "cr:fileObject",
  fileSet: "cr:fileSet",
  format: "cr:format",
  includes: "cr:includes",
  isLiveDataset: "cr:isLiveDataset",
  jsonPath: "cr:jsonPath",
  key: "cr:key",
  md5: "cr:md5",
  parentField: "cr:parentField",
  path: "cr:path",
  recordSet: "cr:recordSet",
  references: "cr:references",
  regex: "cr:regex",
  repeated: "cr:repeated",
  replace: "cr:replace",
  sc: "https://schema.org/",
  separator: "cr:separator",
  source: "cr:source",
  subField: "cr:subField",
  transform: "cr:transform",
};

/** The file list's columns a loader is offered, with their types. */
const FIELDS: readonly [string, string, string][] = [
  ["input_name", "sc:Text", "The input of the scan the file came from"],
  ["path", "sc:Text", "Path of the file inside its project"],
  ["project", "sc:Text", "The project (input, repository, package) the file belongs to"],
  ["repository", "sc:Text", "Repository URL or dataset repository name, when known"],
  ["revision", "sc:Text", "Git revision the file was read at, when known"],
  ["sha256", "sc:Text", "SHA-256 of the content (the Merkle tree's leaves)"],
  ["swhid", "sc:Text", "Software Heritage identifier of the content"],
  ["size", "sc:Integer", "Size in bytes"],
  ["language", "sc:Text", "Programming or markup language"],
  ["licence", "sc:Text", "The licence that applies, an SPDX expression"],
  ["licence_source", "sc:Text", "Why: own, inherited, dataset or none"],
  ["licence_from", "sc:Text", "The file(s) the licence was read from"],
];

/** A licence id as schema.org `license`: the SPDX page, or a named work for a LicenseRef. */
function licenceValue(id: string): string | Obj {
  const url = spdxUrl(id);
  if (url) return url;
  const tgpl = tgplId(id);
  return {
    "@type": "sc:CreativeWork",
    name: tgpl ? TGPL_NAMES[tgpl] : id,
    identifier: tgpl ?? id,
  };
}

function licences(corpus: Corpus): (string | Obj)[] {
  const ids = [...new Set(corpus.groups.flatMap((g) => licenceIds(g.licence)))].sort();
  return ids.map(licenceValue);
}

const dateOf = (iso: string) => iso.slice(0, 10);

export function croissantDocument(ctx: DocContext): Obj {
  const corpus = ctx.corpus;
  if (!corpus) throw new Error("a Croissant document describes a corpus: give a manifest");
  const model = ctx.model;
  const org = model?.id.includes("/") ? model.id.split("/")[0]! : null;
  const limitations: string[] = [];
  if (corpus.unknown > 0)
    limitations.push(
      `${filesText(corpus.unknown)} have no known licence: what training on them permits is unknown.`,
    );
  if (corpus.errors > 0)
    limitations.push(`${filesText(corpus.errors)} could not be read and are not described.`);
  if (limitations.length === 0) limitations.push("Every file that was read has a known licence.");
  const collectionTypes = new Set(["Software Collection"]);
  if (corpus.inputs.some((i) => i.kind === "dataset"))
    collectionTypes.add("Secondary Data analysis");
  return {
    "@context": CROISSANT_CONTEXT,
    "@type": "sc:Dataset",
    name: corpus.name,
    description: `Training corpus of ${corpus.files} files (${corpus.bytes} bytes) under ${corpus.groups.length} licence expressions. ${rootText(corpus)}. ${tgplText(corpus)}`,
    conformsTo: CROISSANT_CONFORMS_TO,
    license: licences(corpus),
    url: ctx.urls.trainingData ?? corpus.fileList.name,
    creator: { "@type": org ? "sc:Organization" : "sc:Person", name: org ?? "unknown" },
    datePublished: dateOf(ctx.created),
    ...(corpus.scannedAt ? { dateCreated: dateOf(corpus.scannedAt) } : {}),
    sdLicense: spdxUrl(ctx.docsLicence) ?? ctx.docsLicence,
    keywords: [
      "training data",
      "licences",
      ...corpus.languages.slice(0, 10).map((l) => l.language),
    ],
    identifier: [
      { "@type": "sc:PropertyValue", propertyID: "tgpl-merkle-root", value: corpus.root },
      ...(corpus.tgpl.files > 0
        ? [
            {
              "@type": "sc:PropertyValue",
              propertyID: "tgpl-tgpl-works-root",
              value: corpus.tgpl.root,
            },
          ]
        : []),
    ],
    hasPart: corpus.groups.map((g) => ({
      "@type": "sc:Dataset",
      name: groupName(corpus.name, g.licence),
      description: `${filesText(g.files)}, ${g.bytes} bytes`,
      ...(g.licence ? { license: licenceIds(g.licence).map(licenceValue) } : {}),
    })),
    distribution: [
      {
        "@type": "cr:FileObject",
        "@id": "file-list",
        name: corpus.fileList.name,
        description: `The per-file list of the corpus: ${corpus.fileList.rows} rows (Apache Parquet)`,
        contentUrl: corpus.fileList.name,
        contentSize: `${corpus.fileList.bytes} B`,
        encodingFormat: "application/x-parquet",
        sha256: corpus.fileList.sha256,
      },
      {
        "@type": "cr:FileSet",
        "@id": "corpus-files",
        name: "corpus files",
        description: `The ${filesText(corpus.files)} the list names, each with its SHA-256; ${rootText(corpus)}`,
        containedIn: { "@id": "file-list" },
        encodingFormat: "text/plain",
        includes: "**",
      },
    ],
    recordSet: [
      {
        "@type": "cr:RecordSet",
        "@id": "files",
        name: "files",
        description: "One record per file of the corpus, read from the per-file list",
        field: FIELDS.map(([column, dataType, description]) => ({
          "@type": "cr:Field",
          "@id": `files/${column}`,
          name: column,
          description,
          dataType,
          source: { fileObject: { "@id": "file-list" }, extract: { column } },
        })),
      },
    ],
    "rai:dataCollection": collectionText(corpus),
    "rai:dataCollectionType": [...collectionTypes],
    "rai:dataCollectionRawData": inputsText(corpus),
    ...(corpus.scannedAt ? { "rai:dataCollectionTimeframe": [corpus.scannedAt] } : {}),
    "rai:dataPreprocessingProtocol": preprocessingText(corpus),
    "rai:dataUseCases": [model ? `Training of ${model.id}` : "Training"],
    "rai:dataLimitations": limitations,
  };
}
