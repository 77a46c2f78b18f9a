/**
 * SPDX 3.0.1 JSON-LD with the AI and Dataset profiles: an `ai_AIPackage` per
 * model of the lineage, a `dataset_DatasetPackage` per training source (the
 * corpus, one per licence group of it, and each named source),
 * `trainedOn` and `descendantOf` relationships, and each element's licence as
 * one `hasDeclaredLicense` and one `hasConcludedLicense` to a
 * `simplelicensing_LicenseExpression`. The TGPL, which no licence list holds,
 * is an `expandedlicensing_CustomLicense` with its text, reached from the
 * expressions through `simplelicensing_customIdToUri`. What SPDX has no
 * property for (deployment, published documents, how a model was derived,
 * the terms seen on a source) goes into `extension_CdxPropertiesExtension`
 * entries, which `tgpl check` reads back. Pure.
 */
import {
  modelProperties,
  type Property,
  PROP,
  termsProperty,
} from "../../lineage/tgpl-properties.ts";
import {
  allModels,
  allSources,
  type DocContext,
  type DocModel,
  type DocSource,
  licenceIds,
  shortHash,
  slug,
} from "./doc.ts";
import { collectionText, preprocessingText, rootText, sourceText, tgplText } from "./describe.ts";
import { TGPL_NAMES, tgplId } from "./licences.ts";

type El = Record<string, unknown>;

export interface Spdx3Options {
  /** Prefix of every element id; default: one derived from the corpus root and the model. */
  namespace?: string;
}

export interface Spdx3Document {
  "@context": string;
  "@graph": El[];
}

export const SPDX3_CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
const CI = "_:creationinfo";
const NO_ASSERTION = "expandedlicensing_NoAssertionLicense";
const NONE = "expandedlicensing_NoneLicense";

export function defaultNamespace(ctx: DocContext): string {
  const seed = `${ctx.corpus?.root ?? ""}\u0000${ctx.model?.id ?? ""}`;
  return `https://spdx.org/spdxdocs/tgpl-${slug(ctx.model?.id ?? ctx.corpus?.name ?? "corpus")}-${shortHash(seed, 16)}/`;
}

const extension = (props: readonly Property[]): El[] =>
  props.length === 0
    ? []
    : [
        {
          type: "extension_CdxPropertiesExtension",
          extension_cdxProperty: props.map(([name, value]) => ({
            type: "extension_CdxPropertyEntry",
            extension_cdxPropName: name,
            extension_cdxPropValue: value,
          })),
        },
      ];

const withExtension = (el: El, props: readonly Property[]): El =>
  props.length > 0 ? { ...el, extension: extension(props) } : el;

