/**
 * What training on one source contributes to a model's debt: its licence
 * expression read through the profiles (AND: every part applies; OR: the
 * trainer takes the most favourable branch; WITH: no SPDX exception changes a
 * training profile), and its machine-readable terms (a reservation denies,
 * unless the same statement offers a licence, which then stands for the source).
 * Pure, and memoised per expression: a manifest's sources repeat licences.
 */
import { type ExprNode, format, parseExpression } from "../detect/expression.ts";
import { licenceProfile, ruleOf, signalProfile } from "./profiles.ts";
import type {
  Interpretation,
  Permission,
  SourceSpec,
  TermsSignals,
  TrainingRule,
} from "./types.ts";

export type UnknownCode = "licence-unknown" | "licence-invalid" | "training-permission-unknown";

export type Contribution =
  | { kind: "rule"; licence: string; rule: TrainingRule; note?: string }
  | { kind: "deny"; licence: string | null; reason: string }
  | { kind: "unknown"; code: UnknownCode; licence: string | null; detail: string };

const RANK: Record<Permission, number> = { allow: 0, conditional: 1, unknown: 2, deny: 3 };

function rankOf(c: Contribution): number {
  if (c.kind === "deny") return RANK.deny;
  if (c.kind === "unknown") return RANK.unknown;
  return RANK[c.rule.permission];
}

/** How much a branch asks of the model, to break ties between equally permitted OR branches. */
function weightOf(cs: Contribution[]): number {
  let w = 0;
  for (const c of cs) {
    if (c.kind !== "rule") continue;
    const r = c.rule;
    w += (r.weights ? 10 : 0) + (r.nonCommercial ? 10 : 0) + (r.noDistribution ? 10 : 0);
    w += r.obligations?.length ?? 0;
  }
  return w;
}

function leaf(
  node: Extract<ExprNode, { kind: "license" }>,
  interpretation: Interpretation,
): Contribution {
  const profile = licenceProfile(node.id);
  const text = format(node);
  if (!profile) {
    return {
      kind: "unknown",
      code: "licence-unknown",
      licence: text,
      detail: `${node.id} is not a licence tgpl has a profile for`,
    };
  }
  const rule = ruleOf(profile, interpretation);
  if (profile.family === "no-licence") {
    return {
      kind: "unknown",
      code: "licence-unknown",
      licence: text,
      detail: `${profile.id}: no licence`,
    };
  }
  if (rule.permission === "unknown") {
    return {
      kind: "unknown",
      code: "training-permission-unknown",
      licence: profile.id,
      detail: `${profile.id} (${profile.name}, ${profile.family}) may or may not permit training: a person must read it`,
    };
  }
  if (rule.permission === "deny") {
    return {
      kind: "deny",
      licence: profile.id,
      reason: `${profile.id} (${profile.name}) is read as not permitting training under the ${interpretation} interpretation`,
    };
  }
  const out: Contribution = { kind: "rule", licence: profile.id, rule };
  if (profile.note) out.note = profile.note;
  return out;
}

function evaluate(node: ExprNode, interpretation: Interpretation): Contribution[] {
  if (node.kind === "license") return [leaf(node, interpretation)];
  if (node.kind === "and") {
    return [...evaluate(node.left, interpretation), ...evaluate(node.right, interpretation)];
  }
  const left = evaluate(node.left, interpretation);
  const right = evaluate(node.right, interpretation);
  const rl = Math.max(...left.map(rankOf));
  const rr = Math.max(...right.map(rankOf));
  if (rl !== rr) return rl < rr ? left : right;
  return weightOf(left) <= weightOf(right) ? left : right;
}

const cache = new Map<string, Contribution[]>();

/** The contributions of a licence expression (null: no licence at all). */
export function licenceContributions(
  expression: string | null | undefined,
  interpretation: Interpretation,
): Contribution[] {
  if (expression === null || expression === undefined || expression.trim() === "") {
    return [
      { kind: "unknown", code: "licence-unknown", licence: null, detail: "no licence is known" },
    ];
  }
  const special = expression.trim().toUpperCase();
  if (special === "NONE" || special === "NOASSERTION") {
    // SPDX's words for "no licence" and "nobody said": not expressions the parser takes.
    return [
      {
        kind: "unknown",
        code: "licence-unknown",
        licence: special,
        detail: special === "NONE" ? "no licence (NONE)" : "no licence asserted (NOASSERTION)",
      },
    ];
  }
  const key = `${interpretation}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseExpression(expression);
  const out: Contribution[] = parsed.ok
    ? evaluate(parsed.value, interpretation)
    : [{ kind: "unknown", code: "licence-invalid", licence: expression, detail: parsed.error }];
  if (cache.size > 10_000) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * The reservations a source's terms make, by the keys of
 * data/policy/model-licences.json#signals; a key with no profile there is
 * written so that it names itself in a reason.
 */
export function reservationsOf(terms: TermsSignals | undefined): string[] {
  if (!terms) return [];
  const out: string[] = [];
  if (terms.tdmReservation) out.push("tdm-reservation");
  if (terms.contentUsage && /\btrain-ai\s*=\s*n\b/i.test(terms.contentUsage))
    out.push("train-ai=n");
  if (terms.noai) out.push("noai");
  if (terms.noimageai) out.push("noimageai");
  if (terms.contentSignal && /\bai-train\s*=\s*no\b/i.test(terms.contentSignal))
    out.push("Content-Signal ai-train=no");
  if (terms.crawlDisallowed) out.push("robots.txt disallows fetching it");
  return out;
}

/** Whether a source's terms say yes to training in so many words. */
export function explicitlyAllowed(terms: TermsSignals | undefined): boolean {
  if (!terms) return false;
  return (
    terms.trainingAllowed === true ||
    (terms.contentUsage !== undefined && /\btrain-ai\s*=\s*y\b/i.test(terms.contentUsage)) ||
    (terms.contentSignal !== undefined && /\bai-train\s*=\s*yes\b/i.test(terms.contentSignal))
  );
}

/** Everything one source contributes. */
export function sourceContributions(
  source: SourceSpec,
  interpretation: Interpretation,
): Contribution[] {
  const reservations = reservationsOf(source.terms);
  if (reservations.length > 0) {
    const offer = source.terms?.offer;
    // A reservation with an offer lifts for whoever accepts the offered licence (TGPL section 3).
    if (offer) return licenceContributions(offer, interpretation);
    const names = reservations.map((r) => signalProfile(r)?.name ?? r);
    return [
      {
        kind: "deny",
        licence: source.licence ?? null,
        reason: `${names.join("; ")}, with no licence offered for training`,
      },
    ];
  }
  const contributions = licenceContributions(source.licence, interpretation);
  if (!explicitlyAllowed(source.terms)) return contributions;
  // The publisher's own yes answers what a missing or unreadable licence leaves open; it lifts
  // no denial (a reading the user chose) and no condition a known licence sets.
  return contributions.map((c) =>
    c.kind === "unknown"
      ? {
          kind: "rule",
          licence: c.licence ?? "(no licence)",
          rule: { permission: "allow" },
          note: `${c.detail}; the source's terms allow training explicitly, and say nothing of what is owed`,
        }
      : c,
  );
}
