/** The shape of one benchmark run's results, shared by the runner and the report. */
import type { Score } from "./score.ts";
import type { ToolName } from "./tools.node.ts";

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  licensecheck: string;
  licensee: string;
  ruby: string;
  perl: string;
}

export interface RunFigures {
  corpus: string;
  tool: ToolName;
  workers: number;
  files: number;
  bytes: number;
  wallMs: number;
  firstResultMs: number | null;
  peakKb: number;
  /** User + system CPU time of all its processes. */
  cpuMs: number;
  crashes: number;
  errors: number;
  processes: number;
  /** 1-minute load average just before the (fastest) run: other work on the machine skews the timing. */
  load: number;
  /** Runs made; the figures are the fastest one's. */
  runs?: number;
}

export interface Suspect {
  path: string;
  origin: string;
  label: string;
  /** What the tools said, by tool. */
  answers: Partial<Record<ToolName, string>>;
  /** `all`: every tool gave the same non-label answer; `peers`: both peers did, tgpl differs. */
  agreement: "all" | "peers";
}

/** One distinct labelled text tgpl answered wrongly, with the peers' answers beside it. */
export interface WrongText {
  subset: string;
  /** The first file holding the text, and how many files hold it. */
  path: string;
  files: number;
  origin: string;
  label: string;
  answers: Partial<Record<ToolName, string>>;
}

export interface Excluded {
  path: string;
  origin: string;
  label: string;
  actual: string;
  note: string;
}

export interface Results {
  date: string;
  command: string;
  complete: boolean;
  machine: Machine;
  tools: ToolName[];
  licensecheckArgs: string[];
  corpora: {
    npm?: {
      stats: Record<string, unknown>;
      files: number;
      distinct: number;
      orFiles: number;
      orDistinct: number;
    };
    debian?: {
      stats: Record<string, unknown>;
      files: number;
      distinct: number;
      unmappedTop: [string, number][];
    };
    source?: { files: number; bytes: number; byLanguage: Record<string, number> };
  };
  runs: RunFigures[];
  startup: Partial<Record<ToolName, { tinyMs: number; licenceMs: number }>>;
  /** subset → tool → score. */
  scores: Record<string, Partial<Record<ToolName, Score>>>;
  /** Source set: files each tool named a licence for, and pairwise agreement on those. */
  sourceAttribution: Partial<Record<ToolName, number>>;
  sourceAgreement: { pair: string; both: number; same: number }[];
  suspects: Suspect[];
  /** tgpl's wrong answers on distinct texts of the npm subsets (absent in results of older runs). */
  wrong?: WrongText[];
  excluded: Excluded[];
  /** Peer names with no SPDX mapping, by tool. */
  unmapped: Partial<Record<ToolName, Record<string, number>>>;
}

/** A run's results before anything is measured: what it is, where, and empty figures. */
export function emptyResults(
  run: Pick<Results, "date" | "command" | "complete" | "machine" | "tools" | "licensecheckArgs">,
): Results {
  return {
    ...run,
    corpora: {},
    runs: [],
    startup: {},
    scores: {},
    sourceAttribution: {},
    sourceAgreement: [],
    suspects: [],
    excluded: [],
    unmapped: {},
  };
}
