/**
 * References to licences in normalised text: a licence name with the version
 * and "or later" clauses around it, and how it is used (granted, a field value,
 * a Debian pointer, or a mere mention).
 */
import { isLicenseId } from "../../expression.ts";
import { type NormText, startsLine } from "./normalize.ts";
import { type Context, matched, type NameRule, type Rules, versionKeys } from "./rules.ts";

export interface Ref {
  /** Where it was found: a licence name, a Debian common-licenses path, a licence URL. */
  source: "name" | "pointer" | "url";
  /** The name rule, or none for a pointer straight to an SPDX id. */
  name?: NameRule;
  /** A fixed SPDX id (Debian's common-licenses/Artistic). */
  fixed?: string;
  family: string;
  context: Context;
  /** Where the licence name starts and the reference (with its clauses) ends. */
  start: number;
  end: number;
  /** Where the grant words ("Licensed under") start; `start` when there are none. */
  lead: number;
  version?: string;
  later: boolean;
  /** "version 2 or (at your option) version 3": the second version offered. */
  alt?: { version: string; later: boolean };
  /** The grant offers a choice: "either", "dual licensed". */
  choice: boolean;
  /** Suffix from a variant clause ("-no-invariants"). */
  variant: string;
  /** Later versions are those a proxy accepts (KDE e.V.). */
  proxy?: boolean;
  /** Offered as an alternative to the statement before it ("Secondary Licenses"). */
  orWithPrevious?: boolean;
}

/** Licence names read per region: prose names a few; more is a list or noise. */
const MAX_NAMES = 2000;

/** How far back a grant phrase may start before the name it grants. */
const LOOKBACK = 160;
/** How far a version clause may run after the name. */
const LOOKAHEAD = 300;

/** Every reference in `norm.text` up to `limit`, in text order. */
export function findRefs(norm: NormText, rules: Rules, limit: number): Ref[] {
  const text = norm.text.slice(0, limit);
  const hits: { name: NameRule; start: number; end: number }[] = [];
  // Shared and stateful (/g), but matching is synchronous: reset and reuse it
  // rather than compile the big alternation for every region.
  const re = rules.nameRe;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null && hits.length < MAX_NAMES; m = re.exec(text)) {
    let i = 1;
    while (m[i] === undefined && i < m.length) i++;
    const name = rules.names[i - 1];
    if (name) hits.push({ name, start: m.index, end: m.index + m[0].length });
  }
  const refs: Ref[] = [];
  let previousEnd = 0;
  for (const [k, hit] of hits.entries()) {
    const stop = hits[k + 1]?.start ?? text.length;
    const ref = readRef(text, norm, rules, hit.name, hit.start, hit.end, previousEnd, stop);
    refs.push(ref);
    previousEnd = ref.end;
  }
  refs.push(...findPointers(text, rules), ...findUrls(text, rules));
  return refs
    .filter((r) => r.context === "mention" || !masked(text, rules, r.start))
    .sort((a, b) => a.start - b.start);
}

/** How far before a word a mask (quoted, non-granting wording) may start. */
const MASK_REACH = 240;

/**
 * True when the word at `at` lies inside wording that names a licence without
 * granting it ("software that is licensed under the GPLv2" in the LLVM
 * exception). Only the window around the word is scanned.
 */
export function masked(text: string, rules: Rules, at: number): boolean {
  let from = Math.max(0, at - MASK_REACH);
  if (from > 0) from = text.indexOf(" ", from) + 1 || at;
  const window = text.slice(from, at + 80);
  for (const m of window.matchAll(rules.maskRe)) {
    const start = from + m.index;
    if (start > at) break;
    if (at < start + m[0].length) return true;
  }
  return false;
}