export function spdx3Document(ctx: DocContext, options: Spdx3Options = {}): Spdx3Document {
  const ns = options.namespace ?? defaultNamespace(ctx);
  const id = (local: string) => `${ns}${local}`;
  const graph: El[] = [];
  const relationships: El[] = [];
  const agent = id("SoftwareAgent/tgpl");
  const tool = id("Tool/tgpl");
  graph.push(
    {
      type: "CreationInfo",
      "@id": CI,
      specVersion: "3.0.1",
      created: ctx.created,
      createdBy: [agent],
      createdUsing: [tool],
    },
    { type: "SoftwareAgent", spdxId: agent, creationInfo: CI, name: "tgpl" },
    { type: "Tool", spdxId: tool, creationInfo: CI, name: `tgpl ${ctx.toolVersion}` },
  );

  const licenceElements: El[] = [];
  const licenceIdOf = new Map<string, string>();
  const customIdOf = new Map<string, string>();
  const customLicence = (ref: string): string => {
    const known = customIdOf.get(ref);
    if (known) return known;
    const elementId = id(`License/${ref}`);
    customIdOf.set(ref, elementId);
    licenceElements.push({
      type: "expandedlicensing_CustomLicense",
      spdxId: elementId,
      creationInfo: CI,
      name: TGPL_NAMES[ref],
      simplelicensing_licenseText: ctx.tgplText,
    });
    return elementId;
  };
  /** The element a licence relationship points to. */
  const licence = (expression: string | null | undefined): string => {
    if (expression === null || expression === undefined) return NO_ASSERTION;
    const special = expression.trim().toUpperCase();
    if (special === "NOASSERTION") return NO_ASSERTION;
    if (special === "NONE") return NONE;
    const known = licenceIdOf.get(expression);
    if (known) return known;
    const elementId = id(`LicenseExpression/${slug(expression)}-${shortHash(expression)}`);
    licenceIdOf.set(expression, elementId);
    const custom = licenceIds(expression)
      .map((i) => tgplId(i))
      .filter((i): i is string => i !== null)
      .map((ref) => ({ type: "DictionaryEntry", key: ref, value: customLicence(ref) }));
    licenceElements.push({
      type: "simplelicensing_LicenseExpression",
      spdxId: elementId,
      creationInfo: CI,
      simplelicensing_licenseExpression: expression,
      ...(custom.length > 0 ? { simplelicensing_customIdToUri: custom } : {}),
    });
    return elementId;
  };
  const relate = (from: string, type: string, to: string[], extra: El = {}, suffix = "") => {
    const local = from.startsWith(ns) ? from.slice(ns.length).replace(/\//g, "-") : slug(from);
    relationships.push({
      type: "Relationship",
      spdxId: id(`Relationship/${local}-${type}${suffix}`),
      creationInfo: CI,
      from,
      relationshipType: type,
      to,
      ...extra,
    });
  };
  const licences = (element: string, declared: string | null | undefined, concluded = declared) => {
    relate(element, "hasDeclaredLicense", [licence(declared)]);
    relate(element, "hasConcludedLicense", [licence(concluded)]);
  };

  const { corpus, model } = ctx;
  let corpusId: string | null = null;
  if (corpus) {
    corpusId = id(`Dataset/corpus-${slug(corpus.name)}`);
    const fileList = id(`File/${slug(corpus.fileList.name)}`);
    const availability =
      corpus.inputs.length > 0 && corpus.inputs.every((i) => i.repositories.length > 0);
    graph.push(
      {
        type: "dataset_DatasetPackage",
        spdxId: corpusId,
        creationInfo: CI,
        name: corpus.name,
        description: `${corpus.files} files, ${corpus.bytes} bytes. ${rootText(corpus)}.`,
        comment: tgplText(corpus),
        ...(corpus.scannedAt ? { builtTime: corpus.scannedAt.replace(/\.\d+Z$/, "Z") } : {}),
        software_primaryPurpose: "data",
        verifiedUsing: [
          {
            type: "Hash",
            algorithm: "other",
            hashValue: corpus.root,
            comment:
              "tgpl Merkle root: RFC 9162 Merkle Tree Hash (SHA-256) over the sorted distinct SHA-256 digests of the corpus's files",
          },
        ],
        dataset_datasetType: ["text"],
        dataset_datasetSize: corpus.bytes,
        dataset_dataCollectionProcess: collectionText(corpus),
        dataset_dataPreprocessing: preprocessingText(corpus),
        ...(availability ? { dataset_datasetAvailability: "directDownload" } : {}),
      },
      {
        type: "software_File",
        spdxId: fileList,
        creationInfo: CI,
        name: corpus.fileList.name,
        description: `The corpus's per-file list: ${corpus.fileList.rows} rows with path, SHA-256, SWHID, licence and where it came from (Apache Parquet).`,
        contentType: "application/vnd.apache.parquet",
        software_primaryPurpose: "data",
        verifiedUsing: [{ type: "Hash", algorithm: "sha256", hashValue: corpus.fileList.sha256 }],
      },
    );
    relate(corpusId, "hasMetadata", [fileList]);
  }

  const datasetId = (s: DocSource) => id(`Dataset/${s.ref}`);
  const sources = allSources(model, corpus);
  for (const s of sources) {
    const terms = termsProperty(s.terms);
    graph.push(
      withExtension(
        {
          type: "dataset_DatasetPackage",
          spdxId: datasetId(s),
          creationInfo: CI,
          name: s.name,
          description: sourceText(s),
          software_primaryPurpose: "data",
          ...(/^https?:\/\//.test(s.name) ? { software_downloadLocation: s.name } : {}),
          dataset_datasetType: [s.corpus ? "text" : "noAssertion"],
          ...(s.bytes !== undefined ? { dataset_datasetSize: s.bytes } : {}),
        },
        terms ? [terms] : [],
      ),
    );
    licences(datasetId(s), s.declared, s.concluded);
  }
  const corpusParts = sources.filter((s) => s.corpus).map(datasetId);
  if (corpusId && corpusParts.length > 0) relate(corpusId, "contains", corpusParts);

  const modelId = (m: DocModel) => id(`AIPackage/${m.ref}`);
  const models = model ? allModels(model) : [];
  for (const m of models) {
    const root = m === model;
    const el: El = {
      type: "ai_AIPackage",
      spdxId: modelId(m),
      creationInfo: CI,
      name: m.id,
      software_primaryPurpose: "model",
    };
    if (root && ctx.urls.modelSource) el.software_downloadLocation = ctx.urls.modelSource;
    if (root) {
      const refs: El[] = [];
      if (ctx.urls.modelSource)
        refs.push({
          type: "ExternalRef",
          externalRefType: "sourceArtifact",
          locator: [ctx.urls.modelSource],
          comment: "Corresponding Model Source",
        });
      if (ctx.urls.trainingData)
        refs.push({
          type: "ExternalRef",
          externalRefType: "documentation",
          locator: [ctx.urls.trainingData],
          comment: "Training Data Information",
        });
      if (refs.length > 0) el.externalRef = refs;
      if (corpus)
        el.ai_informationAboutTraining = `Trained on ${corpus.name}: ${corpus.files} files under ${corpus.groups.length} licence expressions; ${rootText(corpus)}.`;
    }
    graph.push(withExtension(el, root ? modelProperties(m) : []));
    if (!m.known) continue;
    licences(modelId(m), m.licence);
    if (m.sources) {
      const to = m.sources.map(datasetId);
      // An empty list declares that there was no training of its own (a merge, a quantization).
      relate(modelId(m), "trainedOn", to.length > 0 ? to : ["NoneElement"], {
        completeness: "complete",
      });
    }
    for (const b of m.bases)
      relate(
        modelId(m),
        "descendantOf",
        [modelId(b.model)],
        { extension: extension([[PROP.relation, b.relation]]) },
        `-${b.model.ref}`,
      );
  }

  const rootElement = model ? modelId(model) : corpusId;
  const profiles = ["core", "dataset", "expandedLicensing", "simpleLicensing", "software"];
  if (model) profiles.push("ai");
  if (
    JSON.stringify(graph).includes("extension_CdxPropertiesExtension") ||
    models.some((m) => m.bases.length > 0)
  )
    profiles.push("extension");
  graph.push({
    type: "SpdxDocument",
    spdxId: id("Document"),
    creationInfo: CI,
    name: model ? `Training data of ${model.id}` : `Training data: ${corpus?.name ?? "(none)"}`,
    profileConformance: profiles.sort(),
    rootElement: rootElement ? [rootElement] : [],
    dataLicense: licence(ctx.docsLicence),
  });
  return { "@context": SPDX3_CONTEXT, "@graph": [...graph, ...licenceElements, ...relationships] };
}
