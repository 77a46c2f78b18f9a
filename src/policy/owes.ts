/**
 * What training on one source permits and obliges, on its own: the call for
 * `tgpl terms check`, which reads a repository's or a site's licence and
 * signals and wants the policy's answer for them without a model.
 */
import type { Debt } from "./debt.ts";
import { composeDebt } from "./resolve.ts";
import type {
  Interpretation,
  Obligation,
  Permission,
  SourceSpec,
  Trigger,
  WeightsAllowance,
} from "./types.ts";
import { permissionOf } from "./check.ts";
import { allowance } from "./weights.ts";

export interface SourceTerms {
  permission: Permission;
  /** What the weights of a model trained on it may be licensed under. */
  weights: WeightsAllowance;
  /** What such a model owes, and which deployments trigger it. */
  obligations: Obligation[];
  nonCommercial: boolean;
  /** Deployments the model may not have (no-derivatives, conservatively read); null: none. */
  noDistribution: Trigger[] | null;
  /** Why training is denied or not known to be allowed. */
  reasons: string[];
  notes: string[];
}

function summarise(debt: Debt): SourceTerms {
  const a = allowance(
    [...debt.only.values()],
    [...debt.except.values()],
    [...debt.includes.values()],
  );
  const obligations = new Map<string, Obligation>();
  for (const g of debt.obligations.values()) {
    const o = obligations.get(g.value.kind);
    obligations.set(
      g.value.kind,
      o
        ? { kind: o.kind, on: [...new Set([...o.on, ...g.value.on])].sort() as Trigger[] }
        : g.value,
    );
  }
  const nd = [...debt.noDistribution.values()].flatMap((g) => g.value.on);
  return {
    permission: permissionOf(debt),
    weights: {
      only: a.only ? [...a.only].sort() : null,
      except: [...a.except].sort(),
      includes: [...debt.includes.values()].map((g) => g.value.ids),
    },
    obligations: [...obligations.values()],
    nonCommercial: debt.nonCommercial.size > 0,
    noDistribution: nd.length > 0 ? ([...new Set(nd)].sort() as Trigger[]) : null,
    reasons: [
      ...[...debt.denies.values()].map((g) => g.value.reason),
      ...[...debt.unknowns.values()].map((g) => g.value.detail),
    ],
    notes: [...debt.notes.values()].map((g) => `${g.value.licence}: ${g.value.note}`),
  };
}

/**
 * What training on a source permits and obliges.
 * @example
 *   sourceTerms({ name: "repo", licence: "MIT", terms: { tdmReservation: true } }).permission // "deny"
 */
export function sourceTerms(
  source: SourceSpec,
  interpretation: Interpretation = "standard",
): SourceTerms {
  const debt = composeDebt(
    { id: "(a model trained on it)", sources: [source] },
    interpretation,
    () => undefined,
  );
  return summarise(debt);
}
