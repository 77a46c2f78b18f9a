import type {
  Interpretation,
  Obligation,
  Permission,
  Trigger,
  WeightsAllowance,
} from "../policy/types.ts";

// The verdict speaks the policy engine's words: it is the engine's answer for one source.
export type { Interpretation, Obligation, Permission, Trigger, WeightsAllowance };

/** Where a signal came from. */
export type SignalSource =
  | "licence-file"
  | "spdx-tag"
  | "manifest"
  | "reuse"
  | "notice"
  | "ai.txt"
  | "robots.txt"
  | "robots.txt content-usage"
  | "robots.txt content-signal"
  | "tdmrep.json"
  | "tdm-reservation header"
  | "tdm-policy header"
  | "tdm-reservation meta"
  | "tdm-policy meta"
  | "content-usage header"
  | "x-robots-tag header"
  | "robots meta"
  | "tdm-policy"
  | "licence link"
  | "fetch";

/**
 * What one signal says about training. `reserve` is an explicit reservation
 * or refusal; `tgpl` marks a reservation that is lifted under the TGPL (or a
 * TGPL offer itself); `licence` carries an SPDX expression.
 */
export type Stance = "allow" | "reserve" | "licence" | "none" | "error";

export interface Signal {
  source: SignalSource;
  /** Short machine value: "reserved", "train-ai=n", an SPDX expression, "unavailable"... */
  value: string;
  /** The text it was read from, trimmed to a line or a header value. */
  raw: string;
  /** File path or URL it came from. */
  location: string;
  stance: Stance;
  /** For a reservation: the licence under which it is lifted (a TGPL id), if stated. */
  exceptFor?: string;
  /** For a licence: the SPDX expression. */
  expression?: string;
  /** What the reader noticed but did not use, or a repair it made. */
  note?: string;
}

/** A condition on the permission itself, as opposed to an obligation of the model. */
export type Condition =
  /** The model may not be made or used commercially. */
  | { kind: "non-commercial" }
  /** The model may not be deployed so (no-derivatives licences, conservatively read). */
  | { kind: "no-distribution"; on: Trigger[] };

/** The answer of `terms check`: what training on the source permits, and why. */
export interface TermsVerdict {
  target: string;
  kind: "repository" | "site";
  training: Permission;
  /** The reading of unsettled law the answer is given under. */
  interpretation: Interpretation;
  /** The SPDX expression that governs the content, when one was found. */
  licence: string | null;
  /** What a model trained on it owes, and which deployments trigger each. */
  obligations: Obligation[];
  /** The licences the model's weights may be released under. */
  weights: WeightsAllowance;
  conditions: Condition[];
  /** Why the verdict is what it is, one sentence each, most decisive first. */
  reasons: string[];
  signals: Signal[];
  /** The answer under the other interpretation, when it differs. */
  otherInterpretation?: { interpretation: Interpretation; training: Permission };
}
