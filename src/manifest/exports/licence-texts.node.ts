/** The TGPL's text as shipped with the package, for the documents that carry it. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let text: string | undefined;

/**
 * The plain text of the TGPL 1.0 (licenses/TGPL-1.0.txt, part of every install).
 * @throws Error when the package is incomplete
 */
export function tgplText(): string {
  text ??= readFileSync(
    fileURLToPath(new URL("../../../licenses/TGPL-1.0.txt", import.meta.url)),
    "utf8",
  );
  return text;
}
