/**
 * CycloneDX 1.6 (or 1.7) ML-BOM: the model as the BOM's subject, a
 * `machine-learning-model` component; the corpus and each training source as
 * `data` components with their licences; an API deployment as a service.
 * The components, licences, properties and services are built with the
 * CycloneDX library; what it has no model for (`modelCard`, a component's
 * `data`, `pedigree.ancestors` with the parents inline, generation after
 * generation) is written into its output here. Pure.
 */
import { Enums, Models, SPDX, Serialize, Spec } from "@cyclonedx/cyclonedx-library";
import {
  modelProperties,
  type Property,
  PROP,
  termsProperty,
} from "../../lineage/tgpl-properties.ts";
import { collectionText, rootText, sourceText, tgplText } from "./describe.ts";
import {
  allSources,
  type Corpus,
  type DocContext,
  type DocModel,
  type DocSource,
  isTgpl,
  shortHash,
} from "./doc.ts";
import { tgplId } from "./licences.ts";

export type CycloneDxSpec = "1.6" | "1.7";
export const CYCLONEDX_SPECS: readonly CycloneDxSpec[] = ["1.6", "1.7"];

type Obj = Record<string, unknown>;

const SPECS = { "1.6": Spec.Spec1dot6, "1.7": Spec.Spec1dot7 } as const;

const componentRef = (m: DocModel) => `model:${m.ref}`;
const dataRef = (s: DocSource) => `data:${s.ref}`;
const CORPUS_REF = "data:corpus";

/** The model id as CycloneDX spells it: `org/name` becomes group and name. */
function groupAndName(id: string): { group?: string; name: string } {
  const parts = id.split("/");
  return parts.length === 2 && parts[0] && parts[1]
    ? { group: parts[0], name: parts[1] }
    : { name: id };
}

/** One licence choice for a component: a listed id alone, else one expression. */
function licenceOf(expression: string | null | undefined, text?: string): Models.LicenseRepository {
  const repo = new Models.LicenseRepository();
  if (!expression || /^(NONE|NOASSERTION)$/i.test(expression.trim())) return repo;
  const e = expression.trim();
  const tgpl = tgplId(e);
  if (tgpl && text !== undefined) {
    const named = new Models.NamedLicense(tgpl, {
      text: new Models.Attachment(text, { contentType: "text/plain" }),
    });
    named.acknowledgement = Enums.LicenseAcknowledgement.Concluded;
    repo.add(named);
  } else if (SPDX.isSupportedSpdxId(e)) {
    const id = new Models.SpdxLicense(e);
    id.acknowledgement = Enums.LicenseAcknowledgement.Concluded;
    repo.add(id);
  } else {
    const ex = new Models.LicenseExpression(e);
    ex.acknowledgement = Enums.LicenseAcknowledgement.Concluded;
    repo.add(ex);
  }
  return repo;
}

const properties = (props: readonly Property[]) =>
  new Models.PropertyRepository(props.map(([n, v]) => new Models.Property(n, v)));

function corpusComponent(corpus: Corpus, parts: Models.Component[]): Models.Component {
  const c = new Models.Component(Enums.ComponentType.Data, corpus.name, {
    bomRef: CORPUS_REF,
    description: `${corpus.files} files, ${corpus.bytes} bytes. ${rootText(corpus)}. ${tgplText(corpus)}`,
    properties: properties([
      ["tgpl:merkle-root", corpus.root],
      ["tgpl:contents", String(corpus.contents)],
      ["tgpl:files", String(corpus.files)],
      ["tgpl:bytes", String(corpus.bytes)],
      ["tgpl:tgpl-root", corpus.tgpl.root],
      ["tgpl:tgpl-files", String(corpus.tgpl.files)],
    ]),
  });
  const list = new Models.ExternalReference(
    corpus.fileList.name,
    Enums.ExternalReferenceType.Other,
    {
      comment: `tgpl per-file list of the corpus (Apache Parquet, ${corpus.fileList.rows} rows)`,
    },
  );
  list.hashes.set(Enums.HashAlgorithm["SHA-256"], corpus.fileList.sha256);
  c.externalReferences.add(list);
  for (const p of parts) c.components.add(p);
  return c;
}

