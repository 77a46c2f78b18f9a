/**
 * Parsed terms turned into signals, the common currency of `terms check`
 * for repositories and sites. Pure: the callers fetch or read the inputs.
 */
import type { Detection } from "../detect/types.ts";
import { parseUsage, preferenceFor, type Stated } from "./aipref.ts";
import { aiTxtAllows, type AiTxt } from "./ai-txt.ts";
import { aiDirectives } from "./html.ts";
import { isTgplId } from "./ids.ts";
import { permitsMining, type PolicyReading } from "./odrl.ts";
import { accessFor, groupFor, signalRulesFor, trainingUsage, type Robots } from "./robots.ts";
import type { TdmDeclaration, Reservation } from "./tdmrep.ts";
import type { Signal } from "./types.ts";

/** A usage preference as a signal. */
function statedSignal(
  stated: Stated,
  source: Signal["source"],
  raw: string,
  location: string,
): Signal {
  const s: Signal = {
    source,
    value: `${stated.label}=${stated.preference === "allow" ? "y" : "n"}`,
    raw,
    location,
    stance: stated.preference === "allow" ? "allow" : "reserve",
  };
  if (stated.preference === "disallow" && stated.exception) {
    s.exceptFor = stated.exception;
    s.value += ` except under ${stated.exception}`;
    if (!isTgplId(stated.exception))
      s.note = `the exception names ${stated.exception}, not the TGPL; it is not read as an offer`;
  }
  return s;
}

/**
 * What robots.txt says for one path and crawler: whether it may be crawled,
 * and the Content-Usage and Content-Signal preferences that apply to it.
 */
export function robotsSignals(
  robots: Robots,
  path: string,
  productToken: string,
  location: string,
): { signals: Signal[]; crawlAllowed: boolean } {
  const signals: Signal[] = [];
  const rules = groupFor(robots, productToken);
  const access = accessFor(rules, path);
  const note = robots.warnings.length > 0 ? robots.warnings.slice(0, 5).join("; ") : undefined;
  if (!access.allowed) {
    signals.push({
      source: "robots.txt",
      value: "crawl-disallowed",
      raw: `line ${access.rule!.line}: Disallow: ${access.rule!.pattern.raw}`,
      location,
      stance: "reserve",
      note: `the ${rules.agents.join(", ")} group disallows ${path}; usage rules do not apply to paths that cannot be crawled`,
    });
    return { signals, crawlAllowed: false };
  }
  signals.push({
    source: "robots.txt",
    value: rules.agents.length === 0 ? "no-group" : `crawl-allowed (${rules.agents.join(", ")})`,
    raw: access.rule ? `line ${access.rule.line}: Allow: ${access.rule.pattern.raw}` : "",
    location,
    stance: "none",
    ...(note ? { note } : {}),
  });
  const usage = trainingUsage(rules, path);
  if (usage.stated) {
    const rule =
      usage.rules.find((r) => preferenceFor(r.statement, "train-genai") === usage.stated) ??
      usage.rules[0]!;
    signals.push(
      statedSignal(
        usage.stated,
        "robots.txt content-usage",
        `line ${rule.line}: Content-Usage: ${rule.pattern.raw} ${rule.value}`,
        location,
      ),
    );
  } else {
    for (const r of usage.rules)
      signals.push({
        source: "robots.txt content-usage",
        value: r.statement.parsed ? "no-training-preference" : "unparsable",
        raw: `line ${r.line}: Content-Usage: ${r.pattern.raw} ${r.value}`,
        location,
        stance: "none",
        note: r.statement.parsed
          ? `states nothing about training${r.statement.ignored.length ? `; unknown labels ignored: ${r.statement.ignored.join(", ")}` : ""}`
          : "does not parse as a structured dictionary, so it states no preference (labels are case-sensitive)",
      });
  }
  for (const rule of signalRulesFor(rules, path)) {
    const train = rule.signals.get("ai-train");
    signals.push({
      source: "robots.txt content-signal",
      value: train === undefined ? "no-ai-train-signal" : `ai-train=${train ? "yes" : "no"}`,
      raw: `line ${rule.line}: Content-Signal: ${rule.value}`,
      location,
      stance: train === undefined ? "none" : train ? "allow" : "reserve",
    });
  }
  return { signals, crawlAllowed: true };
}

/** A Content-Usage HTTP header as a signal (null when it states nothing about training). */
export function usageHeaderSignal(value: string, location: string): Signal {
  const statement = parseUsage(value);
  const stated = preferenceFor(statement, "train-genai");
  if (stated) return statedSignal(stated, "content-usage header", value, location);
  return {
    source: "content-usage header",
    value: statement.parsed ? "no-training-preference" : "unparsable",
    raw: value,
    location,
    stance: "none",
  };
}

type TdmSource = "tdmrep.json" | "tdm-reservation header" | "tdm-reservation meta";

/**
 * TDMRep signals: one per technique that said something, only the deciding
 * one carries the stance (header supersedes file, meta supersedes both).
 */
