/**
 * Servers that cannot score a given text. Both generate text and report the
 * log-probabilities of what they generate, but neither gives the probability
 * of a text it is handed: llama.cpp's server rejects `echo` and reports
 * `n_probs` only for generated tokens; Ollama reports log-probabilities only
 * for its own output. Scoring a canary needs the probability of the canary.
 */
export const LLAMA_CPP_SERVER =
  "is a llama.cpp server (llama-server). It cannot return the log-probabilities of a given text: it rejects echo and reports probabilities only for tokens it generates. Score the same GGUF file directly with --model gguf:/path/to/model.gguf (tgpl runs llama.cpp itself), or serve the model with vLLM (--model vllm:URL).";

export const OLLAMA =
  "is an Ollama server. Ollama reports log-probabilities only for tokens it generates, never for a text it is given, so it cannot score one. Score the model's GGUF file with --model gguf:PATH ('ollama show MODEL --modelfile' prints its path), or serve the model with vLLM (--model vllm:URL) or text-generation-inference (--model tgi:URL).";

export type Refusal = { server: "llama.cpp" | "ollama"; message: string };

/** What the probes show: a llama.cpp or Ollama server, or nothing to refuse. */
export function recognise(probes: {
  root?: unknown;
  props?: unknown;
  models?: unknown;
  ollamaVersion?: unknown;
}): Refusal | null {
  if (typeof probes.root === "string" && /ollama is running/i.test(probes.root))
    return { server: "ollama", message: OLLAMA };
  if (
    isObject(probes.ollamaVersion) &&
    typeof probes.ollamaVersion.version === "string" &&
    !isObject(probes.props)
  )
    return { server: "ollama", message: OLLAMA };
  const owners =
    isObject(probes.models) && Array.isArray(probes.models.data)
      ? probes.models.data.map((d) => (isObject(d) ? d.owned_by : undefined))
      : [];
  if (owners.includes("llamacpp")) return { server: "llama.cpp", message: LLAMA_CPP_SERVER };
  if (
    isObject(probes.props) &&
    ("default_generation_settings" in probes.props || "total_slots" in probes.props)
  )
    return { server: "llama.cpp", message: LLAMA_CPP_SERVER };
  return null;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
