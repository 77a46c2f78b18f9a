/**
 * `terms check URL`: read every signal a site publishes about training on
 * one URL, within limits, and decide. The order follows the protocols:
 * robots.txt first (it says whether the page may be fetched at all), then
 * tdmrep.json, the page's own headers and head, ai.txt, and last the
 * documents they point to (the TDM policy, the licence).
 */
import { basename } from "node:path/posix";
import { detectText } from "../detect/detect.ts";
import type { Interpretation } from "../policy/index.ts";
import { type AiTxt, parseAiTxt } from "./ai-txt.ts";
import { decide } from "./decide.ts";
import {
  DEFAULT_LIMITS,
  type FetchLimits,
  type FetchResult,
  fetchUrl,
  textOf,
} from "./fetch.node.ts";
import { readHead } from "./html.ts";
import { PATHS } from "./ids.ts";
import { readPolicy } from "./odrl.ts";
import { pathOf } from "./path-match.ts";
import { parseRobots, ROBOTS_MAX_BYTES } from "./robots.ts";
import {
  aiTxtSignals,
  detectionSignals,
  directiveSignals,
  robotsSignals,
  tdmSignals,
  usageHeaderSignal,
} from "./signals.ts";
import { declare, parseTdmrepJson, reservationOf, tdmRuleFor } from "./tdmrep.ts";
import type { Signal, TermsVerdict } from "./types.ts";

export interface SiteCheckOptions {
  /** The crawler whose robots.txt group applies; unknown tokens fall to `*`. */
  productToken: string;
  timeoutMs: number;
  /** Follow redirects to other origins, and fetch policies and licences there. */
  allowOffOrigin: boolean;
  /** The reading of unsettled law the verdict is given under. */
  interpretation: Interpretation;
}

export const DEFAULT_SITE_OPTIONS: SiteCheckOptions = {
  productToken: "tgpl-terms",
  timeoutMs: DEFAULT_LIMITS.timeoutMs,
  allowOffOrigin: false,
  interpretation: "standard",
};

