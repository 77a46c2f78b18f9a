/**
 * Debian copyright-format short names → SPDX expressions, for the labels of
 * the Debian corpus. Names that do not say which licence text they mean
 * (`GPL` without a version, `BSD`, `permissive`, `public-domain`, local names)
 * map to null: those paragraphs are counted and left out, never guessed.
 */
import { normalizeExpression } from "../../src/detect/expression.ts";

/** Debian names that are not SPDX ids, or mean something else than the same SPDX id. */
const DEBIAN_TO_SPDX: Record<string, string> = {
  expat: "MIT",
  mit: "MIT",
  "bsd-2-clause": "BSD-2-Clause",
  "bsd-3-clause": "BSD-3-Clause",
  "bsd-4-clause": "BSD-4-Clause",
  "apache-2": "Apache-2.0",
  // Debian's `Artistic` is the Artistic licence that ships with Perl
  // (/usr/share/common-licenses/Artistic), which SPDX calls Artistic-1.0-Perl.
  artistic: "Artistic-1.0-Perl",
  "artistic-1": "Artistic-1.0-Perl",
  "artistic-2": "Artistic-2.0",
  // licensecheck's name for the one WTFPL text there is (its version 2).
  "wtfpl-2": "WTFPL",
  perl: "Artistic-1.0-Perl OR GPL-1.0-or-later",
  cc0: "CC0-1.0",
  zlib: "Zlib",
  "openldap-2.8": "OLDAP-2.8",
  "psf-2": "PSF-2.0",
  "mpl-1.1": "MPL-1.1",
  "mpl-2": "MPL-2.0",
  "sil-ofl-1.1": "OFL-1.1",
  "ofl-1.1": "OFL-1.1",
  "unicode-dfs-2016": "Unicode-DFS-2016",
  "boost-1.0": "BSL-1.0",
  "bsl-1": "BSL-1.0",
  "gfdl-niv-1.2": "GFDL-1.2-no-invariants-only",
  "gfdl-niv-1.2+": "GFDL-1.2-no-invariants-or-later",
  "gfdl-niv-1.3": "GFDL-1.3-no-invariants-only",
  "gfdl-niv-1.3+": "GFDL-1.3-no-invariants-or-later",
};

/**
 * Debian `X with Y exception` → SPDX exception id. Only exceptions whose
 * Debian name points at one SPDX text are listed. Left out on purpose:
 * `Autoconf exception` (Debian uses it for Autoconf-exception-2.0/3.0 and for
 * the different Autoconf-exception-generic wording), `Bison exception` under
 * GPL-2 (1.24 or 2.2), `OpenSSL exception` (worded anew by each project).
 */
const EXCEPTIONS: Record<string, string> = {
  "bison-3": "Bison-exception-2.2",
  libtool: "Libtool-exception",
  classpath: "Classpath-exception-2.0",
  font: "Font-exception-2.0",
  llvm: "LLVM-exception",
  "linux-syscall-note": "Linux-syscall-note",
};

/**
 * Debian labels that DEP-5 leaves ambiguous and whose texts in practice are
 * more than one SPDX licence: `MIT` is not a DEP-5 short name (Expat is), and
 * maintainers use it for both the Expat and the X11 text.
 */
const AMBIGUOUS: Record<string, string[]> = {
  mit: ["MIT", "X11"],
};

/** Every SPDX expression that counts as exact for a Debian short name (the first is the label). */
export function debianAccepted(name: string): string[] {
  const spdx = debianToSpdx(name);
  if (!spdx) return [];
  return AMBIGUOUS[name.trim().toLowerCase()] ?? [spdx];
}

/** `GPL-2`, `GPL-2+`, `LGPL-2.1+`, `GPLv3+`, `AGPL-3`, `GFDL-1.3+` → SPDX id. */
function gnu(name: string): string | null {
  const m = /^(a?gpl|lgpl|gfdl)[-v]?(\d(?:\.\d)?)(\.0)?(\+)?$/i.exec(name);
  if (!m) return null;
  const family = m[1]!.toUpperCase();
  const major = m[2]!;
  const version = major.includes(".") ? major : `${major}.0`;
  return `${family}-${version}-${m[4] ? "or-later" : "only"}`;
}

function single(name: string): string | null {
  const key = name.trim().toLowerCase();
  if (key === "") return null;
  const fixed = DEBIAN_TO_SPDX[key];
  if (fixed) return fixed;
  const withException = /^(.+?)\s+with\s+(.+?)\s+exception$/i.exec(name.trim());
  if (withException) {
    const base = single(withException[1]!);
    // licensecheck writes `GPL-2.0-or-later with Libtool-exception exception`: an SPDX exception id.
    const spdxException = /^[A-Za-z0-9.-]+$/.test(withException[2]!)
      ? normalizeExpression(`MIT WITH ${withException[2]}`)?.replace(/^MIT WITH /, "")
      : undefined;
    if (base && spdxException && !/ (AND|OR) /.test(base)) return `${base} WITH ${spdxException}`;
    const family = withException[2]!.toLowerCase().replace(/\s+/g, "-");
    const version = /-(\d)/.exec(withException[1]!)?.[1];
    const exception =
      EXCEPTIONS[family] ?? (version ? EXCEPTIONS[`${family}-${version}`] : undefined);
    return base && exception && !/ (AND|OR) /.test(base) ? `${base} WITH ${exception}` : null;
  }
  const gnuId = gnu(key);
  if (gnuId) return normalizeExpression(gnuId);
  // What is left must be a real SPDX id (ISC, Apache-2.0, CC-BY-SA-4.0, ...);
  // normalizeExpression repairs its case and refuses anything else.
  if (!/^[a-z0-9.+-]+$/i.test(key)) return null;
  const spdx = normalizeExpression(key);
  return spdx && !/ (AND|OR|WITH) /.test(spdx) ? spdx : null;
}

/**
 * The SPDX expression a Debian short name stands for, or null when it cannot
 * be said. `or` and `and` join names, as copyright-format 1.0 defines them.
 */
export function debianToSpdx(name: string): string | null {
  const text = name.trim().replace(/\s+/g, " ");
  // Split on the lowest-precedence operator first, as SPDX does: OR binds looser than AND.
  const orParts = text.split(/\s+or\s+/i);
  if (orParts.length > 1) return joinParts(orParts, "OR");
  const andParts = text.split(/\s+and\s+/i);
  if (andParts.length > 1) return joinParts(andParts, "AND");
  return single(text);
}

function joinParts(parts: string[], op: "AND" | "OR"): string | null {
  const mapped: string[] = [];
  for (const part of parts) {
    const spdx = debianToSpdx(part);
    if (!spdx) return null;
    mapped.push(/ (AND|OR) /.test(spdx) ? `(${spdx})` : spdx);
  }
  return normalizeExpression(mapped.join(` ${op} `));
}