function readRef(
  text: string,
  norm: NormText,
  rules: Rules,
  name: NameRule,
  start: number,
  nameEnd: number,
  previousEnd: number,
  stop: number,
): Ref {
  const ref: Ref = {
    source: "name",
    name,
    family: name.family,
    context: "mention",
    start,
    end: nameEnd,
    lead: start,
    later: false,
    choice: false,
    variant: "",
  };
  const from = Math.max(previousEnd, start - LOOKBACK);
  const before = text.slice(from, start);
  if (name.versions) readVersion(text, rules, ref, Math.min(stop, nameEnd + LOOKAHEAD), before);

  const grant = rules.grantRe.exec(before);
  // "...may also be made available under the following Secondary Licenses when
  // the conditions ... set forth in the Eclipse Public License are satisfied: GPL"
  const secondary = grant
    ? null
    : rules.secondaryRe.exec(text.slice(Math.max(0, start - 400), start));
  if (secondary) {
    ref.context = "grant";
    ref.orWithPrevious = true;
  } else if (grant) {
    ref.context = "grant";
    ref.lead = from + grant.index + /^[ \n]*/.exec(grant[0])![0].length;
    ref.choice = rules.choiceRe.test(grant[0]);
  } else {
    const field = rules.fieldRe.exec(before);
    const fieldStart = field ? from + field.index + /^[ \n]*/.exec(field[0])![0].length : -1;
    if (field && startsLine(norm, fieldStart)) {
      ref.context = "field";
      ref.lead = fieldStart;
    } else {
      const post = rules.postAfterRe.exec(text.slice(ref.end, ref.end + 40));
      if (post && (startsLine(norm, start) || rules.postBeforeRe.test(before))) {
        ref.context = "post";
        ref.end += post[0].length;
      }
    }
  }
  for (const v of name.variants) {
    const window = text.slice(
      Math.max(0, start - v.before),
      Math.min(text.length, ref.end + v.after),
    );
    if (v.re.test(window)) {
      ref.variant = v.suffix;
      break;
    }
  }
  return ref;
}

const knownVersion = (name: NameRule, version: string): boolean =>
  versionKeys(version).some((k) => name.versions?.has(k));

/** Version, "or later" and "only" clauses after the name, or a version just before it. */
function readVersion(text: string, rules: Rules, ref: Ref, stop: number, before: string): void {
  readClauses(text, rules, ref, stop, before);
  const trailer = rules.version.trailer.exec(text.slice(ref.end, stop));
  if (trailer) ref.end += trailer[0].length;
}

function readClauses(text: string, rules: Rules, ref: Ref, stop: number, before: string): void {
  const name = ref.name!;
  const after = text.slice(ref.end, stop);
  const v = rules.version;
  let m = name.attach || /^ /.test(after) ? v.attached.exec(after) : null;
  if (!m || !knownVersion(name, m[2]!)) m = v.inSentence.exec(after);
  if (m && knownVersion(name, m[2]!)) {
    ref.version = m[2]!;
    ref.later = m[1] !== undefined || m[3] !== undefined;
    ref.end += m[0].length;
  } else {
    const b = v.before.exec(before);
    if (b && knownVersion(name, b[1]!)) ref.version = b[1]!;
  }
  const rest = text.slice(ref.end, stop);
  const later = v.later.exec(rest);
  if (later) {
    ref.end += later[0].length;
    if (!proxied(text, rules, ref, stop)) ref.later = true;
    return;
  }
  const only = v.only.exec(rest);
  if (only) {
    ref.end += only[0].length;
    return;
  }
  const second = ref.version ? v.second.exec(rest) : null;
  if (second && knownVersion(name, second[1]!) && second[1] !== ref.version) {
    ref.end += second[0].length;
    const more = v.later.exec(text.slice(ref.end, stop));
    if (more) ref.end += more[0].length;
    const proxy = more !== null && proxied(text, rules, ref, stop);
    ref.alt = { version: second[1]!, later: second[2] !== undefined || (more !== null && !proxy) };
  }
}

/**
 * "or any later version accepted by the membership of KDE e.V." is not "or
 * later": later versions count only once a proxy accepts them.
 */
