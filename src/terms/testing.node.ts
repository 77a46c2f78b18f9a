/**
 * Test helpers: HTTP servers on 127.0.0.1 with a port the OS picks, so tests
 * never leave the machine. `staticSite` serves a folder the way Netlify or
 * Cloudflare Pages would, applying the header rules of its `_headers` file,
 * which is how `terms init` tells a static host what to send.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, join, normalize } from "node:path";

export interface Loopback {
  /** Origin with a trailing slash, e.g. http://127.0.0.1:40123/ */
  url: string;
  close(): Promise<void>;
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Loopback> {
  const server: Server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    // Servers that stall on purpose keep sockets open: end them so close() returns.
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".jsonld": "application/ld+json",
  ".txt": "text/plain; charset=utf-8",
};

/** Netlify `_headers`: a path pattern line, then indented `Name: value` lines. */
export function parseHeadersFile(text: string): { pattern: RegExp; headers: [string, string][] }[] {
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*");
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (m && rules.length > 0)
        rules[rules.length - 1]!.headers.push([m[1]!.trim(), m[2]!.trim()]);
    }
  }
  return rules;
}

/** Serve `dir` as a static site; files without an extension (LICENSE) are text/plain. */
export function staticSite(dir: string): Promise<Loopback> {
  return listen((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const headersFile = join(dir, "_headers");
    if (existsSync(headersFile))
      for (const rule of parseHeadersFile(readFileSync(headersFile, "utf8")))
        if (rule.pattern.test(path)) for (const [k, v] of rule.headers) res.setHeader(k, v);
    res.setHeader("content-type", TYPES[extname(file)] ?? "text/plain; charset=utf-8");
    res.end(readFileSync(file));
  });
}
