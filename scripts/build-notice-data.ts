/**
 * Dev script: derive test data for the notice matcher from the SPDX License
 * List XML (CC-BY-3.0, https://spdx.org/licenses/): each licence's
 * <standardLicenseHeader>, the notice its authors ask people to put in files,
 * written out as plain text with the placeholders filled in.
 *
 *   node --import tsx scripts/build-notice-data.ts [path/to/spdx-license-list-xml/src]
 *
 * Writes src/detect/matchers/notice/fixtures/spdx-headers.json. The project
 * never reads the SPDX XML at run time.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";

const source = process.argv[2] ?? "/work/shared/reference/spdx-license-list-xml/src";
const out = join(import.meta.dirname, "../src/detect/matchers/notice/fixtures/spdx-headers.json");

/** Sample values for the template's variable parts, as a real file would have them. */
const FILL: Record<string, string> = {
  copyright: "2021 Jane Doe",
  description: "frobnicate - turns widgets into gadgets",
  freeSoftwareFoundationAddress: "51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA",
};

type Node = Record<string, unknown> | string | Node[];

/** Line and paragraph breaks of the markup; the XML's own line wrapping means nothing. */
const LINE = "\u0001";
const PARAGRAPH = "\u0002";

/** Plain text of an XML element: <p> and <br/> become line breaks, <alt> its sample. */
function text(node: Node, name = ""): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map((n) => text(n, name)).join("");
  let s = "";
  for (const [key, value] of Object.entries(node)) {
    if (key === ":@") continue;
    if (key === "#text") s += String(value);
    else if (key === "br") s += LINE;
    else if (key === "p") s += `${text(value as Node, key)}${PARAGRAPH}`;
    else if (key === "alt") {
      const attrs = (node[":@"] ?? {}) as Record<string, string>;
      s += FILL[attrs["@_name"] ?? ""] ?? text(value as Node, key);
    } else s += text(value as Node, key);
  }
  return s;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  trimValues: false,
});

const headers: { id: string; header: string }[] = [];
for (const file of readdirSync(source).sort()) {
  if (!file.endsWith(".xml")) continue;
  const xml = readFileSync(join(source, file), "utf8");
  const at = xml.indexOf("<standardLicenseHeader");
  if (at === -1) continue;
  const element = xml.slice(at, xml.indexOf("</standardLicenseHeader>", at) + 24);
  const tree = parser.parse(element) as Node;
  const header = text(tree)
    .replace(/\s+/g, " ")
    .replace(/ ?\u0001 ?/g, "\n")
    .replace(/ ?\u0002 ?/g, "\n\n")
    .trim();
  if (header) headers.push({ id: file.replace(/\.xml$/, ""), header });
}
writeFileSync(
  out,
  `${JSON.stringify(
    {
      $comment:
        "Standard licence headers from the SPDX License List XML (CC-BY-3.0, https://spdx.org/licenses/), placeholders filled; made by scripts/build-notice-data.ts.",
      headers,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${headers.length} headers to ${out}`);
