/**
 * The few things a page's HTML says about its terms: `<meta name=...>`
 * (tdm-reservation, tdm-policy, robots, a crawler's own name) and
 * `<link rel="license">`. A small tokenizer rather than a DOM: only the
 * document head matters, comments and scripts are skipped, and hostile input
 * costs linear time.
 */

export interface HeadInfo {
  /** `<meta name>` values (name lower-cased) in document order; a name may repeat. */
  meta: { name: string; content: string }[];
  /** `href` of every `<link rel="license">`. */
  licenceLinks: string[];
}

const SKIP_BLOCKS =
  /<!--[\s\S]*?(?:-->|$)|<script\b[\s\S]*?(?:<\/script\s*>|$)|<style\b[\s\S]*?(?:<\/style\s*>|$)/gi;

/** Read meta and licence links from the head of an HTML document. */
export function readHead(html: string): HeadInfo {
  // Metadata lives in the head; stopping at <body> keeps quoted examples in the page out.
  const bodyAt = html.search(/<body[\s>]/i);
  const head = (bodyAt >= 0 ? html.slice(0, bodyAt) : html).replace(SKIP_BLOCKS, " ");
  const info: HeadInfo = { meta: [], licenceLinks: [] };
  for (const m of head.matchAll(/<(meta|link)\b([^>]*)>/gi)) {
    const attrs = attributes(m[2]!);
    if (m[1]!.toLowerCase() === "meta") {
      const name = attrs.get("name");
      const content = attrs.get("content");
      if (name !== undefined && content !== undefined)
        info.meta.push({ name: name.trim().toLowerCase(), content });
    } else {
      const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
      const href = attrs.get("href");
      if (rel.includes("license") && href) info.licenceLinks.push(href.trim());
    }
  }
  return info;
}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(
    /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g,
  )) {
    const name = m[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    const code = k.startsWith("#x")
      ? Number.parseInt(k.slice(2), 16)
      : Number.parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Robots directives that concern AI use (DeviantArt's `noai` / `noimageai`, adopted by others). */
export interface AiDirectives {
  noai: boolean;
  noimageai: boolean;
}

/** Directives that take a value after a colon, so a colon after them does not name a crawler. */
const VALUED = new Set([
  "max-snippet",
  "max-image-preview",
  "max-video-preview",
  "unavailable_after",
]);

/**
 * Read `noai` / `noimageai` from an `X-Robots-Tag` value (possibly several
 * headers joined with ", ") or a robots meta content. A value scoped to a
 * crawler ("otherbot: noai") counts only for that crawler.
 */
export function aiDirectives(values: string[], productToken: string): AiDirectives {
  const out: AiDirectives = { noai: false, noimageai: false };
  for (const value of values) {
    let scope: string | null = null;
    for (const part of value.split(",")) {
      let p = part.trim().toLowerCase();
      const m = /^([a-z0-9_-]+)\s*:\s*(.*)$/.exec(p);
      if (m && !VALUED.has(m[1]!)) {
        scope = m[1]!;
        p = m[2]!.trim();
      }
      if (scope !== null && scope !== productToken.toLowerCase()) continue;
      if (p === "noai") out.noai = true;
      if (p === "noimageai") out.noimageai = true;
    }
  }
  return out;
}
