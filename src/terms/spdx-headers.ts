/**
 * `terms init --headers`: an SPDX identifier line at the top of source files.
 * A file that already declares a licence in any way the detector sees (a
 * tag, a notice, a licence text) is never touched: its author has said what
 * applies, and a second statement could contradict it.
 */
import { extname, basename } from "node:path/posix";
import { detectText } from "../detect/detect.ts";

type Style = { open: string; close?: string };

const LINE = (open: string): Style => ({ open });
const STYLES: Record<string, Style> = {};
for (const e of "js mjs cjs jsx ts tsx mts cts c h cc cpp cxx hpp hh java kt kts scala go rs swift cs dart groovy gradle zig proto scss less php".split(
  " ",
))
  STYLES[e] = LINE("//");
for (const e of "py pyi rb sh bash zsh pl pm r yaml yml toml cmake mk ps1 ex exs jl nim tf".split(
  " ",
))
  STYLES[e] = LINE("#");
for (const e of "sql lua hs elm".split(" ")) STYLES[e] = LINE("--");
for (const e of "el lisp clj cljs scm".split(" ")) STYLES[e] = LINE(";;");
for (const e of "tex sty".split(" ")) STYLES[e] = LINE("%");
STYLES.css = { open: "/*", close: "*/" };
for (const e of "html htm xml svg vue svelte".split(" "))
  STYLES[e] = { open: "<!--", close: "-->" };
const BY_NAME: Record<string, Style> = {
  Makefile: LINE("#"),
  Dockerfile: LINE("#"),
  CMakeLists: LINE("#"),
};

/** The comment style for a path, or null for files that take no header (docs, data, unknown types). */
export function commentStyle(path: string): Style | null {
  const name = basename(path);
  if (BY_NAME[name]) return BY_NAME[name]!;
  if (/\.min\.(js|css)$/.test(name)) return null; // generated
  return STYLES[extname(name).slice(1).toLowerCase()] ?? null;
}

export type HeaderResult =
  | { changed: true; text: string }
  | { changed: false; reason: "declares-licence" | "no-comment-style" | "empty" };

/** The file's text with an SPDX identifier line added, or why it was left alone. */
export function withSpdxHeader(path: string, text: string, licence: string): HeaderResult {
  const style = commentStyle(path);
  if (!style) return { changed: false, reason: "no-comment-style" };
  if (text.trim() === "") return { changed: false, reason: "empty" };
  if (detectText(path, text).matches.length > 0 || /SPDX-License-Identifier/i.test(text))
    return { changed: false, reason: "declares-licence" };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const header = `${style.open} SPDX-License-Identifier: ${licence}${style.close ? ` ${style.close}` : ""}${eol}`;
  const lines = text.split(/(?<=\n)/);
  // Lines that must stay first: a shebang, an XML prolog or doctype, PHP's opening
  // tag, Python's encoding declaration (which may be on line 1 or 2).
  let keep = 0;
  if (/^#!/.test(lines[0] ?? "")) keep = 1;
  if (/^<\?xml|^<!doctype/i.test(lines[0] ?? "")) keep = 1;
  if (/^<\?php/.test(lines[0] ?? "")) keep = 1;
  if (/coding[:=]/.test(lines[keep] ?? "") && /^#/.test(lines[keep] ?? "") && keep < 2) keep++;
  let head = lines.slice(0, keep).join("");
  if (head !== "" && !head.endsWith("\n")) head += eol;
  return { changed: true, text: head + header + lines.slice(keep).join("") };
}
