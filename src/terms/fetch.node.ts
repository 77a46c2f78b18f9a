/**
 * A small HTTP GET for reading terms: one deadline for the whole exchange
 * (connect, headers, every body byte, every redirect), a cap on body bytes,
 * a cap on redirects, and no redirect off the origin unless the caller allows
 * it. Every failure is a value with a message; nothing here throws and
 * nothing can hang past the deadline.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { version } from "../version.ts";

export interface FetchLimits {
  /** Milliseconds for the whole exchange, redirects included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Follow a redirect to another origin (scheme, host, port). */
  allowOffOrigin: boolean;
  /** Keep the first maxBytes of a longer body instead of failing (robots.txt, HTML heads). */
  truncate?: boolean;
  userAgent?: string;
}

export type FetchErrorCode =
  | "timeout"
  | "too-large"
  | "too-many-redirects"
  | "off-origin"
  | "network"
  | "bad-url";

export interface FetchResult {
  url: string;
  finalUrl: string;
  /** HTTP status of the last response; null when none came. */
  status: number | null;
  /** Lower-case names; repeated fields joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  truncated: boolean;
  /** Every URL redirected to, in order. */
  redirects: string[];
  error?: { code: FetchErrorCode; message: string };
  /** The redirect target that was not followed because it left the origin. */
  offOrigin?: string;
}

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 10_000,
  maxBytes: 1 << 20,
  maxRedirects: 5,
  allowOffOrigin: false,
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET a URL within the limits.
 * @example const r = await fetchUrl("http://127.0.0.1:8080/robots.txt", { ...DEFAULT_LIMITS, maxBytes: 500 * 1024, truncate: true });
 */
export async function fetchUrl(
  url: string,
  limits: FetchLimits = DEFAULT_LIMITS,
): Promise<FetchResult> {
  const result: FetchResult = {
    url,
    finalUrl: url,
    status: null,
    headers: {},
    body: new Uint8Array(0),
    truncated: false,
    redirects: [],
  };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    result.error = { code: "bad-url", message: `not a URL: ${url}` };
    return result;
  }
  if (current.protocol !== "http:" && current.protocol !== "https:") {
    result.error = {
      code: "bad-url",
      message: `only http and https URLs can be fetched, not ${current.protocol}`,
    };
    return result;
  }
  const origin = current.origin;
  const deadline = Date.now() + limits.timeoutMs;
  for (let hop = 0; ; hop++) {
    const left = deadline - Date.now();
    if (left <= 0) {
      result.error = {
        code: "timeout",
        message: `no complete answer from ${current.href} within ${limits.timeoutMs} ms`,
      };
      return result;
    }
    const one = await getOnce(current, left, limits);
    result.finalUrl = current.href;
    result.status = one.status;
    result.headers = one.headers;
    if (one.error) {
      result.error = one.error;
      return result;
    }
    if (one.status !== null && REDIRECTS.has(one.status) && one.headers.location) {
      let next: URL;
      try {
        next = new URL(one.headers.location, current);
      } catch {
        result.error = {
          code: "bad-url",
          message: `redirect to an invalid location: ${one.headers.location}`,
        };
        return result;
      }
      if (hop >= limits.maxRedirects) {
        result.error = {
          code: "too-many-redirects",
          message: `more than ${limits.maxRedirects} redirects starting at ${url}`,
        };
        return result;
      }
      if (next.origin !== origin && !limits.allowOffOrigin) {
        result.offOrigin = next.href;
        result.error = {
          code: "off-origin",
          message: `${current.href} redirects to another origin (${next.origin}); not followed (allow it with --follow-off-origin)`,
        };
        return result;
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        result.error = { code: "bad-url", message: `redirect to a non-HTTP URL: ${next.href}` };
        return result;
      }
      result.redirects.push(next.href);
      current = next;
      continue;
    }
    result.body = one.body;
    result.truncated = one.truncated;
    return result;
  }
}

interface Once {
  status: number | null;
  headers: Record<string, string>;
  body: Uint8Array;
  truncated: boolean;
  error?: FetchResult["error"];
}

function getOnce(url: URL, timeoutMs: number, limits: FetchLimits): Promise<Once> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Once) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(o);
    };
    const empty = (): Once => ({
      status: null,
      headers: {},
      body: new Uint8Array(0),
      truncated: false,
    });
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = request(url, {
      method: "GET",
      headers: {
        "user-agent": limits.userAgent ?? `tgpl-terms/${version}`,
        accept: "*/*",
        "accept-encoding": "identity",
      },
    });
    const timer = setTimeout(() => {
      done({
        ...empty(),
        error: {
          code: "timeout",
          message: `no complete answer from ${url.href} within ${limits.timeoutMs} ms`,
        },
      });
    }, timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => {
      done({
        ...empty(),
        error: { code: "network", message: `cannot fetch ${url.href}: ${e.code ?? e.message}` },
      });
    });
    req.on("response", (res: IncomingMessage) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headersDistinct)) if (v) headers[k] = v.join(", ");
      const status = res.statusCode ?? null;
      if (status !== null && REDIRECTS.has(status)) {
        done({ status, headers, body: new Uint8Array(0), truncated: false });
        return;
      }
      const tooLarge = (message: string) =>
        done({
          status,
          headers,
          body: new Uint8Array(0),
          truncated: false,
          error: { code: "too-large", message },
        });
      const declared = Number(headers["content-length"]);
      if (!limits.truncate && Number.isFinite(declared) && declared > limits.maxBytes) {
        tooLarge(`${url.href} is ${declared} bytes, over the limit of ${limits.maxBytes}`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        if (size + chunk.length > limits.maxBytes) {
          if (limits.truncate) {
            chunks.push(chunk.subarray(0, limits.maxBytes - size));
            done({ status, headers, body: Buffer.concat(chunks), truncated: true });
          } else tooLarge(`${url.href} sent more than ${limits.maxBytes} bytes`);
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      res.on("end", () => done({ status, headers, body: Buffer.concat(chunks), truncated: false }));
      res.on("error", (e: Error) =>
        done({
          ...empty(),
          status,
          headers,
          error: { code: "network", message: `reading ${url.href} failed: ${e.message}` },
        }),
      );
    });
    req.end();
  });
}

/** The body as text (UTF-8, BOM dropped). */
export const textOf = (r: FetchResult): string =>
  new TextDecoder("utf-8").decode(r.body).replace(/^\uFEFF/, "");
