/**
 * Obligations against what the model's publisher has released. Triggered by
 * the deployment; satisfied by a published document; unmet when the document
 * says it was not released; undeclared when it does not say.
 */
import type { Group } from "../debt.ts";
import type {
  Finding,
  Obligation,
  ObligationKind,
  OwedObligation,
  Published,
  Trigger,
} from "../types.ts";
import { OBLIGATION_KINDS } from "../types.ts";
import { finding, type RuleContext, sourceNames, triggered } from "./context.ts";

/** Which published documents discharge an obligation (any one of them). */
const DISCHARGED_BY: Record<ObligationKind, (keyof Published)[]> = {
  "model-source": ["model-source"],
  "training-data-info": ["training-data"],
  // Notices may sit in the model card or in the Training Data Information, which lists every source's licence.
  attribution: ["notices", "training-data"],
  "use-restrictions": ["use-restrictions"],
  "network-offer": ["network-offer"],
};

/** What each obligation asks, in words (also what `tgpl terms check` prints). */
export const WHAT: Record<ObligationKind, string> = {
  "model-source":
    "release the Corresponding Model Source (weights in their preferred form, architecture and configuration, training and inference code, recipe) with the model (TGPL 7b, 9)",
  "training-data-info":
    "publish the Training Data Information: every source, its licence and terms, amounts and methods (TGPL 7c; 'tgpl export' writes it from a manifest)",
  attribution:
    "keep their notices and attribution in the model's documentation (model card or Training Data Information)",
  "use-restrictions":
    "pass their use restrictions on to every recipient and user, in the weights' licence and the service terms",
  "network-offer":
    "offer every network user the Corresponding Model Source and Training Data Information, prominently, in the interface or the API's documentation and response metadata (TGPL 8, AGPL 13)",
};

const DECLARE: Record<ObligationKind, string> = {
  "model-source": "model-source",
  "training-data-info": "training-data",
  attribution: "notices",
  "use-restrictions": "use-restrictions",
  "network-offer": "network-offer",
};

function status(
  kind: ObligationKind,
  published: Published | undefined,
): "met" | "unmet" | "undeclared" {
  const docs = DISCHARGED_BY[kind].map((d) => published?.[d]);
  if (docs.some((v) => v === true)) return "met";
  if (docs.every((v) => v === false)) return "unmet";
  return "undeclared";
}

/** The debt's obligations by kind, each with why it is owed and whether it is met. */
export function owed(ctx: RuleContext): { owed: OwedObligation; groups: Group<Obligation>[] }[] {
  const byKind = new Map<ObligationKind, Group<Obligation>[]>();
  for (const g of ctx.debt.obligations.values()) {
    const list = byKind.get(g.value.kind) ?? [];
    list.push(g);
    byKind.set(g.value.kind, list);
  }
  const out: { owed: OwedObligation; groups: Group<Obligation>[] }[] = [];
  for (const kind of OBLIGATION_KINDS) {
    const groups = byKind.get(kind);
    if (!groups) continue;
    const on = [...new Set(groups.flatMap((g) => g.value.on))].sort() as Trigger[];
    const live = groups.filter((g) => triggered(g.value.on, ctx));
    const isTriggered = live.length > 0;
    const sources = (isTriggered ? live : groups).flatMap((g) => g.origins);
    const more = (isTriggered ? live : groups).reduce((n, g) => n + g.more, 0);
    out.push({
      owed: {
        kind,
        on,
        triggered: isTriggered,
        status: isTriggered ? status(kind, ctx.spec.published) : "not-triggered",
        sources: sources.slice(0, 8),
        ...(more + Math.max(0, sources.length - 8) > 0
          ? { more: more + Math.max(0, sources.length - 8) }
          : {}),
      },
      groups: isTriggered ? live : groups,
    });
  }
  return out;
}

export const obligations = (ctx: RuleContext): Finding[] => {
  const out: Finding[] = [];
  for (const { owed: o, groups } of owed(ctx)) {
    if (o.status === "unmet") {
      out.push(
        finding(
          ctx,
          `${o.kind}-unmet`,
          "error",
          `Because of ${sourceNames(groups)} you must ${WHAT[o.kind]}; the model is ${ctx.deployment.join(" and ")} and this was not done. Do it, then declare it (published: ${DECLARE[o.kind]}).`,
          groups,
          { obligation: o.kind },
        ),
      );
    } else if (o.status === "undeclared") {
      out.push(
        finding(
          ctx,
          `${o.kind}-undeclared`,
          "unknown",
          `Because of ${sourceNames(groups)} you must ${WHAT[o.kind]}; the document does not say whether this was done. Declare it (published: ${DECLARE[o.kind]}) once it is.`,
          groups,
          { obligation: o.kind },
        ),
      );
    }
  }
  return out;
};
