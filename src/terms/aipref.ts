/**
 * The IETF AI-preferences vocabulary (draft-ietf-aipref-vocab) as used in the
 * `Content-Usage` header and robots.txt rule (draft-ietf-aipref-attach).
 *
 * The drafts renamed their labels several times; senders still use the old
 * ones, so each category is looked up under its current label first and its
 * older labels after, then under its parent (section 5 of vocab-05: a
 * preference on a more general category applies when the more specific one
 * states none). Labels are case-sensitive: `Train-AI=n` fails the dictionary
 * parse and states nothing, as the draft says.
 */
import { EXCEPTION_PARAM, POLICY_PARAM } from "./ids.ts";
import { type Dictionary, parseDictionary, sfString } from "./sf.ts";

/** Current categories that bear on training, most specific first. */
export type Category = "train-genai" | "train-ai" | "ai-use" | "search" | "all";

/** Labels a category has had across the drafts, current first. */
const LABELS: Record<Category, string[]> = {
  // vocab-01..03: Generative AI Training; draft-00 called it "genai".
  "train-genai": ["train-genai", "genai"],
  // vocab-05: Foundation Model Production; draft-00 called AI training "ai".
  "train-ai": ["train-ai", "ai"],
  // vocab-04 "AI Use" (inference input); Cloudflare's "ai-input" is not this vocabulary.
  "ai-use": ["ai-use"],
  search: ["search"],
  // Automated processing: "all" (vocab-02), "bots" (vocab-01), "tdm" (draft-00).
  all: ["all", "bots", "tdm"],
};

const PARENT: Partial<Record<Category, Category>> = {
  "train-genai": "train-ai",
  "train-ai": "all",
  "ai-use": "all",
  search: "all",
};

/** One explicit preference found for a category, with what came with it. */
export interface Stated {
  preference: "allow" | "disallow";
  /** The label it was stated under (may be an older one). */
  label: string;
  /** The `exception` parameter: an SPDX expression under which a disallowed use is nonetheless permitted. */
  exception?: string;
  /** The `policy` parameter: where the machine-readable offer is. */
  policy?: string;
}

/** A parsed preference statement: the explicit y/n per label, parameters kept. */
export interface Statement {
  /** Explicit preferences by label (only `y` / `n` tokens count). */
  labels: Map<string, Stated>;
  /** False when the value did not parse: then nothing is stated. */
  parsed: boolean;
  /** Keys that are not labels of any known category (ignored, as the draft requires). */
  ignored: string[];
}

const KNOWN = new Set(Object.values(LABELS).flat());

/** Parse a `Content-Usage` value (header or robots.txt rule). */
export function parseUsage(value: string): Statement {
  const dict: Dictionary | null = parseDictionary(value);
  if (!dict) return { labels: new Map(), parsed: false, ignored: [] };
  const labels = new Map<string, Stated>();
  const ignored: string[] = [];
  for (const [key, member] of dict) {
    if (!KNOWN.has(key)) {
      ignored.push(key);
      continue;
    }
    if (member.kind !== "item" || member.value.type !== "token") continue;
    const v = member.value.value;
    if (v !== "y" && v !== "n") continue;
    const stated: Stated = { preference: v === "y" ? "allow" : "disallow", label: key };
    const exception = member.params.get(EXCEPTION_PARAM);
    if (exception && (exception.type === "string" || exception.type === "token"))
      stated.exception = exception.value;
    const policy = member.params.get(POLICY_PARAM);
    if (policy && policy.type === "string") stated.policy = policy.value;
    labels.set(key, stated);
  }
  return { labels, parsed: true, ignored };
}

/**
 * The preference for a category: its own labels, then its parents'.
 * Returns the statement that decided it, or null when nothing applies.
 */
export function preferenceFor(statement: Statement, category: Category): Stated | null {
  for (let c: Category | undefined = category; c; c = PARENT[c]) {
    for (const label of LABELS[c]) {
      const s = statement.labels.get(label);
      if (s) return s;
    }
  }
  return null;
}

/**
 * Several statements about one asset (header and robots.txt, or rules with
 * the same path): a disallow anywhere wins, then an allow, else unknown
 * (vocab-05 section 5.1). Of several disallows, one without an exception
 * wins, since it does not let the TGPL through.
 */
export function combine(stated: (Stated | null)[]): Stated | null {
  const present = stated.filter((s): s is Stated => s !== null);
  const disallows = present.filter((s) => s.preference === "disallow");
  if (disallows.length > 0) return disallows.find((s) => !s.exception) ?? disallows[0]!;
  return present[0] ?? null;
}

/**
 * The value `terms init` publishes: training reserved, except under the TGPL.
 * A reader that knows only the vocabulary sees `train-ai=n` (parameters it
 * does not know are ignored); one that knows the TGPL reads the exception.
 */
export function tgplUsageValue(licence: string, policyUrl: string): string {
  return `train-ai=n;${EXCEPTION_PARAM}=${sfString(licence)};${POLICY_PARAM}=${sfString(policyUrl)}`;
}
