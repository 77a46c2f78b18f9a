/**
 * JSON over HTTP for the server backends: a timeout on every request, retries
 * with backoff for failures that may pass (network errors, 408, 429, 5xx),
 * none for answers that will not change (other 4xx, malformed JSON).
 */
import { InputError } from "../../errors.ts";

export interface HttpOptions {
  /** Per request, in ms (default 60 000). */
  timeoutMs?: number;
  /** Attempts after the first (default 3). */
  retries?: number;
  /** First backoff in ms, doubled each time (default 250). */
  backoffMs?: number;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One request, retried. Resolves to the parsed JSON, or the text for a non-JSON 2xx answer.
 * @throws HttpError for a final HTTP error status; InputError when the server cannot be reached or times out.
 */
export async function requestJson(
  url: string,
  init: { method?: "GET" | "POST"; body?: unknown },
  options: HttpOptions = {},
): Promise<unknown> {
  const timeout = options.timeoutMs ?? 60_000;
  const retries = options.retries ?? 3;
  let delay = options.backoffMs ?? 250;
  let lastProblem = "";
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      await sleep(delay);
      delay *= 2;
    }
    let res: Response;
    try {
      res = await fetch(url, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          ...options.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      lastProblem =
        err.name === "TimeoutError"
          ? `no answer within ${timeout / 1000} s`
          : `${err.cause?.code ?? err.message}`;
      continue;
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      lastProblem = `the answer broke off (${(e as Error).message})`;
      continue;
    }
    if (!res.ok) {
      if (retryable(res.status) && attempt < retries) {
        const after = Number(res.headers.get("retry-after"));
        if (after > 0) delay = Math.min(after * 1000, 30_000);
        lastProblem = `HTTP ${res.status}`;
        continue;
      }
      throw new HttpError(`${url}: HTTP ${res.status}: ${text.slice(0, 300)}`, res.status, text);
    }
    const type = res.headers.get("content-type") ?? "";
    if (!type.includes("json")) return text;
    try {
      return JSON.parse(text);
    } catch {
      throw new InputError(`${url}: the server's answer is not valid JSON: ${text.slice(0, 200)}`);
    }
  }
  throw new InputError(
    `${url}: the server did not answer (${lastProblem}, ${retries + 1} tries)`,
    "Check that it is running and reachable, or raise --timeout.",
  );
}

/** Like requestJson, but any failure (error status, no server) is undefined: for probing what a server is. */
export async function probe(url: string, options: HttpOptions = {}): Promise<unknown> {
  try {
    return await requestJson(
      url,
      { method: "GET" },
      { ...options, retries: 0, timeoutMs: Math.min(options.timeoutMs ?? 10_000, 10_000) },
    );
  } catch {
    return undefined;
  }
}

/** Runs tasks with at most `limit` at a time, results in input order. */
export async function pooled<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