/** @throws never: every failure is a signal in the verdict. */
export async function checkSite(
  target: URL,
  options: SiteCheckOptions = DEFAULT_SITE_OPTIONS,
): Promise<TermsVerdict> {
  const limits = (maxBytes: number, truncate = false): FetchLimits => ({
    timeoutMs: options.timeoutMs,
    maxBytes,
    maxRedirects: 5,
    allowOffOrigin: options.allowOffOrigin,
    truncate,
  });
  const signals: Signal[] = [];
  const origin = target.origin;
  const path = pathOf(target);

  // robots.txt (RFC 9309 2.3.1): 2xx parse, 4xx "unavailable" (no rules), 5xx or no answer "unreachable" (disallow all).
  const robotsUrl = `${origin}/robots.txt`;
  const robots = await fetchUrl(robotsUrl, limits(ROBOTS_MAX_BYTES, true));
  let crawlAllowed = true;
  if (robots.error || robots.status === null) {
    const code = robots.error?.code;
    if (code === "too-many-redirects") {
      signals.push(
        fetchSignal(
          "robots.txt",
          robots,
          "none",
          "unavailable: more than 5 redirects (RFC 9309 2.3.1.2 allows treating it as unavailable)",
        ),
      );
    } else if (code === "off-origin") {
      signals.push(fetchSignal("robots.txt", robots, "error", robots.error!.message));
    } else {
      crawlAllowed = false;
      signals.push(
        fetchSignal(
          "robots.txt",
          robots,
          "reserve",
          `unreachable (${robots.error?.message}); RFC 9309 2.3.1.4: assume complete disallow`,
        ),
      );
    }
  } else if (robots.status >= 500) {
    crawlAllowed = false;
    signals.push(
      fetchSignal(
        "robots.txt",
        robots,
        "reserve",
        `HTTP ${robots.status}: unreachable; RFC 9309 2.3.1.4: assume complete disallow`,
      ),
    );
  } else if (robots.status >= 400) {
    signals.push(
      fetchSignal(
        "robots.txt",
        robots,
        "none",
        `HTTP ${robots.status}: unavailable, no crawl rules apply (RFC 9309 2.3.1.3)`,
      ),
    );
  } else if (robots.status >= 200 && robots.status < 300) {
    if (looksLikeHtml(robots)) {
      signals.push(
        fetchSignal(
          "robots.txt",
          robots,
          "none",
          "the server answered with an HTML page, not a robots.txt; read as absent",
        ),
      );
    } else {
      const parsed = parseRobots(robots.body);
      const read = robotsSignals(parsed, path, options.productToken, robots.finalUrl);
      crawlAllowed = read.crawlAllowed;
      signals.push(...read.signals);
      if (robots.redirects.length > 0 && signals.length > 0)
        signals[signals.length - read.signals.length]!.note = joinNotes(
          signals[signals.length - read.signals.length]!.note,
          `reached through ${robots.redirects.length} redirect(s), applied to ${origin} (RFC 9309 2.3.1.2)`,
        );
    }
  }

  const [tdmFile, page, ai] = await Promise.all([
    fetchUrl(`${origin}/${PATHS.tdmrep}`, limits(1 << 20)),
    crawlAllowed ? fetchUrl(target.href, limits(2 << 20, true)) : Promise.resolve(null),
    fetchUrl(`${origin}/${PATHS.aiTxt}`, limits(256 << 10)),
  ]);

  // TDMRep: the file, then the page's headers, then its meta.
  type Part = Parameters<typeof tdmSignals>[0][number];
  const parts: Part[] = [];
  let fileDecl: { reservation: 0 | 1 | null; policy?: string } | null = null;
  if (ok(tdmFile)) {
    const file = parseTdmrepJson(textOf(tdmFile));
    const rule = tdmRuleFor(file, path);
    if (file.errors.length > 0 && !rule)
      signals.push(fetchSignal("tdmrep.json", tdmFile, "none", file.errors.join("; ")));
    if (rule) {
      fileDecl = { reservation: rule.reservation, ...(rule.policy ? { policy: rule.policy } : {}) };
      parts.push({
        source: "tdmrep.json",
        ...fileDecl,
        raw: `rule ${rule.index}: location ${rule.location.raw}`,
        location: tdmFile.finalUrl,
      });
    }
  } else if (tdmFile.error && tdmFile.error.code !== "off-origin") {
    signals.push(fetchSignal("tdmrep.json", tdmFile, "none", `not read: ${tdmFile.error.message}`));
  }

  let headerDecl: { reservation: 0 | 1 | null; policy?: string } | null = null;
  let metaDecl: { reservation: 0 | 1 | null; policy?: string } | null = null;
  const licenceLinks: string[] = [];
  if (page) {
    if (page.error && !page.body.length) {
      signals.push(fetchSignal("fetch", page, "error", page.error.message));
    } else {
      const h = page.headers;
      if (h["tdm-reservation"] !== undefined) {
        headerDecl = {
          reservation: reservationOf(h["tdm-reservation"]),
          ...(h["tdm-policy"] ? { policy: h["tdm-policy"] } : {}),
        };
        parts.push({
          source: "tdm-reservation header",
          ...headerDecl,
          raw: `tdm-reservation: ${h["tdm-reservation"]}${h["tdm-policy"] ? `; tdm-policy: ${h["tdm-policy"]}` : ""}`,
          location: page.finalUrl,
        });
      }
      if (h["content-usage"] !== undefined)
        signals.push(usageHeaderSignal(h["content-usage"], page.finalUrl));
      const isImage = /^image\//i.test(h["content-type"] ?? "");
      if (h["x-robots-tag"] !== undefined)
        signals.push(
          ...directiveSignals(
            [h["x-robots-tag"]],
            options.productToken,
            "x-robots-tag header",
            page.finalUrl,
            isImage,
          ),
        );
      for (const link of (h.link ?? "").split(/,(?=\s*<)/)) {
        const m = /<([^>]*)>\s*;(.*)$/.exec(link.trim());
        if (m && /rel\s*=\s*"?[^";]*\blicense\b/i.test(m[2]!)) licenceLinks.push(m[1]!);
      }
      if (/html/i.test(h["content-type"] ?? "") || looksLikeHtml(page)) {
        const head = readHead(textOf(page));
        const metaOf = (name: string) =>
          head.meta.filter((m) => m.name === name).map((m) => m.content);
        const res = metaOf("tdm-reservation")[0];
        if (res !== undefined) {
          const pol = metaOf("tdm-policy")[0];
          metaDecl = { reservation: reservationOf(res), ...(pol ? { policy: pol } : {}) };
          parts.push({
            source: "tdm-reservation meta",
            ...metaDecl,
            raw: `<meta name="tdm-reservation" content="${res}">`,
            location: page.finalUrl,
          });
        }
        const robotsMeta = [...metaOf("robots"), ...metaOf(options.productToken.toLowerCase())];
        if (robotsMeta.length > 0)
          signals.push(
            ...directiveSignals(
              robotsMeta,
              options.productToken,
              "robots meta",
              page.finalUrl,
              false,
            ),
          );
        licenceLinks.push(...head.licenceLinks);
      }
    }
  }

  const decision = declare(fileDecl, headerDecl, metaDecl);
  let policy: Parameters<typeof tdmSignals>[2] = null;
  if (decision.reservation === 1 && decision.policy) {
    policy = await readPolicyAt(decision.policy, target, limits(256 << 10), options);
  }
  signals.push(...tdmSignals(parts, decision, policy));

  if (ok(ai) && !looksLikeHtml(ai)) {
    const parsed: AiTxt = parseAiTxt(textOf(ai), options.productToken);
    signals.push(...aiTxtSignals(parsed, path, ai.finalUrl));
  }

  // The licence: a rel="license" link, else /LICENSE at the origin.
  const licenceUrls = licenceLinks.length > 0 ? licenceLinks : [`/${PATHS.licence}`];
  for (const href of licenceUrls.slice(0, 3)) {
    let url: URL;
    try {
      url = new URL(href, page?.finalUrl ?? target.href);
    } catch {
      continue;
    }
    if (url.origin !== origin && !options.allowOffOrigin) {
      signals.push({
        source: "licence link",
        value: "not-fetched",
        raw: href,
        location: url.href,
        stance: "none",
        note: "on another origin; allow it with --follow-off-origin",
      });
      continue;
    }
    const got = await fetchUrl(url.href, limits(1 << 20, true));
    if (!ok(got)) {
      if (licenceLinks.length > 0)
        signals.push(
          fetchSignal(
            "licence link",
            got,
            "none",
            `not read: ${got.error?.message ?? `HTTP ${got.status}`}`,
          ),
        );
      continue;
    }
    const name = basename(url.pathname) || "LICENSE";
    signals.push(
      ...detectionSignals(
        detectText(looksLikeHtml(got) ? `${name}.html` : name, textOf(got)),
        got.finalUrl,
      ),
    );
  }

  return decide(target.href, "site", signals, options.interpretation);
}

