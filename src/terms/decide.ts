/**
 * From signals to a verdict. The policy engine answers (DESIGN.md section 3):
 * this file finds the licence, hands the signals to the engine in its words
 * (`terms-signals.ts`), and says why in terms of the signals a person can go
 * and look at. An explicit reservation that is not lifted under the TGPL
 * denies; a TGPL licence or a reservation lifted under it is conditional;
 * otherwise the licence decides, and an explicit "yes" to training answers
 * where no licence says more; nothing at all is unknown.
 */
import { join, licenseIdsOf, parseExpression } from "../detect/expression.ts";
import { type Interpretation, type SourceTerms, sourceTerms } from "../policy/index.ts";
import { isTgplId } from "./ids.ts";
import { type MappedTerms, termsSignalsOf } from "./terms-signals.ts";
import type { Condition, Signal, TermsVerdict } from "./types.ts";

/** Sources whose licence is declared for the whole project, as opposed to found in a licence file. */
const DECLARED: ReadonlySet<Signal["source"]> = new Set([
  "manifest",
  "reuse",
  "spdx-tag",
  "ai.txt",
  "tdm-policy",
  "notice",
]);

const OTHER: Record<Interpretation, Interpretation> = {
  standard: "conservative",
  conservative: "standard",
};

/**
 * What training on a repository or site permits, from its signals.
 * @example
 *   decide("https://example.org/", "site", signals, "standard").training // "conditional"
 */
export function decide(
  target: string,
  kind: TermsVerdict["kind"],
  signals: Signal[],
  interpretation: Interpretation = "standard",
): TermsVerdict {
  const licence = licenceOf(signals);
  const mapped = termsSignalsOf(signals);
  const source = { name: target, licence, terms: mapped.terms };
  const t = sourceTerms(source, interpretation);
  const verdict: TermsVerdict = {
    target,
    kind,
    training: t.permission,
    interpretation,
    licence: governing(licence, mapped.terms.offer),
    obligations: t.obligations,
    weights: t.weights,
    conditions: conditionsOf(t),
    reasons: reasonsFor(licence, mapped, t, signals, interpretation),
    signals,
  };
  const other = sourceTerms(source, OTHER[interpretation]);
  if (other.permission !== t.permission) {
    verdict.otherInterpretation = {
      interpretation: OTHER[interpretation],
      training: other.permission,
    };
    verdict.reasons.push(
      `under the ${OTHER[interpretation]} interpretation training would be ${IN_WORDS[other.permission]}: where the law is unsettled the answer depends on the reading chosen`,
    );
  }
  return verdict;
}

const IN_WORDS: Record<TermsVerdict["training"], string> = {
  allow: "allowed",
  conditional: "allowed on conditions",
  deny: "denied",
  unknown: "unknown",
};

/** The licence that governs training: an offer that lifts the reservations joins the licence found. */
function governing(licence: string | null, offer: string | undefined): string | null {
  if (!offer || (licence && hasTgpl(licence))) return licence;
  return licence ? `(${licence}) AND ${offer}` : offer;
}

function conditionsOf(t: SourceTerms): Condition[] {
  const out: Condition[] = [];
  if (t.nonCommercial) out.push({ kind: "non-commercial" });
  if (t.noDistribution) out.push({ kind: "no-distribution", on: t.noDistribution });
  return out;
}

function reasonsFor(
  licence: string | null,
  mapped: MappedTerms,
  t: SourceTerms,
  signals: Signal[],
  interpretation: Interpretation,
): string[] {
  const reasons: string[] = [];
  const { lifted, unlifted, allows } = mapped;
  if (unlifted.length > 0) {
    for (const s of unlifted)
      reasons.push(
        `${s.source} reserves training (${s.value}) with no TGPL exception, at ${s.location}`,
      );
    if (lifted.length > 0 || (licence && hasTgpl(licence)))
      reasons.push(
        "a TGPL offer is also published, but a reservation without an exception takes precedence (most restrictive wins)",
      );
  } else if (mapped.terms.offer) {
    for (const s of lifted)
      reasons.push(`${s.source} reserves training except under ${s.exceptFor}, at ${s.location}`);
    if (licence && !hasTgpl(licence))
      reasons.push(
        `the licence found (${licence}) does not name the TGPL; the TGPL exception still governs training`,
      );
  } else if (licence) {
    const own = allows.length > 0 ? sourceTerms({ name: "", licence }, interpretation) : t;
    if (own.permission === "unknown" && t.permission === "allow")
      reasons.push(
        `the licence (${licence}) says nothing tgpl can read about training, but ${allows[0]!.source} allows it explicitly (${allows[0]!.value}), at ${allows[0]!.location}`,
      );
    else reasons.push(describe(licence, t.permission, interpretation));
  } else if (allows.length > 0) {
    for (const s of allows)
      reasons.push(`${s.source} allows training (${s.value}), at ${s.location}`);
    reasons.push("no licence was found; attribution is still good practice");
  } else {
    reasons.push("no licence and no statement about training was found, so nothing permits it");
    for (const s of signals.filter((x) => x.stance === "error"))
      reasons.push(`could not read ${s.location}: ${s.value}`);
    return reasons;
  }
  reasons.push(...t.reasons, ...t.notes);
  return reasons;
}

const hasTgpl = (expression: string): boolean => {
  const parsed = parseExpression(expression);
  return parsed.ok && licenseIdsOf(parsed.value).some(isTgplId);
};

function describe(
  licence: string,
  training: TermsVerdict["training"],
  interpretation: Interpretation,
): string {
  if (training === "conditional") return `the licence (${licence}) permits training on conditions`;
  if (training === "allow") return `the licence (${licence}) permits training`;
  if (training === "deny")
    return `the licence (${licence}) does not permit training under the ${interpretation} interpretation`;
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
