/** Model specs on the command line: gguf:PATH, vllm:URL, tgi:URL. */
import { existsSync } from "node:fs";
import { InputError, UsageError } from "../../errors.ts";
import { type GgufBackendOptions, openGgufBackend } from "./gguf.node.ts";
import { LLAMA_CPP_SERVER, OLLAMA } from "./refusals.ts";
import { openTgiBackend, openVllmBackend, type ServerOptions } from "./servers.node.ts";
import type { Backend } from "./types.ts";

export type ModelSpec = { kind: "gguf"; path: string } | { kind: "vllm" | "tgi"; url: string };

export const MODEL_SPEC_HELP =
  "gguf:PATH (a local GGUF file, run by llama.cpp), vllm:URL (a vLLM server) or tgi:URL (a text-generation-inference server)";

/**
 * Parses a model spec.
 * @throws UsageError for an unknown form; InputError for servers that cannot score text.
 */
export function parseModelSpec(spec: string): ModelSpec {
  const m = /^([a-z.]+):(.+)$/i.exec(spec);
  const scheme = m?.[1]?.toLowerCase();
  if (scheme === "gguf") return { kind: "gguf", path: m![2]! };
  if (scheme === "vllm" || scheme === "tgi") {
    const url = m![2]!;
    if (!/^https?:\/\//.test(url))
      throw new UsageError(`${spec}: a server address starts with http:// or https://`);
    return { kind: scheme, url };
  }
  if (scheme === "llamacpp" || scheme === "llama.cpp" || scheme === "llama-server")
    throw new InputError(`${m![2]} ${LLAMA_CPP_SERVER}`);
  if (scheme === "ollama") throw new InputError(`${m![2]} ${OLLAMA}`);
  if (spec.toLowerCase().endsWith(".gguf") && existsSync(spec)) return { kind: "gguf", path: spec };
  throw new UsageError(`unknown model ${JSON.stringify(spec)}: use ${MODEL_SPEC_HELP}`);
}

export async function openBackend(
  spec: string,
  options: GgufBackendOptions & ServerOptions = {},
): Promise<Backend> {
  const s = parseModelSpec(spec);
  if (s.kind === "gguf") return openGgufBackend(s.path, options);
  return s.kind === "vllm" ? openVllmBackend(s.url, options) : openTgiBackend(s.url, options);
}