async function readPolicyAt(
  policyUrl: string,
  base: URL,
  limits: FetchLimits,
  options: SiteCheckOptions,
): Promise<Parameters<typeof tdmSignals>[2]> {
  let url: URL;
  try {
    url = new URL(policyUrl, base);
  } catch {
    return { reading: null, problem: `tdm-policy is not a URL: ${policyUrl}` };
  }
  if (url.origin !== base.origin && !options.allowOffOrigin)
    return {
      reading: null,
      problem: `the TDM policy is on another origin (${url.origin}) and was not fetched (allow it with --follow-off-origin)`,
    };
  const got = await fetchUrl(url.href, limits);
  if (!ok(got))
    return {
      reading: null,
      problem: `the TDM policy could not be read (${got.error?.message ?? `HTTP ${got.status}`})`,
    };
  const type = got.headers["content-type"] ?? "";
  if (/text\/html/i.test(type))
    return { reading: null, problem: "the TDM policy is a human-readable page (text/html)" };
  const reading = readPolicy(textOf(got));
  if (!/json/i.test(type))
    reading.errors.push(
      `served as ${type || "no content type"}; TDMRep expects application/json or application/ld+json`,
    );
  if (reading.permissions.length === 0 && reading.duties.length === 0 && !reading.tgpl)
    return {
      reading: null,
      problem: `the TDM policy could not be read: ${reading.errors.join("; ")}`,
    };
  return { reading, location: got.finalUrl };
}

const ok = (r: FetchResult): boolean =>
  !r.error && r.status !== null && r.status >= 200 && r.status < 300;

function looksLikeHtml(r: FetchResult): boolean {
  if (/text\/html/i.test(r.headers["content-type"] ?? "")) return true;
  const head = new TextDecoder().decode(r.body.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

function fetchSignal(
  source: Signal["source"],
  r: FetchResult,
  stance: Signal["stance"],
  value: string,
): Signal {
  return {
    source,
    value,
    raw: r.status !== null ? `HTTP ${r.status}` : (r.error?.code ?? ""),
    location: r.finalUrl,
    stance,
    ...(r.truncated ? { note: "the body was longer than the limit and was cut" } : {}),
  };
}

const joinNotes = (a: string | undefined, b: string) => (a ? `${a}; ${b}` : b);
