/**
 * One document of a training-data context in a named format, as text. The
 * SPDX document is checked against the rules its schema cannot state before
 * it is returned: a document that breaks them is a bug here, not bad input.
 * Pure.
 */
import { InternalError } from "../../errors.ts";
import { croissantDocument } from "./croissant.ts";
import { type CycloneDxSpec, cyclonedxBom } from "./cyclonedx.ts";
import type { DocContext } from "./doc.ts";
import { hfCard } from "./hf-card.ts";
import { type MofNames, mofYaml } from "./mof.ts";
import { spdx3Document } from "./spdx3.ts";
import { checkSpdx3 } from "./spdx3-check.ts";

export const DOCUMENT_FORMATS = ["spdx3", "cyclonedx", "croissant", "hf-card", "mof"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface RenderOptions {
  namespace?: string;
  spec?: CycloneDxSpec;
  mof?: MofNames;
}

const json = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;

/** @throws InternalError when an SPDX document breaks a rule of SPDX 3 (a bug in tgpl) */
export function render(
  format: DocumentFormat,
  ctx: DocContext,
  options: RenderOptions = {},
): string {
  switch (format) {
    case "spdx3": {
      const doc = spdx3Document(ctx, options.namespace ? { namespace: options.namespace } : {});
      const broken = checkSpdx3(doc);
      if (broken.length > 0)
        throw new InternalError(`the SPDX document breaks SPDX 3 rules:\n  ${broken.join("\n  ")}`);
      return json(doc);
    }
    case "cyclonedx":
      return json(cyclonedxBom(ctx, options.spec ? { spec: options.spec } : {}));
    case "croissant":
      return json(croissantDocument(ctx));
    case "hf-card":
      return hfCard(ctx);
    case "mof":
      return mofYaml(ctx, options.mof ?? {});
  }
}
