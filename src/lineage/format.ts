/** A lineage for people (text) and for graph tools (Graphviz DOT, Mermaid). Sorted, so output is reproducible. */
import type { LineageNode, LineageResult } from "./graph.ts";

const mark = (n: LineageNode) => (n.open ? "open" : n.breaks ? "BREAKS" : n.verdict);

export function lineageText(r: LineageResult, options: { quiet?: boolean } = {}): string {
  const parents = new Map<string, string[]>();
  for (const e of r.edges)
    parents.set(e.child, [...(parents.get(e.child) ?? []), `${e.parent} (${e.relation})`]);
  const out: string[] = [];
  for (const n of r.nodes) {
    const problems = n.findings.filter(
      (f) => f.severity === "error" || f.severity === "unknown" || f.severity === "warning",
    );
    if (options.quiet && !n.breaks && !n.open && problems.length === 0) continue;
    out.push(`${n.id}  ${n.licence ?? "(no licence)"}  ${mark(n)}`);
    const ps = parents.get(n.id);
    if (ps) out.push(`  from: ${ps.join(", ")}`);
    if (n.owes.length > 0) out.push(`  owes: ${n.owes.join(", ")}`);
    if (n.weights?.only)
      out.push(
        `  weights must be under: ${n.weights.only.join(" or ") || "(nothing can satisfy every ancestor)"}`,
      );
    for (const inc of n.weights?.includes ?? [])
      out.push(`  weights licence must carry: ${inc.join(" or ")}`);
    for (const f of problems) out.push(`  ${f.severity} ${f.code}: ${f.message}`);
  }
  const s = r.summary;
  out.push(
    `${s.models} models (${s.open} open): ${s.compliant} compliant, ${s.violations} with violations, ${s.conflict} in conflict, ${s.unknown} unknown; ${s.breaks} break what they inherit; ${s.cycles} cycles. Interpretation: ${r.interpretation}.`,
  );
  return `${out.join("\n")}\n`;
}

const dotString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function lineageDot(r: LineageResult): string {
  const out = [
    "digraph lineage {",
    "  rankdir=BT;",
    '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
  ];
  for (const n of r.nodes) {
    const attrs = [`label=${dotString(`${n.id}\n${n.licence ?? "(no licence)"}\n${mark(n)}`)}`];
    if (n.open) attrs.push('style="rounded,dashed"');
    else if (n.breaks) attrs.push('fillcolor="#f8d0d0"', 'color="#c00000"');
    else if (n.verdict === "unknown") attrs.push('fillcolor="#fff2cc"');
    else if (n.verdict === "compliant") attrs.push('fillcolor="#d9ead3"');
    out.push(`  ${dotString(n.id)} [${attrs.join(", ")}];`);
  }
  for (const e of r.edges)
    out.push(`  ${dotString(e.child)} -> ${dotString(e.parent)} [label=${dotString(e.relation)}];`);
  out.push("}");
  return `${out.join("\n")}\n`;
}

const mermaidLabel = (s: string) => s.replace(/"/g, "#quot;").replace(/\n/g, "<br/>");

export function lineageMermaid(r: LineageResult): string {
  const ids = new Map<string, string>();
  for (const [i, n] of r.nodes.entries()) ids.set(n.id, `m${i}`);
  const out = ["graph BT"];
  for (const n of r.nodes) {
    const label = mermaidLabel(`${n.id}\n${n.licence ?? "(no licence)"}\n${mark(n)}`);
    out.push(`  ${ids.get(n.id)}["${label}"]`);
  }
  for (const e of r.edges) {
    const c = ids.get(e.child);
    const p = ids.get(e.parent);
    if (c && p) out.push(`  ${c} -->|${e.relation}| ${p}`);
  }
  out.push(
    "  classDef breaks fill:#f8d0d0,stroke:#c00000;",
    "  classDef open stroke-dasharray: 5 5;",
    "  classDef unknown fill:#fff2cc;",
    "  classDef compliant fill:#d9ead3;",
  );
  const by = (f: (n: LineageNode) => boolean) => r.nodes.filter(f).map((n) => ids.get(n.id));
  for (const [cls, pick] of [
    ["breaks", (n: LineageNode) => n.breaks],
    ["open", (n: LineageNode) => n.open],
    ["unknown", (n: LineageNode) => !n.open && !n.breaks && n.verdict === "unknown"],
    ["compliant", (n: LineageNode) => n.verdict === "compliant"],
  ] as const) {
    const list = by(pick);
    if (list.length > 0) out.push(`  class ${list.join(",")} ${cls};`);
  }
  return `${out.join("\n")}\n`;
}
