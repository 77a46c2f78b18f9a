/**
 * The notice rules as shipped in data/notices.json, checked and compiled into
 * regular expressions once. Pure: the JSON is imported, not read at run time.
 */
import raw from "../../../../data/notices.json" with { type: "json" };
import { type Result, err, InternalError, ok } from "../../../errors.ts";
import { normalizeExpression } from "../../expression.ts";

/** How a licence name was used where it was found. */
export type Context = "grant" | "field" | "post" | "pointer" | "mention";

/** A licence name as people write it in prose ("the GNU Lesser General Public License"). */
export interface NameRule {
  id: string;
  family: string;
  score: number;
  /** Names may carry a version glued on: "GPLv2", "lgpl2.1". */
  attach: boolean;
  /** For a name without versions: its SPDX id. */
  spdx?: string;
  /** Canonical version ("2.0") to the SPDX id stem ("GPL-2.0"). */
  versions?: Map<string, string>;
  /** "gnu": the id takes -only / -or-later; "plus": "or later" adds a `+`. */
  later?: "gnu" | "plus";
  /** What a notice means when it names no version. */
  unversioned?: { version: string; later: boolean; score: number };
  variants: { re: RegExp; before: number; after: number; suffix: string }[];
  near: { re: RegExp; before: number; after: number; from: string; to: string; score: number }[];
  /** The id for "later versions a proxy accepts" (KDE's LicenseRef-KDE-Accepted-GPL). */
  proxy?: string;
}

export interface PhraseRule {
  id: string;
  spdx: string;
  families: string[];
  score: number;
  priority: number;
}

export interface ExceptionRule {
  id: string;
  exception: string;
  appliesTo: string[];
  base: string;
  priority: number;
}

export interface PointerTarget {
  name?: NameRule;
  version?: string;
  spdx?: string;
  family: string;
}

export interface Rules {
  prefilter: RegExp;
  names: NameRule[];
  /** One alternation of every name; capture group i + 1 is names[i]. */
  nameRe: RegExp;
  nameById: Map<string, NameRule>;
  contexts: Record<Exclude<Context, "mention">, number>;
  /** A grant phrase and its fillers, ending where the licence name starts. */
  grantRe: RegExp;
  choiceRe: RegExp;
  /** Words that offer the next licence as an alternative to the one before ("Secondary Licenses"). */
  secondaryRe: RegExp;
  /** "License:" / "## License" right before a name, at the start of a line. */
  fieldRe: RegExp;
  postAfterRe: RegExp;
  postBeforeRe: RegExp;
  version: {
    attached: RegExp;
    inSentence: RegExp;
    before: RegExp;
    later: RegExp;
    only: RegExp;
    second: RegExp;
    /** What may follow the clauses and still belong to the reference: "as published by the FSF", "(the "LGPL")". */
    trailer: RegExp;
    /** After "or any later version": "accepted by the membership of KDE e.V.". */
    proxy: RegExp;
  };
  link: {
    or: Set<string>;
    and: Set<string>;
    gapWord: RegExp;
    maxTokens: number;
    maxForeign: number;
  };
  pointerRe: RegExp;
  pointers: Map<string, PointerTarget>;
  /** Licence URLs; an item's own group is the version. */
  urls: Alternation<NameRule>;
  phrases: Alternation<PhraseRule>;
  /** Ordered by priority, so the longer of two overlapping wordings wins. */
  exceptions: Alternation<ExceptionRule>;
  suppressRe: RegExp;
  /** Literal strings one of which a text must hold for suppressRe to be tried (a cheap scan). */
  suppressGate: string[];
  /** Spans in which licence names are quoted, not granted. */
  maskRe: RegExp;
  /** Literal words one of which a region must hold for a family of rules to be tried. */
  gates: { phrases: string[]; exceptions: string[] };
  leadRe: RegExp;
  tailRe: RegExp;
}

/** Several rules in one regular expression: one scan instead of one per rule. */
export interface Alternation<T> {
  re: RegExp;
  items: T[];
  /** Capture group number of each item's whole pattern. */
  offsets: number[];
}

/** Which item of an alternation matched, with that item's own capture groups. */
export function matched<T>(
  alt: Alternation<T>,
  m: RegExpMatchArray,
): { item: T; groups: (string | undefined)[] } | undefined {
  for (let i = 0; i < alt.items.length; i++) {
    const at = alt.offsets[i]!;
    if (m[at] !== undefined)
      return { item: alt.items[i]!, groups: m.slice(at + 1, alt.offsets[i + 1] ?? m.length) };
  }
  return undefined;
}

