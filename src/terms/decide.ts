/**
 * From signals to a verdict. The order of the rules is the policy of
 * DESIGN.md section 3: an explicit reservation that is not lifted under the
 * TGPL denies; a TGPL licence or a reservation lifted under it is
 * conditional; otherwise the licence decides, and an explicit "yes" to
 * training counts where no licence says more; nothing at all is unknown.
 */
import { join, parseExpression, licenseIdsOf } from "../detect/expression.ts";
import { TGPL_OR_LATER, isTgplId } from "./ids.ts";
import {
  obligationsOf,
  reservationPermission,
  tgplObligationIds,
  trainingTerms,
} from "./training-terms.ts";
import type { Signal, TermsVerdict } from "./types.ts";

/** Sources whose licence is declared for the whole project, as opposed to found in a licence file. */
const DECLARED: ReadonlySet<Signal["source"]> = new Set([
  "manifest",
  "reuse",
  "spdx-tag",
  "ai.txt",
  "tdm-policy",
  "notice",
]);

export function decide(
  target: string,
  kind: TermsVerdict["kind"],
  signals: Signal[],
): TermsVerdict {
  const reasons: string[] = [];
  const licence = licenceOf(signals);
  const reservations = signals.filter((s) => s.stance === "reserve");
  const unlifted = reservations.filter((s) => !(s.exceptFor && isTgplId(s.exceptFor)));
  const lifted = reservations.filter((s) => s.exceptFor && isTgplId(s.exceptFor));
  const allows = signals.filter((s) => s.stance === "allow");
  const errors = signals.filter((s) => s.stance === "error");

  const verdict = (training: TermsVerdict["training"]): TermsVerdict => ({
    target,
    kind,
    training,
    licence,
    obligations: [],
    conditions: [],
    reasons,
    signals,
  });

  if (unlifted.length > 0) {
    for (const s of unlifted)
      reasons.push(
        `${s.source} reserves training (${s.value}) with no TGPL exception, at ${s.location}`,
      );
    if (lifted.length > 0 || (licence && hasTgpl(licence)))
      reasons.push(
        "a TGPL offer is also published, but a reservation without an exception takes precedence (most restrictive wins)",
      );
    return verdict(reservationPermission());
  }

  const terms = trainingTerms(licence);
  if (lifted.length > 0 && !(licence && hasTgpl(licence))) {
    // The reservation names the TGPL as the way in, whatever else the licence files say.
    const v = verdict("conditional");
    v.licence = licence
      ? `(${licence}) AND ${lifted[0]!.exceptFor}`
      : (lifted[0]!.exceptFor ?? TGPL_OR_LATER);
    v.obligations = obligationsOf(tgplObligationIds());
    for (const s of lifted)
      reasons.push(`${s.source} reserves training except under ${s.exceptFor}, at ${s.location}`);
    if (licence)
      reasons.push(
        `the licence found (${licence}) does not name the TGPL; the TGPL exception still governs training`,
      );
    return v;
  }

  if (licence) {
    let training = terms.permission;
    if (training === "unknown" && allows.length > 0) {
      training = "allow";
      reasons.push(
        `the licence (${licence}) is not in the training table, but training is explicitly allowed by ${allows[0]!.source}`,
      );
    } else {
      reasons.push(describe(licence, training));
      if (terms.unlisted.length > 0)
        reasons.push(`not in the training table, so unknown: ${terms.unlisted.join(", ")}`);
    }
    for (const s of lifted)
      reasons.push(`${s.source} reserves training except under ${s.exceptFor}`);
    const v = verdict(training);
    v.obligations = terms.obligations;
    v.conditions = terms.conditions;
    return v;
  }

  if (allows.length > 0) {
    for (const s of allows)
      reasons.push(`${s.source} allows training (${s.value}), at ${s.location}`);
    reasons.push("no licence was found; attribution is still good practice");
    return verdict("allow");
  }
  reasons.push("no licence and no statement about training was found, so nothing permits it");
  for (const s of errors) reasons.push(`could not read ${s.location}: ${s.value}`);
  return verdict("unknown");
}

const hasTgpl = (expression: string): boolean => {
  const parsed = parseExpression(expression);
  return parsed.ok && licenseIdsOf(parsed.value).some(isTgplId);
};

function describe(licence: string, training: TermsVerdict["training"]): string {
  if (training === "conditional") return `the licence (${licence}) permits training on conditions`;
  if (training === "allow") return `the licence (${licence}) permits training`;
  if (training === "deny") return `the licence (${licence}) does not permit training`;
  return `the licence (${licence}) is not one whose training terms are known`;
}

/**
 * The project's licence from its licence signals. A declared expression
 * (manifest, tag, notice) that names every id the licence files name is the
 * answer ("MIT OR Apache-2.0" over LICENSE-MIT and LICENSE-APACHE); otherwise
 * all are required together. A bare text stands for "-only" until a notice
 * says "or later", so the notice's id replaces the text's.
 */
export function licenceOf(signals: Signal[]): string | null {
  const found = signals.filter((s) => s.stance === "licence" && s.expression);
  if (found.length === 0) return null;
  let expressions = unique(found.map((s) => s.expression!));
  const ids = new Set(expressions.flatMap(idsOf));
  expressions = expressions.filter((e) => {
    const own = idsOf(e);
    return !(own.length === 1 && laterForm(own[0]!).some((later) => ids.has(later)));
  });
  const declared = unique(
    found.filter((s) => DECLARED.has(s.source)).map((s) => s.expression!),
  ).filter((e) => expressions.includes(e));
  const declaredIds = new Set(declared.flatMap(idsOf));
  const fileIds = expressions.filter((e) => !declared.includes(e)).flatMap(idsOf);
  if (declared.length > 0 && fileIds.every((id) => declaredIds.has(id)))
    return join(declared, "and");
  return join(expressions, "and");
}

function laterForm(id: string): string[] {
  if (/-only$/.test(id)) return [id.replace(/-only$/, "-or-later")];
  if (!/-or-later$/.test(id)) return [`${id}-or-later`];
  return [];
}

function idsOf(expression: string): string[] {
  const parsed = parseExpression(expression);
  return parsed.ok ? licenseIdsOf(parsed.value) : [];
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
