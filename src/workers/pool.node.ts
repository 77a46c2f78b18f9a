/**
 * A small pool of worker threads that run batches of work through one handler
 * module. Work is sent in batches because a message per file costs more than
 * detecting a small file (see STACK.md: 10k one-item tasks cost ~2 s).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

interface Pending<Out> {
  resolve: (value: Out) => void;
  reject: (error: Error) => void;
}

/**
 * Start a worker on a module. Under tsx (tests, development) the module is
 * TypeScript, and on Node 20 a worker does not inherit tsx's loader hooks even
 * with `--import tsx` in execArgv, so it is loaded through tsx's own API.
 */
function startWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData });
  const api = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData });
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

export class WorkerPool<In, Out> {
  private readonly idle: Worker[] = [];
  private readonly queue: { input: In; pending: Pending<Out> }[] = [];
  private readonly inFlight = new Map<Worker, Pending<Out>>();
  private closed = false;

  /**
   * @param url module that calls `serveWorker(handler)`
   * @param size number of threads
   * @param workerData passed to every worker (options it needs once)
   */
  constructor(url: URL, size: number, workerData?: unknown) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(url, workerData);
      worker.on("message", (message: { ok: boolean; value?: Out; error?: string }) => {
        const pending = this.inFlight.get(worker);
        this.inFlight.delete(worker);
        if (pending) {
          if (message.ok) pending.resolve(message.value as Out);
          else pending.reject(new Error(message.error));
        }
        this.dispatch(worker);
      });
      worker.on("error", (error) => {
        const pending = this.inFlight.get(worker);
        this.inFlight.delete(worker);
        pending?.reject(error);
      });
      worker.unref();
      this.idle.push(worker);
    }
  }

  /** Run one batch on the next free worker. */
  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error("worker pool is closed"));
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, pending: { resolve, reject } });
      const worker = this.idle.pop();
      if (worker) this.dispatch(worker);
    });
  }

  private dispatch(worker: Worker): void {
    const next = this.queue.shift();
    if (!next) {
      worker.unref(); // an idle pool must not keep the process alive
      this.idle.push(worker);
      return;
    }
    this.inFlight.set(worker, next.pending);
    worker.ref();
    worker.postMessage(next.input);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.inFlight.keys()];
    await Promise.all(all.map((w) => w.terminate()));
  }
}
