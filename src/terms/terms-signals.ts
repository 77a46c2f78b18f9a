/**
 * The signals in the policy engine's words (`TermsSignals`). The readers have
 * already settled each signal's stance and which of several applies (TDMRep
 * priority, the Content-Usage label hierarchy, the robots.txt group), so this
 * only sorts them into fields, in the engine's vocabulary ("train-ai=n")
 * whatever label the publisher used: the engine does not parse them again.
 */
import type { TermsSignals } from "../policy/types.ts";
import { isTgplId, TGPL_ONLY } from "./ids.ts";
import type { Signal } from "./types.ts";

type ReservationField =
  | "tdmReservation"
  | "contentUsage"
  | "contentSignal"
  | "noai"
  | "noimageai"
  | "crawlDisallowed";

function reservationField(s: Signal): ReservationField {
  switch (s.source) {
    case "tdmrep.json":
    case "tdm-reservation header":
    case "tdm-reservation meta":
      return "tdmReservation";
    case "robots.txt content-usage":
    case "content-usage header":
      return "contentUsage";
    case "robots.txt content-signal":
      return "contentSignal";
    case "x-robots-tag header":
    case "robots meta":
      return s.value === "noimageai" ? "noimageai" : "noai";
    case "robots.txt":
      // Disallowed for this crawler, or unreachable (RFC 9309 2.3.1.4: disallow all).
      return "crawlDisallowed";
    default:
      // ai.txt (the engine's `noai` names it), and any reader added later: the most general
      // "no AI" until it has a field of its own, so that it never goes unseen.
      return "noai";
  }
}

export interface MappedTerms {
  terms: TermsSignals;
  /** Reservations lifted under the TGPL (their `exceptFor` is a TGPL id). */
  lifted: Signal[];
  /** Reservations nothing lifts: no exception, or one naming another licence. */
  unlifted: Signal[];
  /** Explicit yes to training. */
  allows: Signal[];
}

/**
 * `terms.offer` is set only when every reservation names the TGPL as its
 * exception: the engine lets an offer lift all of a source's reservations,
 * and a reservation without one leaves nothing to accept (most restrictive
 * wins). Then only the unlifted reservations go to the engine, so that its
 * reason names what denies and not what offered the TGPL. An exception
 * naming another licence is not read as an offer, as the exception
 * parameter is the TGPL's own device.
 */
export function termsSignalsOf(signals: Signal[]): MappedTerms {
  const terms: TermsSignals = {};
  const reservations = signals.filter((s) => s.stance === "reserve");
  const lifted = reservations.filter((s) => s.exceptFor !== undefined && isTgplId(s.exceptFor));
  const unlifted = reservations.filter((s) => !lifted.includes(s));
  const allows = signals.filter((s) => s.stance === "allow");
  for (const s of allows) {
    if (s.source === "robots.txt content-usage" || s.source === "content-usage header")
      terms.contentUsage = "train-ai=y";
    else if (s.source === "robots.txt content-signal") terms.contentSignal = "ai-train=yes";
    else terms.trainingAllowed = true; // tdm-reservation 0, an ai.txt Allow
  }
  for (const s of unlifted.length > 0 ? unlifted : lifted) {
    const field = reservationField(s);
    if (field === "contentUsage") terms.contentUsage = "train-ai=n";
    else if (field === "contentSignal") terms.contentSignal = "ai-train=no";
    else terms[field] = true;
  }
  if (reservations.length > 0 && unlifted.length === 0) {
    // TGPL 1.0 satisfies both "1.0 only" and "1.0 or later": offer it when any exception is that narrow.
    const only = lifted.find((s) => s.exceptFor!.toLowerCase() === TGPL_ONLY.toLowerCase());
    terms.offer = (only ?? lifted[0]!).exceptFor!;
  }
  return { terms, lifted, unlifted, allows };
}
