/**
 * .reuse/dep5: the Debian machine-readable copyright format 1.0 as REUSE
 * used it before REUSE.toml. Each `Files:` paragraph becomes a Match with
 * `paths` (its whitespace-separated globs) and the expression on the first
 * line of its `License:` field (later lines would be the licence text). A
 * `License:` in the header paragraph is the licence of the whole work.
 *
 * REUSE requires SPDX expressions here; Debian short names ("GPL-2+",
 * "Expat") are mapped too, lower scored, since dep5 files copied from Debian
 * packaging use them.
 */
import type { Match } from "../../types.ts";
import { type DcfField, fieldText, parseDcf } from "./dcf.ts";
import { type Found, fieldMatch, type Reader, resolveOrWarn } from "./declared.ts";

const FILE = "dep5";

export const readDep5: Reader = (text, warn, file = FILE) => {
  const paragraphs = parseDcf(text);
  const matches: Match[] = [];
  paragraphs.forEach((paragraph, i) => {
    const license = paragraph.fields.get("license");
    const files = paragraph.fields.get("files");
    if (i === 0 && !files) {
      if (!paragraph.fields.has("format")) {
        warn(
          `${file} line ${paragraph.lines[0]}: the first paragraph has no Format: field; start the file with ` +
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        );
      }
      const found = license && synopsis(license, file, warn);
      if (found) matches.push(fieldMatch(found, license.lines, "reuse"));
      return;
    }
    if (!files) return; // a stand-alone License paragraph: the text of a licence named elsewhere
    const paths = fieldText(files).split(/\s+/).filter(Boolean);
    if (!license) {
      warn(`${file} line ${files.lines[0]}: Files paragraph without a License: field; add one`);
      return;
    }
    const found = synopsis(license, file, warn);
    if (found) matches.push(fieldMatch(found, paragraph.lines, "reuse", paths));
  });
  return matches;
};

/** The licence named on a License field's first line. */
function synopsis(field: DcfField, file: string, warn: (m: string) => void): Found | undefined {
  const where = `${file} line ${field.lines[0]}: License`;
  if (field.first === "") {
    warn(`${where} names no licence on its first line; write the SPDX expression there`);
    return undefined;
  }
  return resolveOrWarn(field.first, where, warn);
}
