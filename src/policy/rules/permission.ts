/** Sources whose training is not permitted, or not known to be. */
import type { Finding } from "../types.ts";
import { finding, type Rule, sourceNames } from "./context.ts";

const ADVICE: Record<string, string> = {
  "licence-unknown":
    "Find out its licence (tgpl detect for files, the dataset's card for a dataset) and declare it; until then tgpl cannot say that training on it was allowed.",
  "licence-invalid": "Write the licence as a valid SPDX expression (e.g. 'MIT OR Apache-2.0').",
  "training-permission-unknown":
    "Read what its terms say about use and training and record the answer, or remove the source and retrain.",
  "training-data-undeclared":
    "List the training data (training-data in a tgpl model file, datasets in a model card, or --manifest): what a model owes comes from its data.",
  "parent-unresolved":
    "Pass the parent's card or model file (--parent FILE, or all cards to 'tgpl lineage'), or describe it under base-models.",
};

export const deniedSources: Rule = (ctx) =>
  [...ctx.debt.denies.values()].map((g) =>
    finding(
      ctx,
      "training-denied",
      "error",
      `Training on ${sourceNames([g])} is not permitted: ${g.value.reason}. Remove it from the training data and retrain, or obtain a licence that permits training.`,
      [g],
    ),
  );

export const unknownSources: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const g of ctx.debt.unknowns.values()) {
    const { code, detail } = g.value;
    const who =
      code === "licence-unknown" || code === "licence-invalid" ? `${sourceNames([g])}: ` : "";
    out.push(finding(ctx, code, "unknown", `${who}${detail}. ${ADVICE[code] ?? ""}`.trim(), [g]));
  }
  return out;
};
