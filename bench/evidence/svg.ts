/**
 * A line plot as SVG, written by hand (no plotting dependency): categorical x
 * positions, a linear or log10 y axis, one polyline per series, and optional
 * horizontal reference lines.
 */

export interface Series {
  name: string;
  ys: (number | null)[];
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xs: (number | string)[];
  series: Series[];
  /** log10 axis between these powers of ten. */
  yLog?: { min: number; max: number };
  lines?: { y: number; label: string }[];
}

const COLOURS = ["#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6c4f9c", "#00798c"];
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function linePlot(spec: PlotSpec): string {
  const W = 640;
  const H = 400;
  const m = { left: 70, right: 150, top: 40, bottom: 55 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const x = (i: number) =>
    m.left + (spec.xs.length === 1 ? pw / 2 : (i * pw) / (spec.xs.length - 1));
  const all = spec.series.flatMap((s) => s.ys).filter((v): v is number => v !== null);
  const log = spec.yLog;
  const lo = log ? log.min : Math.min(0, ...all);
  const hi = log ? log.max : Math.max(1, ...all);
  const y = (v: number) => {
    const t = log ? (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo) : (v - lo) / (hi - lo);
    return m.top + ph - Math.min(1, Math.max(0, t)) * ph;
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(spec.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - m.right / 2 + m.left / 2}" y="22" text-anchor="middle" font-size="14">${esc(spec.title)}</text>`,
    `<line x1="${m.left}" y1="${m.top + ph}" x2="${m.left + pw}" y2="${m.top + ph}" stroke="#333"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + ph}" stroke="#333"/>`,
  ];
  spec.xs.forEach((v, i) => {
    out.push(
      `<line x1="${x(i)}" y1="${m.top + ph}" x2="${x(i)}" y2="${m.top + ph + 5}" stroke="#333"/>`,
    );
    out.push(
      `<text x="${x(i)}" y="${m.top + ph + 18}" text-anchor="middle">${esc(String(v))}</text>`,
    );
  });
  const ticks = log
    ? Array.from({ length: hi - lo + 1 }, (_, k) => lo + k)
        .filter((p) => (hi - lo <= 8 ? true : p % 2 === 0))
        .map((p) => [10 ** p, `1e${p}`] as const)
    : Array.from({ length: 6 }, (_, k) => lo + (k * (hi - lo)) / 5).map(
        (v) => [v, v.toFixed(2)] as const,
      );
  for (const [v, label] of ticks) {
    out.push(
      `<line x1="${m.left - 5}" y1="${y(v)}" x2="${m.left + pw}" y2="${y(v)}" stroke="#eee"/>`,
    );
    out.push(`<text x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end">${label}</text>`);
  }
  for (const l of spec.lines ?? []) {
    out.push(
      `<line x1="${m.left}" y1="${y(l.y)}" x2="${m.left + pw}" y2="${y(l.y)}" stroke="#888" stroke-dasharray="5,4"/>`,
    );
    out.push(`<text x="${m.left + pw + 4}" y="${y(l.y) + 4}" fill="#555">${esc(l.label)}</text>`);
  }
  spec.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    const pts = s.ys
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p) => p !== null);
    out.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.join(" ")}"/>`,
    );
    for (const p of pts) {
      const [px, py] = p!.split(",");
      out.push(`<circle cx="${px}" cy="${py}" r="3" fill="${colour}"/>`);
    }
    // below the reference-line labels, which sit near the top for p-values
    const ly = m.top + ph * 0.45 + k * 18;
    out.push(
      `<line x1="${W - m.right + 50}" y1="${ly - 4}" x2="${W - m.right + 70}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
    );
    out.push(`<text x="${W - m.right + 75}" y="${ly}">${esc(s.name)}</text>`);
  });
  out.push(
    `<text x="${m.left + pw / 2}" y="${H - 12}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
  );
  out.push(
    `<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  );
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
