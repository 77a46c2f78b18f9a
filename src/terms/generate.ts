/**
 * Everything `terms init` publishes, as text: pure, so tests can read back
 * exactly what a site would serve. The forms together
 *  1. state the conditional permission exactly for readers that know the
 *     TGPL (the exception parameter, the ODRL offer, the licence),
 *  2. never let a reader that knows only the generic vocabularies conclude
 *     that training is allowed without conditions (each generic form says
 *     "reserved": train-ai=n, tdm-reservation 1, ai.txt Disallow), and
 *  3. keep legal effect where mining is an exception unless rights are
 *     reserved (EU DSM Art. 4(3)): the reservation is explicit and
 *     machine-readable, and tdm-policy points to where a licence is offered.
 * licenses/FAQ.md explains the choice.
 */
import { tgplUsageValue } from "./aipref.ts";
import { tgplAiTxt } from "./ai-txt.ts";
import { PATHS, TGPL_ONLY, TGPL_OR_LATER } from "./ids.ts";
import { tgplOffer } from "./odrl.ts";

export interface TermsOptions {
  /** Allow later versions of the TGPL (the default) or not. */
  orLater: boolean;
  /** Where the site is served, e.g. "https://example.org/"; without it URLs are root-relative. */
  baseUrl?: string;
  holder?: string;
  year?: number;
  /** The work's name, for the README notice. */
  name?: string;
}

export interface TermsUrls {
  licence: string;
  policy: string;
  target: string;
}

export const licenceIdOf = (o: TermsOptions): string => (o.orLater ? TGPL_OR_LATER : TGPL_ONLY);

export function urlsOf(o: TermsOptions): TermsUrls {
  if (!o.baseUrl) return { licence: `/${PATHS.licence}`, policy: `/${PATHS.policy}`, target: "/" };
  const base = o.baseUrl.endsWith("/") ? o.baseUrl : `${o.baseUrl}/`;
  return {
    licence: new URL(PATHS.licence, base).href,
    policy: new URL(PATHS.policy, base).href,
    target: base,
  };
}

/** The notice for a README (and for file headers, without the heading). */
export function notice(o: TermsOptions): string {
  const year = o.year ?? new Date().getUTCFullYear();
  const who = o.holder ?? "<name of author>";
  const version = o.orLater
    ? "version 1.0 or (at your option) any later version"
    : "version 1.0 only";
  return [
    `${o.name ? `${o.name}\n` : ""}Copyright (C) ${year} ${who}`,
    "",
    "This work is free: you can redistribute it and/or modify it, and train",
    "machine learning models on it, under the terms of the Training GPL,",
    `${version}.`,
    "",
    "This work is distributed in the hope that it will be useful, but",
    "WITHOUT ANY WARRANTY; without even the implied warranty of",
    "MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the",
    "Training GPL for more details.",
    "",
    "You should have received a copy of the Training GPL along with this",
    "work, in a file named LICENSE. Models trained on this work must be",
    "released with their weights, source and training data information.",
  ].join("\n");
}

/** The README section `terms init` appends. */
export function readmeSection(o: TermsOptions): string {
  const id = licenceIdOf(o);
  return [
    "## License",
    "",
    "```",
    notice(o),
    "```",
    "",
    `SPDX-License-Identifier: ${id}`,
    "",
    "Training models on this work is permitted under the Training GPL: a model",
    "trained on it, and any model derived from that model, must be released with",
    "its weights, its Corresponding Model Source and its Training Data Information",
    "when it is distributed or offered over a network. Machine-readable terms:",
    `robots.txt, /${PATHS.tdmrep}, /${PATHS.policy}, ai.txt.`,
    "",
  ].join("\n");
}

