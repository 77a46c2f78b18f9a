/** The baseline: the bare detection engine on a batch, as `tgpl detect` runs it (no hashing, no store). */
import { workerData } from "node:worker_threads";
import { serveWorker } from "../../src/workers/serve.node.ts";
import { type DetectItem, detectOnly } from "./detect-only.node.ts";

const { maxBytes } = workerData as { maxBytes: number };
serveWorker((items: DetectItem[]) => detectOnly(items, maxBytes));
