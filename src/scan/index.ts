/** Scanning a corpus into a manifest: the driver behind `tgpl scan`. */
export { type ScanOutcome, type ScanRequest, scan } from "./scan.node.ts";
