/**
 * The policy engine's vocabulary: what training on a source permits and
 * obliges (a rule, read from data/policy/profiles.json), what a model is
 * (sources, parents, deployment, published documents), and what a check
 * returns (obligations, findings, verdict). Plain data, no behaviour.
 */

/** What training on a source permits, before anything about the model is known. */
export type Permission = "allow" | "conditional" | "deny" | "unknown";

/**
 * Where the law is unsettled (does the GPL reach weights? does share-alike
 * reach a model?), the reading the user picks. `standard`: training is not a
 * modification these licences reach. `conservative`: it is.
 */
export type Interpretation = "standard" | "conservative";
export const INTERPRETATIONS: readonly Interpretation[] = ["standard", "conservative"];

/** How a model is used: weights handed to others, served over a network, or kept in-house. */
export type Deployment = "distributed" | "api" | "internal";
export const DEPLOYMENTS: readonly Deployment[] = ["distributed", "api", "internal"];

/** The deployments that trigger obligations; internal use triggers none. */
export type Trigger = "distributed" | "api";

/** What a model may owe, beyond the licence of its weights. */
export type ObligationKind =
  | "model-source" // release the Corresponding Model Source (weights, config, code, recipe)
  | "training-data-info" // publish the Training Data Information
  | "attribution" // keep notices and attribution (in the model's documentation)
  | "use-restrictions" // pass the use restrictions on to users and recipients
  | "network-offer"; // offer source and data information to network users
export const OBLIGATION_KINDS: readonly ObligationKind[] = [
  "model-source",
  "training-data-info",
  "attribution",
  "use-restrictions",
  "network-offer",
];

export interface Obligation {
  kind: ObligationKind;
  on: Trigger[];
}

/**
 * What the licence of the weights must be:
 * - only: one of these licences (copyleft: the whole under the same licence);
 * - except: anything but these (a permissive work that cannot go into some copyleft wholes);
 * - includes: the weights' licence must carry one of these (use-restricted model licences).
 */
export type WeightsRule =
  | { only: string[]; on: Trigger[] }
  | { except: string[]; on: Trigger[] }
  | { includes: string[]; on: Trigger[] };

/** What training on one source permits and obliges, under one interpretation. */
export interface TrainingRule {
  permission: Permission;
  weights?: WeightsRule;
  /** The model may not be made or used commercially. */
  nonCommercial?: boolean;
  /** The model may not be shared (no-derivatives licences, conservatively read). */
  noDistribution?: { on: Trigger[] };
  obligations?: Obligation[];
}

export type Family =
  | "public-domain"
  | "permissive"
  | "weak-copyleft"
  | "strong-copyleft"
  | "network-copyleft"
  | "tgpl"
  | "documentation"
  | "documentation-copyleft"
  | "font"
  | "font-copyleft"
  | "data-open"
  | "data-attribution"
  | "data-sharing"
  | "data-share-alike"
  | "non-commercial"
  | "no-derivatives"
  | "use-restricted"
  | "rail"
  | "model-community"
  | "source-available"
  | "unclassified"
  | "no-licence";

export type Flag = "nc" | "nd" | "sa";

/** The training profile of one licence id, as data/policy/profiles.json holds it. */
export interface LicenceProfile {
  name: string;
  family: Family;
  flags?: Flag[];
  osi?: boolean;
  /** A deprecated SPDX id: its profile is that of the expression that replaces it. */
  replacedBy?: string;
  /** Copyleft that forbids adding restrictions: weights under it cannot carry use restrictions. */
  forbidsFurtherRestrictions?: boolean;
  note?: string;
  url?: string;
  standard: TrainingRule;
  conservative: TrainingRule;
}

export interface ExceptionProfile {
  name: string;
  kind: string;
  /** No SPDX exception speaks of training or weights; see data/policy/classification.json. */
  effect: "none";
}

export interface SignalProfile {
  name: string;
  permission: "deny";
}

/** data/policy/profiles.json */
export interface ProfileData {
  $comment: string;
  families: Record<Family, { description: string }>;
  tgplCompatibleWeightsLicences: string[];
  licences: Record<string, LicenceProfile>;
  exceptions: Record<string, ExceptionProfile>;
  signals: Record<string, SignalProfile>;
}

