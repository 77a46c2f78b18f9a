/** A scan's summary as text for people. The JSON form is the summary object itself. */
import type { ManifestSummary } from "../manifest/summary.node.ts";

const MB = 1024 * 1024;
const SHOWN_LICENCES = 20;

export function formatSummary(s: ManifestSummary, elapsedMs: number, note = ""): string {
  const lines: string[] = [];
  const seconds = (elapsedMs / 1000).toFixed(1);
  lines.push(
    `${s.state === "done" ? "Scanned" : "Scanned so far"} ${s.files} files (${(s.bytes / MB).toFixed(1)} MB, ${s.contents} distinct contents) into ${s.manifest} in ${seconds} s${note}`,
  );
  const width = Math.min(
    40,
    Math.max(12, ...s.licences.slice(0, SHOWN_LICENCES).map((l) => l.licence.length)),
  );
  if (s.licences.length > 0 || s.unknown > 0) lines.push("Licences:");
  for (const l of s.licences.slice(0, SHOWN_LICENCES))
    lines.push(`  ${l.licence.padEnd(width)} ${String(l.files).padStart(8)}`);
  if (s.licences.length > SHOWN_LICENCES)
    lines.push(
      `  ... ${s.licences.length - SHOWN_LICENCES} more expressions (--json lists them all)`,
    );
  if (s.unknown > 0) lines.push(`  ${"(unknown)".padEnd(width)} ${String(s.unknown).padStart(8)}`);
  const src = s.licenceSources;
  lines.push(
    `Licence from: own ${src.own ?? 0}, inherited ${src.inherited ?? 0}, dataset ${src.dataset ?? 0}, none ${src.none ?? 0}`,
  );
  const skipped = Object.entries(s.skipped)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  lines.push(
    `Marked: ${s.marks.binary} binary, ${s.marks.generated} generated, ${s.marks.vendored} vendored${skipped ? `; not read as text: ${skipped}` : ""}`,
  );
  lines.push(
    s.errorCount === 0
      ? "Errors: none"
      : `Errors: ${s.errorCount} (${s.errors.map((e) => `${e.files} ${e.code}`).join(", ")}); they are rows in the manifest, with messages`,
  );
  if (s.merkleRoot) lines.push(`Merkle root: ${s.merkleRoot}`);
  return lines.join("\n");
}
