/** What training on a source permits, as DESIGN.md section 3 names it. */
export type Permission = "allow" | "conditional" | "deny" | "unknown";

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

export interface Obligation {
  id: string;
  text: string;
}

/** The answer of `terms check`: what training on the source permits, and why. */
export interface TermsVerdict {
  target: string;
  kind: "repository" | "site";
  training: Permission;
  /** The SPDX expression that governs the content, when one was found. */
  licence: string | null;
  obligations: Obligation[];
  /** Conditions on the permission itself (e.g. non-commercial only). */
  conditions: string[];
  /** Why the verdict is what it is, one sentence each, most decisive first. */
  reasons: string[];
  signals: Signal[];
}