export function tdmSignals(
  parts: {
    source: TdmSource;
    reservation: Reservation | null;
    policy?: string;
    raw: string;
    location: string;
  }[],
  decision: TdmDeclaration,
  policy: { reading: PolicyReading | null; problem?: string; location?: string } | null,
): Signal[] {
  const decidingSource: TdmSource | null =
    decision.from === "file"
      ? "tdmrep.json"
      : decision.from === "header"
        ? "tdm-reservation header"
        : decision.from === "meta"
          ? "tdm-reservation meta"
          : null;
  const out: Signal[] = [];
  for (const p of parts) {
    const deciding = p.source === decidingSource;
    const s: Signal = {
      source: p.source,
      value:
        p.reservation === null
          ? "tdm-reservation unset"
          : `tdm-reservation=${p.reservation}${p.policy ? ` policy=${p.policy}` : ""}`,
      raw: p.raw,
      location: p.location,
      stance:
        !deciding || p.reservation === null ? "none" : p.reservation === 0 ? "allow" : "reserve",
    };
    if (!deciding && p.reservation !== null)
      s.note = `superseded by ${decidingSource} (TDMRep processing priority)`;
    if (deciding && p.reservation === 1) {
      const reading = policy?.reading;
      if (reading?.tgpl && permitsMining(reading) && reading.licence && isTgplId(reading.licence)) {
        s.exceptFor = reading.licence;
        s.value += ` (TGPL offer: ${reading.licence})`;
      } else if (reading) {
        s.note = `the policy does not offer the TGPL${reading.duties.length ? `; its duties: ${reading.duties.map(short).join(", ")}` : ""}; the reservation stands`;
      } else if (policy?.problem) {
        s.note = `${policy.problem}; with no readable policy there is no way to know which conditions would allow mining, so the reservation stands`;
      } else {
        s.note = "no TDM policy: rights are reserved with no licence offered";
      }
    }
    out.push(s);
  }
  if (policy?.reading && policy.location) {
    const r = policy.reading;
    out.push({
      source: "tdm-policy",
      value: r.tgpl
        ? `TGPL offer (${r.licence ?? "no licence id"})`
        : r.tdmrep
          ? "TDMRep offer"
          : "not a TDMRep offer",
      raw: `permissions: ${r.permissions.map(short).join(", ") || "none"}; duties: ${r.duties.map(short).join(", ") || "none"}`,
      location: policy.location,
      stance: r.tgpl && r.licence && isTgplId(r.licence) ? "licence" : "none",
      ...(r.tgpl && r.licence ? { expression: r.licence } : {}),
      ...(r.errors.length ? { note: r.errors.join("; ") } : {}),
    });
  }
  return out;
}

const short = (iri: string) => iri.replace(/^.*[#/]/, "");

/** `noai` / `noimageai` from X-Robots-Tag or robots meta. */
export function directiveSignals(
  values: string[],
  productToken: string,
  source: "x-robots-tag header" | "robots meta",
  location: string,
  isImage: boolean,
): Signal[] {
  const d = aiDirectives(values, productToken);
  const out: Signal[] = [];
  if (d.noai)
    out.push({ source, value: "noai", raw: values.join(", "), location, stance: "reserve" });
  if (d.noimageai)
    out.push({
      source,
      value: "noimageai",
      raw: values.join(", "),
      location,
      stance: isImage ? "reserve" : "none",
      ...(isImage ? {} : { note: "applies to images only; this resource is not an image" }),
    });
  return out;
}

/** ai.txt for one path. */
export function aiTxtSignals(ai: AiTxt, path: string, location: string): Signal[] {
  const out: Signal[] = [];
  const verdict = aiTxtAllows(ai, path);
  const licence = ai.licence?.value;
  if (verdict.allowed !== null) {
    const s: Signal = {
      source: "ai.txt",
      value: verdict.allowed ? "allow" : "disallow",
      raw: verdict.raw ?? "",
      location,
      stance: verdict.allowed ? "allow" : "reserve",
    };
    if (!verdict.allowed && licence && isTgplId(licence)) {
      s.exceptFor = licence;
      s.value += ` except under ${licence}`;
    }
    out.push(s);
  }
  if (licence)
    out.push({
      source: "ai.txt",
      value: licence,
      raw: `License: ${licence}`,
      location,
      stance: "licence",
      expression: licence,
      ...(ai.policy ? { note: `offer: ${ai.policy}` } : {}),
    });
  return out;
}

const MATCHER_SOURCE: Record<string, Signal["source"]> = {
  text: "licence-file",
  "spdx-tag": "spdx-tag",
  manifest: "manifest",
  reuse: "reuse",
  notice: "notice",
};

/** A detection's matches as licence signals (low-confidence guesses are kept but marked). */
export function detectionSignals(d: Detection, location: string): Signal[] {
  if (d.error)
    return [
      {
        source: "licence-file",
        value: "unreadable",
        raw: d.error.message,
        location,
        stance: "error",
      },
    ];
  return d.matches.map((m) => {
    const s: Signal = {
      source: MATCHER_SOURCE[m.matcher] ?? "licence-file",
      value: m.spdx,
      raw: `${m.matcher} match, score ${m.score.toFixed(2)}, lines ${m.lines[0]}-${m.lines[1]}`,
      location,
      stance: m.score >= 0.8 ? "licence" : "none",
      expression: m.spdx,
    };
    if (m.paths) s.note = `applies to ${m.paths.join(", ")}`;
    if (m.score < 0.8) s.note = `a weak match (score ${m.score.toFixed(2)}), not used`;
    return s;
  });
}
