/** Worker thread body for `tgpl detect --workers N`: detects a batch of paths. */
import { workerData } from "node:worker_threads";
import { serveWorker } from "../workers/serve.node.ts";
import { detectFile } from "./detect-file.node.ts";
import type { ReadLimits } from "./read.node.ts";

const limits = workerData as ReadLimits;
serveWorker((paths: string[]) => {
  const out = [];
  for (const path of paths) out.push(detectFile(path, limits));
  return out;
});