function proxied(text: string, rules: Rules, ref: Ref, stop: number): boolean {
  const proxy = rules.version.proxy.exec(text.slice(ref.end, stop));
  if (!proxy || !ref.name?.proxy) return false;
  ref.proxy = true;
  ref.end += proxy[0].length;
  return true;
}

function findPointers(text: string, rules: Rules): Ref[] {
  if (!text.includes("/usr/share/common-licenses/")) return [];
  const refs: Ref[] = [];
  for (const m of text.matchAll(rules.pointerRe)) {
    // Some paragraphs cite files that do not exist under that name ("GPL-2.0").
    const target = rules.pointers.get(m[1]!) ?? rules.pointers.get(m[1]!.replace(/\.0$/, ""));
    if (!target) continue;
    const ref: Ref = {
      source: "pointer",
      family: target.family,
      context: "pointer",
      start: m.index,
      end: m.index + m[0].length,
      lead: m.index,
      later: false,
      choice: false,
      variant: "",
    };
    if (target.name) ref.name = target.name;
    if (target.version) ref.version = target.version;
    if (target.spdx) ref.fixed = target.spdx;
    refs.push(ref);
  }
  return refs;
}

function findUrls(text: string, rules: Rules): Ref[] {
  if (!text.includes("/")) return [];
  const refs: Ref[] = [];
  for (const m of text.matchAll(rules.urls.re)) {
    const hit = matched(rules.urls, m);
    if (!hit) continue;
    const name = hit.item;
    const version = hit.groups[0];
    const ref: Ref = {
      source: "url",
      name,
      family: name.family,
      context: "mention",
      start: m.index,
      end: m.index + m[0].length,
      lead: m.index,
      later: false,
      choice: false,
      variant: "",
    };
    if (version && knownVersion(name, version)) ref.version = version;
    refs.push(ref);
  }
  return refs;
}

/** The SPDX ids a reference names (two when it offers two versions) and its confidence. */
export function resolveRef(ref: Ref, text: string): { ids: string[]; score: number } {
  if (ref.fixed) return { ids: [ref.fixed], score: 0.9 };
  const name = ref.name!;
  if (name.spdx) return { ids: [name.spdx], score: name.score };
  const first = idFor(name, ref.version, ref.later, ref.variant, ref, text);
  const proxy = ref.proxy && name.proxy ? [name.proxy] : [];
  if (!ref.alt) return { ids: [...first.ids, ...proxy], score: first.score };
  const second = idFor(name, ref.alt.version, ref.alt.later, ref.variant, ref, text);
  return {
    ids: [...first.ids, ...second.ids, ...proxy],
    score: Math.min(first.score, second.score),
  };
}

function idFor(
  name: NameRule,
  version: string | undefined,
  later: boolean,
  variant: string,
  ref: Ref,
  text: string,
): { ids: string[]; score: number } {
  const versions = name.versions!;
  const unversioned = name.unversioned!;
  const key = version ? versionKeys(version).find((k) => versions.has(k)) : undefined;
  let score = name.score;
  let stem = key ? versions.get(key) : undefined;
  if (!stem) {
    stem = versions.get(unversioned.version)!;
    later ||= unversioned.later;
    score = unversioned.score;
  }
  const suffix =
    name.later === "gnu" ? (later ? "-or-later" : "-only") : later && name.later ? "+" : "";
  let id = stem + variant + suffix;
  // A variant the list has no id for (MPL-1.1 "no copyleft exception") is dropped.
  if (variant && !isLicenseId((stem + variant + suffix).replace(/\+$/, ""))) id = stem + suffix;
  for (const near of name.near) {
    if (id !== near.from) continue;
    const window = text.slice(Math.max(0, ref.start - near.before), ref.end + near.after);
    if (near.re.test(window)) {
      id = near.to;
      score = Math.max(score, near.score);
    }
  }
  return { ids: [id], score };
}
