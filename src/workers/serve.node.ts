import { parentPort } from "node:worker_threads";

/** Inside a worker: answer each batch posted by WorkerPool with the handler's result. */
export function serveWorker<In, Out>(handler: (input: In) => Out | Promise<Out>): void {
  if (!parentPort) throw new Error("serveWorker must run inside a worker thread");
  const port = parentPort;
  port.on("message", async (input: In) => {
    try {
      port.postMessage({ ok: true, value: await handler(input) });
    } catch (e) {
      port.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
    }
  });
}