/** The shape of data/notices.json. */
export interface NoticeData {
  macros: Record<string, string>;
  prefilter: string;
  contexts: Record<string, number>;
  grants: string[];
  notAfterName: string;
  fillers: string;
  choiceWords: string;
  secondary: string;
  field: string;
  postGrant: { after: string; before: string };
  version: Record<
    "attached" | "inSentence" | "before" | "later" | "only" | "second" | "trailer" | "proxy",
    string
  >;
  link: { or: string; and: string; gapWords: string; maxTokens: number; maxForeign: number };
  names: {
    id: string;
    pattern: string;
    family: string;
    score: number;
    attach?: boolean;
    spdx?: string;
    versions?: Record<string, string>;
    later?: string;
    unversioned?: { version: string; later?: boolean; score: number };
    variants?: { pattern: string; before: number; after: number; suffix: string }[];
    near?: {
      pattern: string;
      before: number;
      after: number;
      from: string;
      to: string;
      score: number;
    }[];
    proxy?: string;
  }[];
  pointers: { pattern: string; files: Record<string, unknown> };
  urls: { pattern: string; name: string }[];
  phrases: {
    id: string;
    pattern: string;
    spdx: string;
    families: string[];
    score: number;
    priority: number;
  }[];
  exceptions: {
    id: string;
    pattern: string;
    exception: string;
    appliesTo: string[];
    base: string;
    priority?: number;
  }[];
  suppressors: { pattern: string; gate: string[] };
  masks: { pattern: string };
  gates: { phrases: string[]; exceptions: string[] };
  extents: { lead: string; tail: string };
}

/** Canonical spellings a found version is tried under: "2" → "2", "2.0". */
export function versionKeys(version: string): string[] {
  const keys = [version];
  if (!version.includes(".")) keys.push(`${version}.0`);
  else if (version.endsWith(".0")) keys.push(version.slice(0, -2));
  if (/^\d\d$/.test(version)) keys.push(`${version[0]}.${version[1]}`); // epl-v10
  return keys;
}

/**
 * Capturing groups in a regular expression's source: "(" not followed by "?",
 * and named groups "(?<name>"; escapes and character classes skipped. Read
 * from the source because asking the engine (running the pattern) compiles it,
 * and compiling every notice pattern cost a tenth of tgpl's start-up.
 */
export function captureGroups(source: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") {
      if (source[i + 1] !== "?") n++;
      else if (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!") n++;
    }
  }
  return n;
}

/**
 * Check and compile the rules. Every problem is reported, each prefixed with
 * the path of the offending entry, so a broken data file says where to look.
 */
