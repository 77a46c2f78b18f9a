/** What the deployment means, and what the licences add that no rule checks. */
import { OBLIGATION_KINDS } from "../types.ts";
import { finding, listNames, type Rule } from "./context.ts";

export const deploymentAssumed: Rule = (ctx) =>
  ctx.deploymentAssumed
    ? [
        finding(
          ctx,
          "deployment-assumed",
          "info",
          "The document does not say how the model is used; it is checked as distributed (weights handed to others). Declare the deployment (deployment: distributed, api or internal, or --deploy).",
          [],
        ),
      ]
    : [];

export const internalUse: Rule = (ctx) => {
  if (ctx.triggers.size > 0) return [];
  const kinds = OBLIGATION_KINDS.filter((k) =>
    [...ctx.debt.obligations.values()].some((g) => g.value.kind === k),
  );
  const weights = ctx.debt.only.size + ctx.debt.includes.size > 0;
  const recorded = [...kinds, ...(weights ? ["a weights licence"] : [])];
  const tgpl = [...ctx.debt.only.values()].some((g) =>
    g.value.ids.some((id) => id.startsWith("LicenseRef-TGPL")),
  );
  return [
    finding(
      ctx,
      "internal-use",
      "info",
      `Internal use triggers no release obligation. ${recorded.length > 0 ? `Distributing or serving the model would oblige: ${listNames(recorded, 8)}.` : "Distributing or serving it would oblige nothing more."}${tgpl ? " Keep its Training Data Information meanwhile (TGPL 2)." : ""}`,
      [],
    ),
  ];
};

export const licenceNotes: Rule = (ctx) =>
  [...ctx.debt.notes.values()].map((g) =>
    finding(ctx, "licence-note", "info", `${g.value.licence}: ${g.value.note}`, [g]),
  );
