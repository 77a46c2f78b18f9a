/** Heritage results for people: the models, the related pairs, the tree drawn with indentation, the check against cards. */
import type { AgainstResult } from "./against.ts";
import type { AdapterSummary, HeritageResult } from "./heritage.ts";

const adapterLine = (a: AdapterSummary) =>
  `adapter rank ${a.rank}, declared base ${a.base ?? "(none)"}, fits ${a.fits.length > 0 ? a.fits.join(", ") : "none of the given models"}`;

const n = (x: number) => x.toLocaleString("en-US");
const f3 = (x: number | null) => (x === null ? "-" : x.toFixed(3));

export function heritageText(r: HeritageResult, a?: AgainstResult): string {
  const out: string[] = ["models"];
  for (const m of [...r.models, ...r.adapters]) {
    const types = Object.entries(m.stored)
      .map(([t, v]) => `${t} ${n(v)}`)
      .join(", ");
    const extra = m.format === "peft" ? adapterLine(m as AdapterSummary) : types;
    out.push(`  ${m.id}  ${m.format}  ${extra}`);
    if (m.unreadable.tensors > 0)
      out.push(
        `    ${m.unreadable.tensors} tensors (${m.unreadable.types.join(", ")}) compared by metadata only: their blocks are not decoded`,
      );
    for (const note of m.notes) out.push(`    note: ${note}`);
  }

  out.push("pairs");
  let quiet = 0;
  for (const p of r.pairs) {
    if (p.related.verdict === "unrelated" && p.related.confidence === "certain") {
      quiet++;
      continue;
    }
    const dir = p.direction.parent
      ? `; parent ${p.direction.parent} (${p.direction.method}, ${p.direction.confidence})`
      : p.related.verdict === "related"
        ? "; direction undecided"
        : "";
    out.push(
      `  ${p.a} ~ ${p.b}: ${p.related.verdict} (${p.related.confidence})${p.relation ? `, ${p.relation}${p.rank !== null && p.relation === "adapter" ? ` rank ${p.rank}` : ""}` : ""}, relL2 ${f3(p.relL2)}, cos ${f3(p.cosine)}${dir}`,
    );
    if (p.comparable !== "full") out.push(`    ${p.related.why}`);
  }
  if (quiet > 0) out.push(`  (${quiet} pairs clearly unrelated)`);

  out.push("tree");
  const children = new Map<string, typeof r.tree.edges>();
  for (const e of r.tree.edges) children.set(e.parent, [...(children.get(e.parent) ?? []), e]);
  const drawn = new Set<string>();
  const draw = (id: string, depth: number) => {
    for (const e of children.get(id) ?? []) {
      const again = drawn.has(e.child);
      out.push(
        `${"  ".repeat(depth + 1)}└ ${e.child}  ${e.relation}  [related ${e.related}, direction ${e.direction}${e.directionFrom !== "none" ? ` by ${e.directionFrom}` : ""}]${again ? " (second parent)" : ""}`,
      );
      if (again) continue;
      drawn.add(e.child);
      draw(e.child, depth + 1);
    }
  };
  for (const fam of r.tree.families) {
    out.push(`  ${fam.root}${fam.members.length === 1 ? "  (related to none of the others)" : ""}`);
    drawn.add(fam.root);
    draw(fam.root, 1);
  }
  for (const note of r.tree.notes) out.push(`  note: ${note}`);

  if (a) {
    out.push(`against the declared lineage (interpretation: ${a.interpretation})`);
    for (const i of a.items) {
      out.push(`  ${i.kind.toUpperCase()} ${i.parent} → ${i.child}: ${i.message}`);
      if (i.passesDown?.findings.length)
        for (const f of i.passesDown.findings.slice(0, 4))
          out.push(`    ${f.severity} ${f.code}: ${f.message}`);
    }
    const s = a.summary;
    out.push(
      `  ${s["undeclared-parent"]} undeclared parents, ${s["undeclared-relation"]} undeclared relations, ${s.reversed} reversed, ${s.contradicted} contradicted, ${s.indirect} indirect, ${s.confirmed} confirmed, ${s["not-checked"]} not checked`,
    );
  }
  return `${out.join("\n")}\n`;
}