export function compileRules(data: NoticeData): Result<Rules, string[]> {
  const errors: string[] = [];
  const expand = (where: string, pattern: string): string =>
    pattern.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
      const macro = data.macros[name];
      if (macro === undefined) errors.push(`${where}: unknown macro ${whole}`);
      return macro ?? "";
    });
  /** Patterns match whole tokens: "are" must not match inside "software". */
  const words = (where: string, pattern: string) =>
    `(?<![^ \\n])(?:${expand(where, pattern)})(?![^ \\n])`;
  const regex = (
    where: string,
    pattern: string,
    flags = "",
    groups?: number,
    whole = false,
  ): RegExp => {
    const source = whole ? words(where, pattern) : expand(where, pattern);
    try {
      const re = new RegExp(source, flags);
      if (groups !== undefined) {
        const found = captureGroups(source);
        if (found !== groups) errors.push(`${where}: has ${found} capture groups, wants ${groups}`);
      }
      return re;
    } catch (e) {
      errors.push(`${where}: invalid pattern (${(e as Error).message})`);
      return /(?!)/;
    }
  };
  const spdxOk = (where: string, spdx: string) => {
    if (normalizeExpression(spdx) === null)
      errors.push(`${where}: ${spdx} is not an SPDX expression`);
  };

  const names: NameRule[] = [];
  const alternatives: string[] = [];
  for (const [i, n] of data.names.entries()) {
    const where = `names[${i}] (${n.id})`;
    regex(where, n.pattern, "", 0);
    const end = `${n.attach ? "(?=[ \\n+]|$|v?\\d)" : "(?=[ \\n]|$)"}${data.notAfterName}`;
    alternatives.push(`(${expand(where, n.pattern)})${end}`);
    const rule: NameRule = {
      id: n.id,
      family: n.family,
      score: n.score,
      attach: n.attach ?? false,
      variants: (n.variants ?? []).map((v, j) => ({
        re: regex(`${where}.variants[${j}]`, v.pattern, "", 0, true),
        before: v.before,
        after: v.after,
        suffix: v.suffix,
      })),
      near: (n.near ?? []).map((v, j) => ({
        re: regex(`${where}.near[${j}]`, v.pattern, "", 0, true),
        before: v.before,
        after: v.after,
        from: v.from,
        to: v.to,
        score: v.score,
      })),
    };
    if (n.proxy !== undefined) {
      spdxOk(`${where}.proxy`, n.proxy);
      rule.proxy = n.proxy;
    }
    if (n.spdx !== undefined) {
      spdxOk(where, n.spdx);
      rule.spdx = n.spdx;
    } else if (n.versions && n.unversioned) {
      rule.versions = new Map(Object.entries(n.versions));
      if (n.later !== undefined && n.later !== "gnu" && n.later !== "plus")
        errors.push(`${where}: later must be "gnu" or "plus"`);
      if (n.later === "gnu" || n.later === "plus") rule.later = n.later;
      rule.unversioned = {
        version: n.unversioned.version,
        later: n.unversioned.later ?? false,
        score: n.unversioned.score,
      };
      if (!rule.versions.has(n.unversioned.version))
        errors.push(`${where}: unversioned.version ${n.unversioned.version} is not in versions`);
      for (const [v, stem] of rule.versions) {
        const ids =
          rule.later === "gnu"
            ? [`${stem}-only`, `${stem}-or-later`]
            : rule.later === "plus"
              ? [stem, `${stem}+`]
              : [stem];
        for (const id of ids) spdxOk(`${where}.versions[${v}]`, id);
      }
    } else {
      errors.push(`${where}: needs either spdx, or versions and unversioned`);
    }
    if (!(n.score > 0 && n.score <= 1)) errors.push(`${where}: score must be in (0, 1]`);
    names.push(rule);
  }
  const namesBroken = errors.length > 0;
  const nameById = new Map(names.map((n) => [n.id, n]));
  if (nameById.size !== names.length) errors.push("names: ids must be unique");

  const pointers = new Map<string, PointerTarget>();
  for (const [file, target] of Object.entries(data.pointers.files)) {
    if (file.startsWith("$")) continue;
    const t = target as { name?: string; version?: string; spdx?: string; family?: string };
    const where = `pointers.files.${file}`;
    if (t.name !== undefined) {
      const name = nameById.get(t.name);
      if (!name) errors.push(`${where}: unknown name ${t.name}`);
      else
        pointers.set(file, {
          name,
          family: name.family,
          ...(t.version ? { version: t.version } : {}),
        });
    } else if (t.spdx !== undefined && t.family !== undefined) {
      spdxOk(where, t.spdx);
      pointers.set(file, { spdx: t.spdx, family: t.family });
    } else errors.push(`${where}: needs name, or spdx and family`);
  }

  /** One regular expression for several patterns; `whole` keeps each to whole tokens. */
  const alternation = <T>(
    where: string,
    entries: { item: T; pattern: string; groups: number; where: string }[],
    whole: boolean,
  ): Alternation<T> => {
    const offsets: number[] = [];
    let group = 1;
    const before = errors.length;
    const sources = entries.map((e) => {
      regex(e.where, e.pattern, "", e.groups);
      offsets.push(group);
      group += 1 + e.groups;
      return `(${expand(e.where, e.pattern)})`;
    });
    const body = `(?:${sources.join("|")})`;
    const source = whole ? `(?<![^ \\n])${body}(?![^ \\n])` : body;
    // A broken entry is reported once, by its path, not again in the whole.
    const re = errors.length > before ? /(?!)/g : regex(where, source, "g");
    return { re, items: entries.map((e) => e.item), offsets };
  };

  const urls = alternation(
    "urls",
    data.urls.map((u, i) => {
      const name = nameById.get(u.name);
      if (!name) errors.push(`urls[${i}]: unknown name ${u.name}`);
      return {
        item: name ?? names[0]!,
        pattern: u.pattern,
        groups: /\((?!\?)/.test(u.pattern) ? 1 : 0,
        where: `urls[${i}]`,
      };
    }),
    false,
  );

  const phrases = alternation(
    "phrases",
    data.phrases
      .map((p, i) => {
        spdxOk(`phrases[${i}] (${p.id})`, p.spdx);
        const item: PhraseRule = {
          id: p.id,
          spdx: p.spdx,
          families: p.families,
          score: p.score,
          priority: p.priority,
        };
        return { item, pattern: p.pattern, groups: 0, where: `phrases[${i}] (${p.id})` };
      })
      // At one position the first alternative wins: the Unlicense's opening before "public domain".
      .sort((a, b) => b.item.priority - a.item.priority),
    true,
  );

  const exceptions = alternation(
    "exceptions",
    data.exceptions
      .map((x, i) => {
        spdxOk(`exceptions[${i}] (${x.id})`, `${x.base} WITH ${x.exception}`);
        const item: ExceptionRule = {
          id: x.id,
          exception: x.exception,
          appliesTo: x.appliesTo,
          base: x.base,
          priority: x.priority ?? 1,
        };
        return { item, pattern: x.pattern, groups: 0, where: `exceptions[${i}] (${x.id})` };
      })
      .sort((a, b) => b.item.priority - a.item.priority),
    true,
  );

  const v = data.version;
  const grants = data.grants.map((g, i) => `(?:${expand(`grants[${i}]`, g)})`).join("|");
  const rules: Rules = {
    prefilter: regex("prefilter", data.prefilter, "g"),
    names,
    nameRe: namesBroken
      ? /(?!)/g
      : regex("names", `(?<=^|[ \\n])(?:${alternatives.join("|")})`, "g", names.length),
    nameById,
    contexts: {
      grant: data.contexts["grant"] ?? 1,
      field: data.contexts["field"] ?? 1,
      post: data.contexts["post"] ?? 1,
      pointer: data.contexts["pointer"] ?? 1,
    },
    grantRe: regex("grants", `(?:^|[ \\n])(?:${grants})(?:[ \\n]+(?:${data.fillers}))*[ \\n]*$`),
    choiceRe: regex("choiceWords", `(?:^|[ \\n])(?:${data.choiceWords})(?=[ \\n]|$)`),
    secondaryRe: regex("secondary", `(?:^|[ \\n])(?:${data.secondary})[ \\n]*$`),
    fieldRe: regex("field", `(?:^|[ \\n])${data.field}[ \\n]*$`),
    postAfterRe: regex("postGrant.after", data.postGrant.after),
    postBeforeRe: regex("postGrant.before", data.postGrant.before),
    version: {
      attached: regex("version.attached", v.attached, "", 3),
      inSentence: regex("version.inSentence", v.inSentence, "", 3),
      before: regex("version.before", v.before, "", 1),
      later: regex("version.later", v.later, "", 0),
      only: regex("version.only", v.only, "", 0),
      second: regex("version.second", v.second, "", 2),
      trailer: regex("version.trailer", v.trailer, "", 0),
      proxy: regex("version.proxy", v.proxy, "", 0),
    },
    link: {
      or: new Set(data.link.or.split("|")),
      and: new Set(data.link.and.split("|")),
      gapWord: regex("link.gapWords", `^(?:${data.link.gapWords})$`),
      maxTokens: data.link.maxTokens,
      maxForeign: data.link.maxForeign,
    },
    pointerRe: regex("pointers.pattern", data.pointers.pattern, "g", 1),
    pointers,
    urls,
    phrases,
    exceptions,
    suppressRe: regex("suppressors", data.suppressors.pattern, "i", 0),
    suppressGate: data.suppressors.gate,
    maskRe: regex("masks", data.masks.pattern, "g", 0, true),
    gates: data.gates,
    leadRe: regex("extents.lead", data.extents.lead, "g", 0, true),
    tailRe: regex("extents.tail", data.extents.tail, "g", 0, true),
  };
  return errors.length > 0 ? err([...new Set(errors)]) : ok(rules);
}

let compiled: Rules | undefined;

/**
 * The shipped rules, compiled on first use.
 * @throws InternalError when data/notices.json is broken (a bug: its test fails too).
 */
export function shippedRules(): Rules {
  if (!compiled) {
    const result = compileRules(raw as NoticeData);
    if (!result.ok)
      throw new InternalError(`data/notices.json is invalid:\n  ${result.error.join("\n  ")}`);
    compiled = result.value;
  }
  return compiled;
}
