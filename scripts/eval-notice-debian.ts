/**
 * Dev script: how well the notice matcher names the licence of the `License:`
 * paragraphs in this machine's Debian copyright files, against their Debian
 * short names. Not part of the product; reads /usr/share/doc at dev time only.
 *
 *   node --import tsx scripts/eval-notice-debian.ts            per-short-name table
 *   ... --all          also License fields with a body inside Files paragraphs
 *   ... --show NAME    print the paragraphs of one short name that are not exact
 *   ... --with-text    the notice and full-text matchers together
 *   ... --write-fixtures   refresh src/detect/matchers/notice/fixtures/debian/
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { combine } from "../src/detect/combine.ts";
import {
  canonical,
  canonicalLicenseId,
  format,
  parseExpression,
} from "../src/detect/expression.ts";
import { detectText } from "../src/detect/detect.ts";
import { noticeMatcher } from "../src/detect/matchers/notice.ts";
import { textMatcher } from "../src/detect/matchers/text.ts";

interface Paragraph {
  pkg: string;
  short: string;
  standalone: boolean;
  body: string;
}

/** DEP-5 paragraphs with a `License:` field that has a body (continuation lines). */
function paragraphs(): Paragraph[] {
  const out: Paragraph[] = [];
  for (const pkg of readdirSync("/usr/share/doc").sort()) {
    let text: string;
    try {
      text = readFileSync(`/usr/share/doc/${pkg}/copyright`, "utf8");
    } catch {
      continue;
    }
    if (!/^Format(-Specification)?:/i.test(text)) continue;
    for (const para of text.split(/\n[ \t]*\n/)) {
      const fields: { name: string; value: string; body: string[] }[] = [];
      for (const line of para.split("\n")) {
        if (line.startsWith("#")) continue;
        const field = /^([A-Za-z][\w-]*):(.*)$/.exec(line);
        if (field)
          fields.push({ name: field[1]!.toLowerCase(), value: field[2]!.trim(), body: [] });
        else if (/^[ \t]/.test(line) && fields.length > 0) fields.at(-1)!.body.push(line);
      }
      const licence = fields.find((f) => f.name === "license");
      if (!licence || licence.body.length === 0 || !licence.value) continue;
      const names = fields.map((f) => f.name);
      out.push({
        pkg,
        short: licence.value,
        standalone: !names.includes("files") && !names.includes("format"),
        body: licence.body.map((l) => (/^[ \t]\.[ \t]*$/.test(l) ? "" : l.slice(1))).join("\n"),
      });
    }
  }
  return out;
}

/** Debian exception names to SPDX exception ids; the version of a family is not told apart. */
const EXCEPTIONS: Record<string, string> = {
  autoconf: "Autoconf-exception-*",
  "autoconf-data": "Autoconf-exception-*",
  bison: "Bison-exception-*",
  libtool: "Libtool-exception",
  "linux-syscall-note": "Linux-syscall-note",
  llvm: "LLVM-exception",
  classpath: "Classpath-exception-2.0",
  gcc: "GCC-exception-*",
  font: "Font-exception-2.0",
};

/** One Debian short name (no "or"/"and") as an SPDX expression, or null when it has none. */
function debianPart(raw: string): string | null {
  let name = raw.trim();
  let exception: string | undefined;
  const withX = /^(.+?)[\s_-]+with[\s_-]+(.+?)[\s_-]+exceptions?$/i.exec(name);
  const glued = /^(.+?\+?)-(autoconf|bison|llvm)-exceptions?$/i.exec(name);
  if (withX) {
    name = withX[1]!;
    exception = EXCEPTIONS[withX[2]!.toLowerCase()];
    if (!exception) return null;
  } else if (glued) {
    name = glued[1]!;
    exception = EXCEPTIONS[glued[2]!.toLowerCase()];
  }
  const base = debianLicence(name);
  if (!base) return null;
  return exception ? `${base} WITH ${exception}` : base;
}

