/** How a licence was found in a file. */
export type MatcherName =
  | "spdx-tag" // an `SPDX-License-Identifier:` line
  | "manifest" // a package manifest field (package.json, Cargo.toml, ...)
  | "reuse" // REUSE.toml or .reuse/dep5 annotations
  | "text" // a full licence or exception text
  | "notice"; // a short notice ("Licensed under the Apache License, Version 2.0")

/** One piece of evidence: a licence (or expression) found at a place in a file. */
export interface Match {
  /** An SPDX expression: a single id for text matches, possibly compound for tags and manifests. */
  spdx: string;
  matcher: MatcherName;
  /** Confidence in [0, 1]: 1 for an exact tag or template match. */
  score: number;
  /** 1-based inclusive line range the evidence spans. */
  lines: [number, number];
  /**
   * Paths (globs) the evidence applies to, when it is about other files than the
   * one it is in (REUSE.toml annotations, dep5 paragraphs). Absent: the file itself
   * or the project it describes.
   */
  paths?: string[];
}

/** Why a file was not (fully) examined. */
export type SkipReason = "binary" | "empty" | "too-large";

/** The licence of one file. */
export interface Detection {
  path: string;
  /** SPDX expression joining the matches, or null when nothing was found. */
  expression: string | null;
  matches: Match[];
  /** Set when the file was not examined as text; `expression` is then null. */
  skipped?: SkipReason;
  /** Set when the file could not be read; the batch goes on. */
  error?: { code: string; message: string };
  /** What was seen but could not be used, e.g. an invalid SPDX tag. */
  warnings?: string[];
  /** Bytes of the file that were read (less than its size when capped). */
  bytesRead?: number;
}

/** What a matcher sees: the decoded text of one file and its name. */
export interface DetectInput {
  /** Path as given; matchers use only its base name to pick formats. */
  path: string;
  text: string;
}

/** Where a matcher says what it saw but could not use (an invalid SPDX tag, a broken manifest). */
export interface Warnings {
  warn(message: string): void;
}

/** A matcher is a pure function from a file's text to its evidence. */
export type Matcher = (input: DetectInput, warnings: Warnings) => Match[];