function sourceComponent(s: DocSource): Models.Component {
  const terms = termsProperty(s.terms);
  const props: Property[] = [];
  if (s.files !== undefined) props.push(["tgpl:files", String(s.files)]);
  // The licence the source is under; the terms (a reservation with an offer) say what training used.
  if (s.declared !== s.concluded) props.push(["tgpl:concluded-license", s.concluded ?? "NONE"]);
  if (terms) props.push(terms);
  return new Models.Component(Enums.ComponentType.Data, s.name, {
    bomRef: dataRef(s),
    description: sourceText(s),
    licenses: licenceOf(s.declared),
    properties: properties(props),
  });
}

function modelComponent(m: DocModel, ctx: DocContext, root: boolean): Models.Component {
  const c = new Models.Component(
    Enums.ComponentType.MachineLearningModel,
    groupAndName(m.id).name,
    {
      bomRef: componentRef(m),
      ...(groupAndName(m.id).group ? { group: groupAndName(m.id).group } : {}),
      licenses: m.known ? licenceOf(m.licence, root ? ctx.tgplText : undefined) : undefined,
      properties: properties(root ? modelProperties(m) : []),
    },
  );
  if (root && ctx.urls.modelSource)
    c.externalReferences.add(
      new Models.ExternalReference(
        ctx.urls.modelSource,
        Enums.ExternalReferenceType.SourceDistribution,
        {
          comment: "Corresponding Model Source",
        },
      ),
    );
  if (root && ctx.urls.trainingData)
    c.externalReferences.add(
      new Models.ExternalReference(
        ctx.urls.trainingData,
        Enums.ExternalReferenceType.Documentation,
        {
          comment: "Training Data Information",
        },
      ),
    );
  return c;
}

function modelCard(m: DocModel, ctx: DocContext, root: boolean): Obj | undefined {
  if (!m.known) return undefined;
  const card: Obj = {};
  if (m.sources) card.modelParameters = { datasets: m.sources.map((s) => ({ ref: dataRef(s) })) };
  if (root) {
    const limitations: string[] = [];
    const unknown = (m.sources ?? []).filter((s) => s.concluded === null);
    if (unknown.length > 0)
      limitations.push(
        `No licence is known for ${unknown.length} training source${unknown.length === 1 ? "" : "s"} (${unknown.map((s) => s.name).join(", ")}): what training on them permits is unknown.`,
      );
    if (ctx.corpus && ctx.corpus.errors > 0)
      limitations.push(
        `${ctx.corpus.errors} files of the corpus could not be read; they are not described and were not trained on.`,
      );
    const ethical: Obj[] = [];
    const tgplSources = (m.sources ?? []).filter((s) => isTgpl(s.concluded));
    if (tgplSources.length > 0 || isTgpl(m.licence))
      ethical.push({
        name: "Training copyleft (Training GPL)",
        mitigationStrategy: `This is a Covered Model under the Training GPL: its weights are offered under ${m.licence ?? "(not declared)"}, with the Corresponding Model Source${ctx.urls.modelSource ? ` at ${ctx.urls.modelSource}` : ""} and the Training Data Information${ctx.urls.trainingData ? ` at ${ctx.urls.trainingData}` : ""} (TGPL sections 7 to 9).`,
      });
    const considerations: Obj = {};
    if (limitations.length > 0) considerations.technicalLimitations = limitations;
    if (ethical.length > 0) considerations.ethicalConsiderations = ethical;
    if (Object.keys(considerations).length > 0) card.considerations = considerations;
  }
  return card;
}

/** The inline ancestor of a pedigree, with its own parents, as far as the lineage is known. */
function ancestor(
  m: DocModel,
  relation: string,
  ctx: DocContext,
  emitted: Set<string>,
  path: Set<DocModel>,
  normalize: (c: Models.Component) => Obj,
): Obj {
  const out = normalize(modelComponent(m, ctx, false));
  // A parent met twice (two fine-tunes of one base, merged) is described twice; its bom-ref only once.
  if (emitted.has(componentRef(m))) delete out["bom-ref"];
  emitted.add(componentRef(m));
  out.properties = [
    ...((out.properties as Obj[] | undefined) ?? []),
    { name: PROP.relation, value: relation },
  ];
  if (path.has(m) || !m.known) return out;
  const card = modelCard(m, ctx, false);
  if (card) out.modelCard = card;
  if (m.bases.length > 0) {
    const inner = new Set(path).add(m);
    out.pedigree = {
      ancestors: m.bases.map((b) => ancestor(b.model, b.relation, ctx, emitted, inner, normalize)),
    };
  }
  return out;
}