function debianLicence(name: string): string | null {
  const gnu = /^(A|L)?GPL[-_ ]?v?(\d(?:\.\d)?)?(\.0)?(\+)?$/i.exec(name);
  if (gnu) {
    const family = `${(gnu[1] ?? "").toUpperCase()}GPL`;
    const version = gnu[2];
    if (!version) {
      const first = { GPL: "GPL-1.0", LGPL: "LGPL-2.0", AGPL: "AGPL-3.0" }[family];
      return `${first}-or-later`;
    }
    const v = version.includes(".") ? version : `${version}.0`;
    return `${family}-${v}-${gnu[4] ? "or-later" : "only"}`;
  }
  const fdl = /^GFDL(-NIV)?-?(1\.[123])?(\+)?$/i.exec(name);
  if (fdl) {
    const v = fdl[2] ?? "1.1";
    return `GFDL-${v}${fdl[1] ? "-no-invariants" : ""}-${fdl[3] || !fdl[2] ? "or-later" : "only"}`;
  }
  const fixed: Record<string, string> = {
    expat: "MIT",
    mit: "MIT",
    apache: "Apache-2.0",
    "apache-2": "Apache-2.0",
    artistic: "Artistic-1.0-Perl",
    "artistic-2": "Artistic-2.0",
    "public-domain": "LicenseRef-public-domain",
    "public domain": "LicenseRef-public-domain",
    pd: "LicenseRef-public-domain",
    cc0: "CC0-1.0",
    bsl: "BSL-1.0",
    python: "PSF-2.0",
    "bsd-2-clause": "BSD-2-Clause",
    "bsd-3-clause": "BSD-3-Clause",
    "bsd-4-clause": "BSD-4-Clause",
    zlib: "Zlib",
  };
  const f = fixed[name.toLowerCase()];
  if (f) return f;
  return canonicalLicenseId(name) ?? null;
}

/** A Debian short name ("GPL-2+ or Artistic") as an SPDX expression, or null. */
export function debianToSpdx(short: string): string | null {
  const alternatives = short.split(/\s+or\s+|\s*\|\s*/i);
  const parts: string[] = [];
  for (const alt of alternatives) {
    const all = alt.split(/\s+and\s+|\s*,\s*/i).map(debianPart);
    if (all.some((p) => p === null)) return null;
    parts.push(all.length > 1 ? `(${all.join(" AND ")})` : all[0]!);
  }
  return parts.join(" OR ");
}

/** An expression with the operands of AND and OR sorted, and exception versions blurred. */
function comparable(expression: string | null): string {
  if (!expression) return "(none)";
  const blurred = expression
    .replace(/Autoconf-exception-[\w.*-]+/g, "Autoconf-exception-generic")
    .replace(/Bison-exception-[\d.*]+/g, "Bison-exception-2.2")
    .replace(/GCC-exception-[\d.*]+/g, "GCC-exception-3.1");
  const parsed = parseExpression(blurred);
  if (!parsed.ok) return expression;
  return format(canonical(parsed.value));
}

export function detectNotice(body: string): string | null {
  return combine(noticeMatcher({ path: "copyright", text: body }, { warn() {} }));
}

/** The notice and full-text matchers together, as `tgpl detect` runs them on prose. */
function detectWithText(body: string): string | null {
  return detectText("copyright", body, [noticeMatcher, textMatcher]).expression;
}

