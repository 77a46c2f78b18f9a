/**
 * Licence templates: an SPDX licence-list XML entry compiled to a word
 * sequence in which every word is required, optional (`<optional>`, titles)
 * or variable (`<alt>`, copyright lines). Every word of a variable region,
 * and a placeholder word at its start, carries how many input words the
 * region may stand for (its cap).
 */
import { XMLParser } from "fast-xml-parser";
import { type Flag, OPTIONAL, PLACEHOLDER, REQUIRED, VARIABLE } from "./flags.ts";
import { tokenize } from "./tokenize.ts";

export { type Flag, OPTIONAL, PLACEHOLDER, REQUIRED, VARIABLE };

export interface Template {
  id: string;
  name: string;
  kind: "license" | "exception";
  words: string[];
  flags: Flag[];
  /** For words of variable regions: how many input words the region may stand for; 0 elsewhere. */
  caps: number[];
}

type XmlNode = { [tag: string]: XmlNode[] | string | Record<string, string> | undefined } & {
  ":@"?: Record<string, string>;
  "#text"?: string;
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  processEntities: true,
});

/** Words a copyright region may hold: several holders and years. */
const COPYRIGHT_CAP = 120;

/** A rough bound, in words, on what an `<alt match="...">` regex accepts. */
export function capOf(regex: string, defaultWords: number): number {
  if (/(^|[^\\])[.\]\w)]\s*[+*]/.test(regex) || /\.\{\d*,\}/.test(regex)) return 60;
  const bounded = [...regex.matchAll(/\{(\d+)(?:,(\d+))?\}/g)];
  if (bounded.length > 0) {
    const chars = bounded.reduce((n, m) => n + Number(m[2] ?? m[1]), 0);
    return Math.max(defaultWords, Math.ceil(chars / 4) + 2);
  }
  const longest = Math.max(
    ...regex.split("|").map((alt) => (alt.match(/[A-Za-z0-9]+/g) ?? []).length),
  );
  return Math.max(defaultWords, longest) + 1;
}

function tagOf(node: XmlNode): string {
  for (const k of Object.keys(node)) if (k !== ":@") return k;
  return "";
}

function children(node: XmlNode): XmlNode[] {
  const v = node[tagOf(node)];
  return Array.isArray(v) ? v : [];
}

/** All elements named `tag` anywhere under `nodes`, in document order. */
function find(nodes: XmlNode[], tag: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    else if (Array.isArray(n[tagOf(n)])) out.push(...find(children(n), tag));
  }
  return out;
}

function textOf(nodes: XmlNode[]): string {
  return nodes
    .map((n) =>
      typeof n["#text"] === "string"
        ? n["#text"]
        : tagOf(n) === "bullet"
          ? " "
          : ` ${textOf(children(n))} `,
    )
    .join("");
}

class Builder {
  readonly words: string[] = [];
  readonly flags: Flag[] = [];
  readonly caps: number[] = [];

  /** Cap of the variable region being walked: every word of a region carries it. */
  private cap = 0;

  text(text: string, flag: Flag): void {
    for (const w of tokenize(text, { bullets: false }).words) {
      this.words.push(w);
      this.flags.push(flag);
      this.caps.push(flag === VARIABLE ? this.cap : 0);
    }
  }

  region(cap: number, nodes: XmlNode[]): void {
    const outer = this.cap;
    this.cap = Math.max(outer, cap);
    this.placeholder(this.cap);
    this.walk(nodes, VARIABLE);
    this.cap = outer;
  }

  placeholder(cap: number): void {
    this.words.push(PLACEHOLDER);
    this.flags.push(VARIABLE);
    this.caps.push(cap);
  }

  walk(nodes: XmlNode[], flag: Flag): void {
    for (const node of nodes) {
      if (typeof node["#text"] === "string") {
        this.text(node["#text"], flag);
        continue;
      }
      const tag = tagOf(node);
      const kids = children(node);
      switch (tag) {
        case "bullet":
        case "notes":
        case "crossRefs":
          break;
        case "titleText":
        case "optional":
          this.walk(kids, flag === VARIABLE ? VARIABLE : OPTIONAL);
          break;
        case "copyrightText":
          this.region(COPYRIGHT_CAP, kids);
          break;
        case "alt": {
          const defaults = tokenize(textOf(kids), { bullets: false }).words.length;
          this.region(capOf(node[":@"]?.match ?? ".+", defaults), kids);
          break;
        }
        default: // p, list, item, br, and a standardLicenseHeader quoted inside the text
          this.walk(kids, flag);
      }
    }
  }
}

/**
 * Compile one SPDX licence-list XML document (a licence or an exception).
 * Returns null for deprecated entries, which the list keeps only for old ids.
 * @throws Error when the XML has no licence or exception element.
 */
export function compileTemplate(xml: string): Template | null {
  const doc = parser.parse(xml) as XmlNode[];
  const entry = [...find(doc, "license"), ...find(doc, "exception")][0];
  if (!entry) throw new Error("not an SPDX licence-list XML document: no <license> or <exception>");
  const attrs = entry[":@"] ?? {};
  if (attrs.deprecatedVersion) return null;
  const id = attrs.licenseId ?? "";
  const text = find(children(entry), "text")[0];
  if (!id || !text) throw new Error(`SPDX XML entry ${id || "(no id)"} has no <text>`);
  const b = new Builder();
  b.walk(children(text), REQUIRED);
  return {
    id,
    name: attrs.name ?? id,
    kind: tagOf(entry) === "exception" ? "exception" : "license",
    words: b.words,
    flags: b.flags,
    caps: b.caps,
  };
}
