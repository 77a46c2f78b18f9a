/** Detections as text for people. JSON output is the Detection itself. */
import type { Detection } from "../detect/types.ts";

export function formatDetection(d: Detection): string {
  if (d.error) return `${d.path}: error: ${d.error.message}`;
  if (d.skipped) return `${d.path}: skipped (${d.skipped})`;
  const lines = [`${d.path}: ${d.expression ?? "no licence found"}`];
  for (const m of d.matches) {
    const where =
      m.lines[0] === m.lines[1] ? `line ${m.lines[0]}` : `lines ${m.lines[0]}-${m.lines[1]}`;
    const paths = m.paths ? ` for ${m.paths.join(", ")}` : "";
    lines.push(`  ${m.spdx}  ${m.matcher} ${m.score.toFixed(2)} ${where}${paths}`);
  }
  for (const w of d.warnings ?? []) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}