function main(): void {
  const args = process.argv.slice(2);
  const all = args.includes("--all");
  const show = args.includes("--show") ? args[args.indexOf("--show") + 1] : undefined;
  const detect = args.includes("--with-text") ? detectWithText : detectNotice;
  const items = paragraphs().filter((p) => all || p.standalone);
  type Row = {
    n: number;
    exact: number;
    wrong: number;
    none: number;
    unique: number;
    uniqueExact: number;
  };
  const rows = new Map<string, Row>();
  const seen = new Set<string>();
  let mapped = 0;
  let exact = 0;
  let uniqueMapped = 0;
  let uniqueExact = 0;
  const unmapped = new Map<string, number>();
  for (const p of items) {
    const expected = debianToSpdx(p.short);
    if (!expected) {
      unmapped.set(p.short, (unmapped.get(p.short) ?? 0) + 1);
      continue;
    }
    const got = detect(p.body);
    const ok = comparable(got) === comparable(expected);
    const key = `${expected}`;
    const row = rows.get(key) ?? { n: 0, exact: 0, wrong: 0, none: 0, unique: 0, uniqueExact: 0 };
    row.n++;
    mapped++;
    if (ok) {
      row.exact++;
      exact++;
    } else if (got) row.wrong++;
    else row.none++;
    const fresh = !seen.has(p.body);
    seen.add(p.body);
    if (fresh) {
      row.unique++;
      uniqueMapped++;
      if (ok) {
        row.uniqueExact++;
        uniqueExact++;
      }
    }
    rows.set(key, row);
    if (show && !ok && fresh && (p.short === show || expected === show)) {
      console.log(`=== ${p.pkg} :: ${p.short} → expected ${expected}, got ${got}\n${p.body}\n`);
    }
  }
  if (args.includes("--write-fixtures")) {
    writeFixtures(items);
    return;
  }
  if (show) return;
  const pct = (a: number, b: number) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`);
  console.log(
    "expected SPDX                                   n  exact  wrong  none | unique exact",
  );
  for (const [key, r] of [...rows].sort((a, b) => b[1].n - a[1].n)) {
    console.log(
      `${key.padEnd(44)} ${String(r.n).padStart(4)} ${pct(r.exact, r.n).padStart(6)} ${String(r.wrong).padStart(6)} ${String(r.none).padStart(5)} | ${String(r.unique).padStart(5)} ${pct(r.uniqueExact, r.unique).padStart(6)}`,
    );
  }
  console.log(
    `\nparagraphs ${items.length}, with an SPDX mapping ${mapped}: exact ${exact} (${pct(exact, mapped)}); distinct bodies ${uniqueMapped}: exact ${uniqueExact} (${pct(uniqueExact, uniqueMapped)})`,
  );
  let nMapped = 0;
  let nExact = 0;
  for (const [key, r] of rows) {
    if (!NOTICE_FAMILIES.test(key)) continue;
    nMapped += r.n;
    nExact += r.exact;
  }
  console.log(
    `licences stated by notice (GNU, Apache, MPL, Artistic, CC, public domain...): ${nExact}/${nMapped} exact (${pct(nExact, nMapped)})`,
  );
  const top = [...unmapped].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log(
    `no SPDX mapping (${[...unmapped.values()].reduce((a, b) => a + b, 0)}): ${top.map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
}

/** Licences Debian paragraphs state by notice; the others are full texts (the text matcher's). */
const NOTICE_FAMILIES =
  /^(?:A?L?GPL|GFDL|Apache|MPL|Artistic|CC0|CC-BY|LicenseRef-public-domain|Unlicense|PSF|AFL|EPL|BSL)-?/;

/**
 * A fixed, diverse sample of notice-sized paragraphs: for each expected
 * licence, up to three distinct bodies from different packages, in an order set
 * by a hash of the body. Chosen without looking at what the matcher says, so
 * the test measures it honestly; full permissive texts (the text matcher's) and
 * long bodies are left out.
 */
function writeFixtures(items: Paragraph[]): void {
  const dir = join(import.meta.dirname, "../src/detect/matchers/notice/fixtures/debian");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const byExpected = new Map<string, Paragraph[]>();
  const seen = new Set<string>();
  const fullText =
    /Permission is hereby granted|Redistribution and use in source and binary|Permission to use, copy, modify|TERMS AND CONDITIONS|^\s*Preamble\b|^\s*1\. Definitions/im;
  for (const p of items) {
    const expected = debianToSpdx(p.short);
    if (!expected || !NOTICE_FAMILIES.test(expected)) continue;
    if (seen.has(p.body) || p.body.length > 1800 || fullText.test(p.body)) continue;
    seen.add(p.body);
    byExpected.set(expected, [...(byExpected.get(expected) ?? []), p]);
  }
  const hash = (s: string) => createHash("sha256").update(s).digest("hex");
  const index: { file: string; package: string; debian: string; expected: string }[] = [];
  for (const [expected, list] of [...byExpected].sort()) {
    const packages = new Set<string>();
    for (const p of list.sort((a, b) => (hash(a.body) < hash(b.body) ? -1 : 1))) {
      if (packages.has(p.pkg) || packages.size >= 3) continue;
      packages.add(p.pkg);
      const file = `${p.pkg}--${p.short.replace(/[^\w.+-]+/g, "_")}.txt`;
      writeFileSync(join(dir, file), `${p.body}\n`);
      index.push({ file, package: p.pkg, debian: p.short, expected });
    }
  }
  writeFileSync(join(dir, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`wrote ${index.length} fixtures to ${dir}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
