/**
 * `vllm:URL` and `tgi:URL`: models behind an inference server. Opening one
 * first asks the server what it is, so that a llama.cpp or Ollama server is
 * refused with the reason instead of failing later on its answers.
 */
import { InputError } from "../../errors.ts";
import { HttpError, type HttpOptions, pooled, probe, requestJson } from "./http.node.ts";
import { isObject, recognise } from "./refusals.ts";
import { parseEchoLogprobs, parseTgiPrefill, parseVllmPromptLogprobs } from "./server-parse.ts";
import type { Backend, ScoredText } from "./types.ts";

export interface ServerOptions extends HttpOptions {
  /** Texts per vLLM request (default 16). */
  batchSize?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  /** Served model name for vLLM (default: the first the server lists). */
  model?: string;
}

const baseOf = (url: string) => url.replace(/\/+$/, "").replace(/\/v1$/, "");

async function refuseIfUnscorable(
  base: string,
  url: string,
  options: HttpOptions,
  models?: unknown,
): Promise<void> {
  const [root, props, ollamaVersion] = await Promise.all([
    probe(`${base}/`, options),
    probe(`${base}/props`, options),
    probe(`${base}/api/version`, options),
  ]);
  const refusal = recognise({ root, props, ollamaVersion, models });
  if (refusal) throw new InputError(`${url} ${refusal.message}`);
}

/**
 * Opens a vLLM OpenAI-compatible server.
 * @throws InputError for a server that is down, is not vLLM, or cannot score text (llama.cpp, Ollama).
 */
export async function openVllmBackend(url: string, options: ServerOptions = {}): Promise<Backend> {
  const base = baseOf(url);
  const models = await probe(`${base}/v1/models`, options);
  const data = isObject(models) && Array.isArray(models.data) ? models.data.filter(isObject) : [];
  if (!data.some((d) => d.owned_by === "vllm"))
    await refuseIfUnscorable(base, url, options, models);
  if (data.length === 0)
    throw new InputError(
      `${url}: no vLLM server answers there (GET /v1/models gave ${models === undefined ? "no answer" : "no model list"})`,
      "Start vLLM with 'vllm serve MODEL' and pass its address, e.g. vllm:http://127.0.0.1:8000",
    );
  const model = options.model ?? String(data[0]!.id);
  if (!data.some((d) => d.id === model))
    throw new InputError(
      `${url}: the server does not serve ${model}; it serves ${data.map((d) => d.id).join(", ")}`,
    );
  const version = await probe(`${base}/version`, options);
  let mode: "prompt_logprobs" | "echo" = "prompt_logprobs";
  const server = `vLLM server ${base}`;

  const batch = async (texts: readonly string[], first: number): Promise<ScoredText[]> => {
    const body = (m: typeof mode) =>
      m === "prompt_logprobs"
        ? { model, prompt: texts, max_tokens: 1, temperature: 0, prompt_logprobs: 0 }
        : { model, prompt: texts, max_tokens: 1, temperature: 0, echo: true, logprobs: 0 };
    let answer: unknown;
    try {
      answer = await requestJson(`${base}/v1/completions`, { body: body(mode) }, options);
    } catch (e) {
      // Older vLLM and other OpenAI-compatible servers know only echo + logprobs.
      if (
        !(
          e instanceof HttpError &&
          e.status === 400 &&
          mode === "prompt_logprobs" &&
          /prompt_logprobs/.test(e.body)
        )
      )
        throw wrap(e, server);
      mode = "echo";
      answer = await requestJson(`${base}/v1/completions`, { body: body(mode) }, options).catch(
        (err) => {
          throw wrap(err, server);
        },
      );
    }
    if (!isObject(answer) || !Array.isArray(answer.choices))
      throw new InputError(
        `${server} sent malformed log-probabilities: the answer has no choices list`,
      );
    const choices = [...answer.choices]
      .filter(isObject)
      .sort((a, b) => Number(a.index) - Number(b.index));
    if (choices.length !== texts.length)
      throw new InputError(
        `${server} sent malformed log-probabilities: ${choices.length} choices for ${texts.length} texts (a partial answer)`,
      );
    return choices.map((c, i) =>
      mode === "prompt_logprobs"
        ? parseVllmPromptLogprobs(server, texts[i]!, c, first + i)
        : parseEchoLogprobs(server, texts[i]!, c, first + i),
    );
  };

  return {
    spec: `vllm:${url}`,
    fullDistribution: false,
    info: {
      server: "vLLM",
      model,
      version: isObject(version) ? String(version.version ?? "") : "",
      url: base,
    },
    async score(texts) {
      const size = options.batchSize ?? 16;
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
      const results = await pooled(batches, options.concurrency ?? 4, (b, k) => batch(b, k * size));
      return results.flat();
    },
    async close() {},
  };
}

/**
 * Opens a Hugging Face text-generation-inference server.
 * @throws InputError for a server that is down, is not TGI, or cannot score text.
 */
export async function openTgiBackend(url: string, options: ServerOptions = {}): Promise<Backend> {
  const base = baseOf(url);
  const info = await probe(`${base}/info`, options);
  if (!isObject(info) || typeof info.model_id !== "string") {
    await refuseIfUnscorable(base, url, options, await probe(`${base}/v1/models`, options));
    throw new InputError(
      `${url}: no text-generation-inference server answers there (GET /info gave ${info === undefined ? "no answer" : "no model_id"})`,
      "Pass the address of a TGI server, e.g. tgi:http://127.0.0.1:8080",
    );
  }
  const server = `TGI server ${base}`;
  return {
    spec: `tgi:${url}`,
    fullDistribution: false,
    info: {
      server: "text-generation-inference",
      model: info.model_id,
      version: String(info.version ?? ""),
      url: base,
    },
    async score(texts) {
      return pooled(texts, options.concurrency ?? 4, async (text, i) => {
        const answer = await requestJson(
          `${base}/generate`,
          {
            body: {
              inputs: text,
              parameters: {
                decoder_input_details: true,
                details: true,
                max_new_tokens: 1,
                do_sample: false,
              },
            },
          },
          options,
        ).catch((e) => {
          throw wrap(e, server);
        });
        return parseTgiPrefill(server, text, answer, i);
      });
    },
    async close() {},
  };
}

function wrap(e: unknown, server: string): Error {
  if (e instanceof HttpError)
    return new InputError(
      `${server} refused the request: HTTP ${e.status}: ${e.body.slice(0, 300)}`,
      "The text may be longer than the model's context, or the server misconfigured.",
    );
  return e as Error;
}
