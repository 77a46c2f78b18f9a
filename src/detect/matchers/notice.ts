/**
 * Short licence notices in any file: source headers ("Licensed under the
 * Apache License, Version 2.0"), READMEs ("MIT licensed"), Debian copyright
 * paragraphs. Rules are data (data/notices.json); the engine is in ./notice/.
 */
import type { Matcher } from "../types.ts";
import { findNotices } from "./notice/engine.ts";
import { shippedRules } from "./notice/rules.ts";

/**
 * @example
 * noticeMatcher({ path: "a.c", text: "/* Licensed under the MIT license. *\/" }, sink)
 * // → [{ spdx: "MIT", matcher: "notice", score: 0.95, lines: [1, 1] }]
 */
export const noticeMatcher: Matcher = (input) => findNotices(input.text, shippedRules());
