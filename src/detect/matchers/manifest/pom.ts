/**
 * Maven's pom.xml (and *.pom in repositories): `/project/licenses/license`
 * with `<name>` and `<url>`, names and URLs mapped to SPDX.
 *
 * Several `<license>` elements are ORed: the POM reference says "If multiple
 * licenses are listed, it is assumed that the user can select any of them,
 * not that they must accept all" (maven-model, `project.licenses`), and real
 * POMs use it so (JNA: LGPL-2.1-or-later and Apache-2.0; Jakarta EE: EPL-2.0
 * and GPL-2.0 with the Classpath exception).
 *
 * The XML is read by a small scanner, not a DOM parser: it keeps line numbers,
 * never expands DOCTYPE entities (no external entities, no billion laughs),
 * and ignores `<licenses>` elsewhere, e.g. in a plugin's configuration.
 */
import { LineIndex } from "../../lines.ts";
import { type Found, fieldMatch, joinResolved, type Reader, resolveDeclared } from "./declared.ts";
import { lookupName, lookupUrl } from "./names.ts";

interface PomLicence {
  name?: string;
  url?: string;
  lines: [number, number];
}

const NAME = /<(\/?)([A-Za-z_][\w.:-]*)/y;

/** Offset of the `>` that ends the markup opening at `from`, past quoted values and a DOCTYPE's [subset]. */
function markupEnd(text: string, from: number): number {
  let quote: string | undefined;
  let subset = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") subset = true;
    else if (c === "]") subset = false;
    else if (c === ">" && !subset) return j;
  }
  return -1;
}

/**
 * The `/project/licenses/license` elements, or a message that says why the
 * XML could not be read. One forward pass with indexOf, so time is linear
 * even in a hostile file (unclosed comments, endless DOCTYPEs).
 */
export function pomLicences(text: string): { licences: PomLicence[]; error?: string } {
  const index = new LineIndex(text);
  const stack: string[] = [];
  const licences: PomLicence[] = [];
  const fail = (at: number, what: string) => ({
    licences,
    error: `line ${index.lineOf(at)}: ${what}`,
  });
  let current: PomLicence | undefined;
  let field: "name" | "url" | undefined;
  let buffer = "";
  let i = 0;
  for (;;) {
    const lt = text.indexOf("<", i);
    if (field) buffer += text.slice(i, lt === -1 ? text.length : lt);
    if (lt === -1) break;
    const skipTo = (close: string, open: number) => text.indexOf(close, lt + open);
    if (text.startsWith("<!--", lt)) {
      const end = skipTo("-->", 4);
      if (end === -1) return fail(lt, "a comment is never closed");
      i = end + 3;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      const end = skipTo("]]>", 9);
      if (end === -1) return fail(lt, "a CDATA section is never closed");
      if (field) buffer += text.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (text.startsWith("<?", lt)) {
      const end = skipTo("?>", 2);
      if (end === -1) return fail(lt, "a processing instruction is never closed");
      i = end + 2;
      continue;
    }
    if (text.startsWith("<!", lt)) {
      // DOCTYPE and its entity declarations are skipped, never expanded.
      const end = markupEnd(text, lt + 2);
      if (end === -1) return fail(lt, "a declaration is never closed");
      i = end + 1;
      continue;
    }
    NAME.lastIndex = lt;
    const m = NAME.exec(text);
    if (!m) return fail(lt, 'a "<" that starts no tag (write &lt; in text)');
    const end = markupEnd(text, lt + m[0].length);
    if (end === -1) return fail(lt, `<${m[2]}> is never closed`);
    i = end + 1;
    const tag = m[2]!;
    const local = tag.replace(/^.*:/, "");
    if (m[1] === "/") {
      const open = stack.pop();
      if (open !== local) return fail(lt, `</${tag}> closes <${open ?? "nothing"}>`);
      if (field && stack.length === 3) {
        current![field] = decodeEntities(buffer).trim();
        field = undefined;
      } else if (current && stack.length === 2 && local === "license") {
        current.lines[1] = index.lineOf(lt);
        licences.push(current);
        current = undefined;
      }
      continue;
    }
    if (text[end - 1] === "/") continue; // <empty/>
    stack.push(local);
    // Only the first four levels matter; joining deeper stacks would cost quadratic time.
    const path = stack.length <= 4 ? stack.join("/") : "";
    if (path === "project/licenses/license") {
      current = { lines: [index.lineOf(lt), index.lineOf(lt)] };
    } else if (current && /^project\/licenses\/license\/(name|url)$/.test(path)) {
      field = local as "name" | "url";
      buffer = "";
    }
  }
  if (stack.length > 0) return { licences, error: `<${stack.at(-1)}> is never closed` };
  return { licences };
}

/** The five predefined entities and character references; anything else stays as written. */
function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e] ?? whole;
  });
}

export const readPom: Reader = (text, warn, file = "pom.xml") => {
  const { licences, error } = pomLicences(text);
  if (error) {
    warn(`${file} is not well-formed XML (${error}); fix it to have its licence read`);
    return [];
  }
  const found: Found[] = [];
  for (const licence of licences) {
    const one = resolveLicence(licence);
    if (one) found.push(one);
    else {
      const said = [licence.name && `name "${licence.name}"`, licence.url && `url "${licence.url}"`]
        .filter(Boolean)
        .join(" and ");
      warn(
        `${file} line ${licence.lines[0]}: <license> with ${said || "no name or url"} names no licence ` +
          "tgpl can map to SPDX; write the SPDX id as its <name> (Maven recommends it)",
      );
    }
  }
  if (found.length === 0) return [];
  const joined = joinResolved(found, "OR", 1);
  if (!joined) return [];
  const first = licences[0]!.lines[0];
  const lastLine = licences.at(-1)!.lines[1];
  return [fieldMatch(joined, [first, lastLine])];
};

/** A `<license>` by its name (SPDX id or known name), else by its URL. */
function resolveLicence(licence: PomLicence): Found | undefined {
  if (licence.name) {
    const declared = resolveDeclared(licence.name);
    if (declared.ok) return declared;
  }
  if (licence.url) {
    const byUrl = lookupUrl(licence.url);
    if (byUrl.ok) return byUrl;
  }
  if (licence.name) {
    const byName = lookupName(licence.name);
    if (byName.ok) return byName;
  }
  return undefined;
}