export interface CycloneDxOptions {
  spec?: CycloneDxSpec;
}

/**
 * The ML-BOM of the model (or of the corpus alone), as a plain JSON object.
 * @throws Error from the library on a value it refuses (a bug here, not bad input)
 */
export function cyclonedxBom(ctx: DocContext, options: CycloneDxOptions = {}): Obj {
  const spec = SPECS[options.spec ?? "1.6"];
  const factory = new Serialize.JSON.Normalize.Factory(spec);
  const normalizeComponent = (c: Models.Component) =>
    factory.makeForComponent().normalize(c, { sortLists: true }) as unknown as Obj;
  const { corpus, model } = ctx;
  const bom = new Models.Bom();
  bom.metadata.timestamp = new Date(ctx.created);
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, "tgpl", { version: ctx.toolVersion }),
  );
  const sources = allSources(model, corpus);
  const subject = model ? modelComponent(model, ctx, true) : null;
  if (subject) bom.metadata.component = subject;
  const parts = sources.filter((s) => s.corpus).map(sourceComponent);
  if (corpus) {
    const c = corpusComponent(corpus, parts);
    if (subject) bom.components.add(c);
    else bom.metadata.component = c;
  }
  for (const s of sources.filter((x) => !x.corpus)) bom.components.add(sourceComponent(s));
  if (model?.deployment?.includes("api")) {
    const service = new Models.Service(`${model.id} API`, {
      bomRef: "service:api",
      description: `${model.id} served over a network. Every user is offered the Corresponding Model Source and the Training Data Information (TGPL section 8).`,
      licenses: licenceOf(model.licence),
    });
    if (ctx.urls.modelSource)
      service.externalReferences.add(
        new Models.ExternalReference(
          ctx.urls.modelSource,
          Enums.ExternalReferenceType.SourceDistribution,
          {
            comment: "Corresponding Model Source",
          },
        ),
      );
    if (ctx.urls.trainingData)
      service.externalReferences.add(
        new Models.ExternalReference(
          ctx.urls.trainingData,
          Enums.ExternalReferenceType.Documentation,
          {
            comment: "Training Data Information",
          },
        ),
      );
    bom.services.add(service);
  }
  const out = factory.makeForBom().normalize(bom, { sortLists: true }) as unknown as Obj;

  // The fields the library has no model for.
  const byRef = new Map<string, Obj>();
  const walk = (cs: unknown) => {
    for (const c of Array.isArray(cs) ? (cs as Obj[]) : []) {
      if (typeof c["bom-ref"] === "string") byRef.set(c["bom-ref"], c);
      walk(c.components);
    }
  };
  const metadata = out.metadata as Obj;
  walk([metadata.component]);
  walk(out.components);
  for (const s of sources) {
    const c = byRef.get(dataRef(s));
    if (c) c.data = [{ type: "dataset", name: s.name, description: sourceText(s) }];
  }
  if (corpus) {
    const c = byRef.get(CORPUS_REF);
    if (c)
      c.data = [
        {
          type: "dataset",
          name: corpus.name,
          description: collectionText(corpus),
          contents: { url: corpus.fileList.name },
        },
      ];
  }
  if (model) {
    const c = metadata.component as Obj;
    const card = modelCard(model, ctx, true);
    if (card) c.modelCard = card;
    if (model.bases.length > 0) {
      const emitted = new Set([componentRef(model)]);
      c.pedigree = {
        ancestors: model.bases.map((b) =>
          ancestor(b.model, b.relation, ctx, emitted, new Set([model]), normalizeComponent),
        ),
      };
    }
  }
  // A deterministic serial number: the same inputs give the same BOM.
  const digest = shortHash(JSON.stringify(out), 32);
  out.serialNumber = `urn:uuid:${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-${((Number.parseInt(digest[16]!, 16) & 3) | 8).toString(16)}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  return reorder(out);
}

/** The usual key order (bomFormat first), so the file reads as CycloneDX files do. */
function reorder(bom: Obj): Obj {
  const first = ["$schema", "bomFormat", "specVersion", "serialNumber", "version", "metadata"];
  const out: Obj = {};
  for (const k of first) if (k in bom) out[k] = bom[k];
  for (const [k, v] of Object.entries(bom)) if (!(k in out)) out[k] = v;
  return out;
}
