/**
 * A Hugging Face model card's YAML front matter and its "Training data"
 * section (https://huggingface.co/docs/hub/model-cards): `license` as a Hub
 * id, or `other` with `license_name` and `license_link` for a licence the
 * Hub does not list (the TGPL); `base_model` and `base_model_relation` for
 * the parents; `datasets` for the sources that are Hub datasets. Pure.
 */
import { stringify } from "yaml";
import hfData from "../../../data/policy/hf-licences.json" with { type: "json" };
import { corpusSources, type DocContext, type DocModel, isHubId } from "./doc.ts";
import { corpusParagraph, isCovered, parentsList, sourcesTable, tgplNotice } from "./markdown.ts";

/** Hub licence ids by SPDX id (the first Hub id of each, as the Hub's list orders them). */
const HUB_IDS = new Map<string, string>();
for (const [hub, spdx] of Object.entries(hfData.ids))
  if (
    !HUB_IDS.has(spdx.toLowerCase()) &&
    !spdx.startsWith("LicenseRef-") &&
    !hub.includes("-unspecified")
  )
    HUB_IDS.set(spdx.toLowerCase(), hub);
for (const [name, spdx] of Object.entries(hfData.names))
  if (spdx.startsWith("LicenseRef-TGPL") && !HUB_IDS.has(`name:${spdx.toLowerCase()}`))
    HUB_IDS.set(`name:${spdx.toLowerCase()}`, name);

/** The Hub relations a card may state (the Hub has no word for a distillation). */
const HUB_RELATIONS = new Set(["adapter", "merge", "quantized", "finetune"]);

/** `license`, `license_name`, `license_link` for a weights licence. */
export function hubLicence(expression: string | null | undefined): Record<string, string> {
  if (!expression) return {};
  const hub = HUB_IDS.get(expression.toLowerCase());
  if (hub) return { license: hub };
  const name =
    HUB_IDS.get(`name:${expression.toLowerCase()}`) ??
    expression
      .toLowerCase()
      .replace(/^licenseref-/, "")
      .replace(/[^a-z0-9.]+/g, "-")
      .replace(/^-+|-+$/g, "");
  return { license: "other", license_name: name, license_link: "LICENSE" };
}

export function frontMatterOf(model: DocModel | null): Record<string, unknown> {
  const fm: Record<string, unknown> = {};
  if (!model) return fm;
  Object.assign(fm, hubLicence(model.licence));
  const parents = model.bases.map((b) => b.model.id);
  if (parents.length > 0) fm.base_model = parents.length === 1 ? parents[0] : parents;
  const relations = [...new Set(model.bases.map((b) => b.relation))];
  if (relations.length === 1 && HUB_RELATIONS.has(relations[0]!))
    fm.base_model_relation = relations[0];
  const datasets = [
    ...new Set(
      (model.sources ?? []).filter((s) => !s.corpus && isHubId(s.name)).map((s) => s.name),
    ),
  ].sort();
  if (datasets.length > 0) fm.datasets = datasets;
  if (isCovered(model)) fm.tags = ["tgpl", "training-copyleft"];
  return fm;
}

/** The card's "Training data" section, without front matter. */
export function trainingDataSection(ctx: DocContext, level = 2): string {
  const h = "#".repeat(level);
  const parts = [`${h} Training data\n`];
  const notice = tgplNotice(ctx);
  if (notice) parts.push(`${notice}\n`);
  const model = ctx.model;
  if (model) {
    if (model.sources) parts.push(sourcesTable(model.sources));
    else parts.push("The training data of this model is not declared.\n");
  } else if (ctx.corpus) {
    parts.push(sourcesTable(corpusSources(ctx.corpus)));
  }
  const corpus = corpusParagraph(ctx);
  if (corpus) parts.push(corpus);
  if (model && model.bases.length > 0) parts.push(`${h}# Parent models\n`, parentsList(model));
  if (ctx.urls.trainingData)
    parts.push(`The full Training Data Information is at ${ctx.urls.trainingData}.\n`);
  return parts.join("\n");
}

/** Front matter and section, ready to be the top of a README.md. */
export function hfCard(ctx: DocContext): string {
  const fm = frontMatterOf(ctx.model);
  // A corpus on its own has nothing for a model card's front matter: the section alone.
  if (Object.keys(fm).length === 0) return trainingDataSection(ctx);
  const title = ctx.model ? `# ${ctx.model.id}\n\n` : "";
  return `---\n${stringify(fm, { lineWidth: 0 })}---\n\n${title}${trainingDataSection(ctx)}`;
}