/** robots.txt lines: a comment and a catch-all group with the Content-Usage rule. */
export function robotsGroup(o: TermsOptions, withAllow: boolean): string {
  const u = urlsOf(o);
  const lines = [
    `# Training on this site is reserved except under the Training GPL (${licenceIdOf(o)}).`,
    `# Licence: ${u.licence}  Offer (ODRL): ${u.policy}`,
    "User-agent: *",
    `Content-Usage: / ${tgplUsageValue(licenceIdOf(o), u.policy)}`,
  ];
  // When appending to an existing robots.txt, an "Allow: /" merged into its
  // catch-all group would tie with "Disallow: /" and win (RFC 9309 2.2.2).
  if (withAllow) lines.push("Allow: /");
  return `${lines.join("\n")}\n`;
}

export function tdmrepJson(o: TermsOptions): string {
  const rules = [{ location: "/", "tdm-reservation": 1, "tdm-policy": urlsOf(o).policy }];
  return `${JSON.stringify(rules, null, 2)}\n`;
}

export function policyJson(o: TermsOptions): string {
  const u = urlsOf(o);
  const offer = tgplOffer({
    uid: u.policy,
    licence: licenceIdOf(o),
    licenceUrl: u.licence,
    target: u.target,
    ...(o.holder ? { holder: o.holder } : {}),
  });
  return `${JSON.stringify(offer, null, 2)}\n`;
}

export function aiTxt(o: TermsOptions): string {
  const u = urlsOf(o);
  return tgplAiTxt(licenceIdOf(o), u.policy, u.licence);
}

/** Response headers every page and file should carry, as name/value pairs. */
export function responseHeaders(o: TermsOptions): [string, string][] {
  const u = urlsOf(o);
  return [
    ["tdm-reservation", "1"],
    ["tdm-policy", u.policy],
    ["Content-Usage", tgplUsageValue(licenceIdOf(o), u.policy)],
    ["Link", `<${u.licence}>; rel="license"`],
  ];
}

/** Netlify / Cloudflare Pages `_headers` file. */
export function headersFile(o: TermsOptions): string {
  return `/*\n${responseHeaders(o)
    .map(([k, v]) => `  ${k}: ${v}`)
    .join("\n")}\n`;
}

export function htmlMeta(o: TermsOptions): string {
  const u = urlsOf(o);
  return [
    '<meta name="tdm-reservation" content="1">',
    `<meta name="tdm-policy" content="${escapeAttr(u.policy)}">`,
    `<link rel="license" href="${escapeAttr(u.licence)}">`,
  ].join("\n");
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Server configuration and manifest snippets, printed rather than written. */
export function snippets(o: TermsOptions): Record<string, string> {
  const h = responseHeaders(o);
  const id = licenceIdOf(o);
  const nginxQuote = (v: string) => `'${v.replace(/'/g, "\\'")}'`;
  const apacheQuote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  return {
    nginx: `# in the server block\n${h.map(([k, v]) => `add_header ${k} ${nginxQuote(v)} always;`).join("\n")}\n`,
    apache: `<IfModule mod_headers.c>\n${h.map(([k, v]) => `  Header set ${k} ${apacheQuote(v)}`).join("\n")}\n</IfModule>\n`,
    html: `${htmlMeta(o)}\n`,
    "package.json": `"license": "${id}"\n`,
    "pyproject.toml": `license = "${id}"\nlicense-files = ["LICENSE"]\n`,
    // crates.io accepts only ids from the SPDX list, so Cargo points at the file.
    "Cargo.toml": `license-file = "LICENSE"\n`,
  };
}

/**
 * Add the meta and licence link to an HTML page's head, unless the page
 * already states a TDM reservation (its author chose something).
 */
export function addHtmlMeta(
  html: string,
  o: TermsOptions,
): { html: string; changed: boolean; reason: string } {
  if (/<meta\b[^>]*\bname\s*=\s*["']?tdm-reservation/i.test(html))
    return { html, changed: false, reason: "already has a tdm-reservation meta" };
  const meta = htmlMeta(o);
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) return { html, changed: false, reason: "no <head> element" };
  const at = head.index + head[0].length;
  return {
    html: `${html.slice(0, at)}\n${meta}${html.slice(at)}`,
    changed: true,
    reason: "meta added",
  };
}
