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
  private readonly workers: Worker[] = [];
  /** Per worker, the batches posted to it and not yet answered, oldest first (a worker answers in order). */
  private readonly posted = new Map<Worker, Pending<Out>[]>();
  private readonly queue: { input: In; pending: Pending<Out> }[] = [];
  private closed = false;

  /**
   * @param url module that calls `serveWorker(handler)`
   * @param size number of threads
   * @param workerData passed to every worker (options it needs once)
   * @param depth batches posted to a worker ahead of its answers: with more than
   *   one, a worker starts its next batch at once instead of waiting for a busy
   *   main thread to hear its answer and send more
   */
  constructor(
    url: URL,
    size: number,
    workerData?: unknown,
    private readonly depth = 2,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(url, workerData);
      this.posted.set(worker, []);
      worker.on("message", (message: { ok: boolean; value?: Out; error?: string }) => {
        const pending = this.posted.get(worker)!.shift();
        if (pending) {
          if (message.ok) pending.resolve(message.value as Out);
          else pending.reject(new Error(message.error));
        }
        this.dispatch();
      });
      worker.on("error", (error) => {
        for (const pending of this.posted.get(worker)!.splice(0)) pending.reject(error);
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Batches sent and not yet answered (queued or running). */
  get pending(): number {
    let n = this.queue.length;
    for (const list of this.posted.values()) n += list.length;
    return n;
  }

  /** Run one batch on the least busy worker. */
  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error("worker pool is closed"));
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, pending: { resolve, reject } });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let best: Worker | undefined;
      for (const w of this.workers) {
        const n = this.posted.get(w)!.length;
        if (n < this.depth && (!best || n < this.posted.get(best)!.length)) best = w;
      }
      if (!best) break;
      const next = this.queue.shift()!;
      this.posted.get(best)!.push(next.pending);
      best.ref();
      best.postMessage(next.input);
    }
    // A worker with nothing posted must not keep the process alive.
    for (const w of this.workers) if (this.posted.get(w)!.length === 0) w.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