/** Machine-readable terms seen on a source (what `tgpl terms check` reads). */
export interface TermsSignals {
  /** TDMRep `tdm-reservation: 1`. */
  tdmReservation?: boolean;
  /** The licence the TDMRep policy (or a Content-Usage exception) offers, e.g. LicenseRef-TGPL-1.0. */
  offer?: string;
  /** IETF AI-preferences Content-Usage, e.g. "train-ai=n" (reserves) or "train-ai=y" (an explicit yes). */
  contentUsage?: string;
  noai?: boolean;
  noimageai?: boolean;
  /** Cloudflare's robots.txt Content-Signal, e.g. "search=yes, ai-train=no" (reserves) or "ai-train=yes". */
  contentSignal?: string;
  /** robots.txt disallows fetching the content, or could not be reached (RFC 9309 2.3.1.4: read as disallow all). */
  crawlDisallowed?: boolean;
  /** An explicit yes to training no field above carries: TDMRep `tdm-reservation: 0`, an ai.txt `Allow`. */
  trainingAllowed?: boolean;
}

/** One training source: a repository, a dataset, a group of files of a manifest. */
export interface SourceSpec {
  name: string;
  /** SPDX expression; null or absent: no licence known. */
  licence?: string | null;
  terms?: TermsSignals;
  /** How many files it stands for (from a manifest). */
  files?: number;
}

export type Relation = "finetune" | "adapter" | "merge" | "quantized" | "distillation";
export const RELATIONS: readonly Relation[] = [
  "finetune",
  "adapter",
  "merge",
  "quantized",
  "distillation",
];

/** The documents a model's publisher may release, as the model file and `--published` name them. */
export type PublishedDocument =
  | "weights"
  | "model-source"
  | "training-data"
  | "notices"
  | "use-restrictions"
  | "network-offer";
export const PUBLISHED_DOCUMENTS: readonly PublishedDocument[] = [
  "weights",
  "model-source",
  "training-data",
  "notices",
  "use-restrictions",
  "network-offer",
];

/** The documents a model's publisher has released (true), has not (false), or does not say (absent). */
export type Published = Partial<Record<PublishedDocument, boolean>>;

/** A model as the engine sees it, whatever document it was read from. */
export interface ModelSpec {
  id: string;
  /** The weights' licence, an SPDX expression; null or absent: not declared. */
  licence?: string | null;
  /** Training sources; absent: not declared (an empty list declares none). */
  sources?: SourceSpec[];
  bases?: BaseSpec[];
  /** Absent: not declared (assumed distributed, and said so). */
  deployment?: Deployment[];
  published?: Published;
  /** Whether the model is made or used commercially; absent: not declared. */
  use?: "commercial" | "non-commercial";
}

/** A parent model and how the child was made from it; `model` absent: named but not known. */
export interface BaseSpec {
  ref: string;
  relation: Relation;
  model?: ModelSpec;
}

export type Severity = "error" | "unknown" | "warning" | "info";

/** Something a source or an ancestor contributes, and where it sits in the lineage. */
export interface Origin {
  /** The source's name, or "<model> weights" for a parent's weights licence. */
  source: string;
  licence: string | null;
  /** The model that declared the source. */
  model: string;
  files?: number;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** What is wrong and what to do about it. */
  message: string;
  /** The sources behind it (at most a handful; `more` counts the rest). */
  sources: Origin[];
  more?: number;
  /** Model ids from the checked model up to the one that declared the first source. */
  path: string[];
  obligation?: ObligationKind;
}

export type Verdict = "compliant" | "violations" | "conflict" | "unknown";

export type ObligationStatus = "met" | "unmet" | "undeclared" | "not-triggered";

/** One obligation of the resolved model, with why it is owed and whether it is met. */
export interface OwedObligation {
  kind: ObligationKind;
  on: Trigger[];
  triggered: boolean;
  status: ObligationStatus;
  sources: Origin[];
  more?: number;
}

/** The allowed licences of the weights after intersecting every source's rule. */
export interface WeightsAllowance {
  /** null: any licence not excluded. */
  only: string[] | null;
  except: string[];
  /** Each entry: the weights' licence must carry one of these. */
  includes: string[][];
}

export interface CheckResult {
  model: string;
  interpretation: Interpretation;
  deployment: Deployment[];
  deploymentAssumed: boolean;
  weightsLicence: string | null;
  permission: Permission;
  weights: WeightsAllowance;
  obligations: OwedObligation[];
  findings: Finding[];
  verdict: Verdict;
  /** The verdict under the other interpretation, when it differs. */
  otherInterpretation?: { interpretation: Interpretation; verdict: Verdict };
}
