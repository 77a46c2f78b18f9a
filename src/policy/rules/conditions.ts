/** Conditions on the model itself: non-commercial use, no sharing of adaptations. */
import { finding, type Rule, sourceNames, triggered } from "./context.ts";

export const nonCommercial: Rule = (ctx) => {
  const groups = [...ctx.debt.nonCommercial.values()];
  if (groups.length === 0) return [];
  if (ctx.spec.use === "commercial") {
    return [
      finding(
        ctx,
        "non-commercial-violated",
        "error",
        `${sourceNames(groups)} may only be used for non-commercial purposes, and this model is commercial. Remove them from the training data and retrain, or get a commercial licence from their holders.`,
        groups,
      ),
    ];
  }
  if (ctx.spec.use === undefined) {
    return [
      finding(
        ctx,
        "non-commercial-undeclared",
        "unknown",
        `${sourceNames(groups)} may only be used for non-commercial purposes, and the model's use is not declared. Declare it (use: non-commercial or commercial).`,
        groups,
      ),
    ];
  }
  return [];
};

export const noDerivatives: Rule = (ctx) => {
  const groups = [...ctx.debt.noDistribution.values()].filter((g) => triggered(g.value.on, ctx));
  if (groups.length === 0) return [];
  return [
    finding(
      ctx,
      "no-derivatives-shared",
      "error",
      `Under the ${ctx.interpretation} interpretation the model is an adaptation of ${sourceNames(groups)}, whose licence forbids sharing adaptations; the model is ${ctx.deployment.join(" and ")}. Keep it in-house, or remove those sources and retrain.`,
      groups,
    ),
  ];
};
