/** The BENCHMARKS.md section of `npm run bench:lineage`, merged in without touching other sections. */

export const HEADING = "## Lineage (`npm run bench:lineage`)";
export const START = "<!-- bench:lineage:start -->";
export const END = "<!-- bench:lineage:end -->";

/** Put the section into BENCHMARKS.md's text, replacing an earlier run's and keeping every other section. */
export function mergeSection(existing: string | null, body: string): string {
  const section = `${HEADING}\n\n${START}\n${body.trim()}\n${END}`;
  if (!existing) {
    return `# Benchmarks\n\nEach section: what was measured, on which machine, with which command and when.\n\n${section}\n`;
  }
  const start = existing.indexOf(HEADING);
  const end = existing.indexOf(END);
  if (start >= 0 && end > start)
    return existing.slice(0, start) + section + existing.slice(end + END.length);
  return `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
}
