/**
 * Compiles the licence index shipped in data/spdx/licence-index.bin from
 *  - the SPDX licence-list XML (a checkout of github.com/spdx/license-list-XML,
 *    by default ../shared/reference/spdx-license-list-xml; CC-BY-3.0), and
 *  - our own licences in data/licenses/*.xml, in the same XML format.
 * Adding a licence is adding an XML file there and running `npm run build:data`.
 *
 * Usage: node --import tsx scripts/build-licence-data.ts [SPDX_XML_CHECKOUT]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildIndex } from "../src/detect/licences/build.ts";
import { serialize } from "../src/detect/licences/index-data.ts";
import { compileTemplate, type Template } from "../src/detect/licences/template.ts";

const root = resolve(import.meta.dirname, "..");
const spdx = resolve(process.argv[2] ?? join(root, "../shared/reference/spdx-license-list-xml"));
const xmlFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".xml"))
        .sort()
        .map((f) => join(dir, f))
    : [];

const files = [
  ...xmlFiles(join(spdx, "src")),
  ...xmlFiles(join(spdx, "src/exceptions")),
  ...xmlFiles(join(root, "data/licenses")),
];
if (files.length < 100) {
  console.error(
    `found only ${files.length} licence XML files under ${spdx}: pass the path of a license-list-XML checkout`,
  );
  process.exit(2);
}
const templates: Template[] = [];
for (const file of files) {
  const t = compileTemplate(readFileSync(file, "utf8"));
  if (t) templates.push(t);
}
const commit = existsSync(join(spdx, "SOURCE-COMMIT"))
  ? readFileSync(join(spdx, "SOURCE-COMMIT"), "utf8").trim()
  : "";
const index = buildIndex(templates, {
  spdxLicenseListXml: commit,
  licence: "SPDX License List: CC-BY-3.0 (https://github.com/spdx/license-list-XML)",
});
// Shipped uncompressed: gunzip cost a tenth of tgpl's start-up, and the npm
// tarball and git compress it anyway.
const out = join(root, "data/spdx/licence-index.bin");
const blob = serialize(index);
writeFileSync(out, blob);
console.log(
  `${index.entries.length} entries (${templates.length} templates), ${index.vocab.length} words, ` +
    `${index.tokens.length} tokens, ${index.gramHashes.length} trigrams -> ${out} (${(blob.length / 1024).toFixed(0)} KiB)`,
);
