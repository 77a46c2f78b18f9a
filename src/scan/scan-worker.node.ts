/** Worker thread body for `tgpl scan`: hashes, detects and marks a batch of files. */
import { workerData } from "node:worker_threads";
import { serveWorker } from "../workers/serve.node.ts";
import { type ProcessOptions, processBatch, type WorkItem } from "./process.node.ts";

const options = workerData as ProcessOptions;
serveWorker((items: WorkItem[]) => processBatch(items, options));
