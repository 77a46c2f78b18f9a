/**
 * Loopback HTTP servers for the backend tests. They answer in the documented
 * wire formats of vLLM (/v1/completions with prompt_logprobs, or echo with
 * logprobs), text-generation-inference (/generate with decoder_input_details),
 * and look like llama.cpp's server and Ollama where those must be refused. The
 * numbers come from a real GGUF model run by llama.cpp, not from a table.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { cpuLlama } from "../backends/gguf.node.ts";
import { OneAtATime } from "../backends/one-at-a-time.ts";

export interface Scored {
  ids: number[];
  pieces: string[];
  /** null for the first token. */
  logprobs: (number | null)[];
  ranks: (number | null)[];
}

export interface Scorer {
  score(text: string): Promise<Scored>;
  close(): Promise<void>;
}

/** Scores texts with node-llama-cpp directly: BOS, then each token's probability under the model. */
export async function llamaScorer(modelPath: string): Promise<Scorer> {
  const llama = await cpuLlama();
  const model: LlamaModel = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 512, threads: 1, sequences: 1 });
  const seq: LlamaContextSequence = context.getSequence();
  const jobs = new OneAtATime();
  return {
    score(text) {
      return jobs.run(async () => {
        const ids: Token[] = [model.tokens.bos!, ...model.tokenize(text, false)];
        await seq.clearHistory();
        const out = await seq.controlledEvaluate(
          ids.map((t) => [t, { generateNext: { probabilities: true } }]),
        );
        const logprobs: (number | null)[] = [null];
        const ranks: (number | null)[] = [null];
        for (let i = 1; i < ids.length; i++) {
          const probs = out[i - 1]!.next.probabilities!;
          const p = probs.get(ids[i]!) ?? 0;
          logprobs.push(Math.log(p));
          let rank = 1;
          for (const q of probs.values()) if (q > p) rank++;
          ranks.push(rank);
        }
        const pieces = ids.map((t, i) =>
          i === 0
            ? (model.tokens.bosString ?? "<s>")
            : model.detokenize([t], false, ids.slice(Math.max(1, i - 4), i)),
        );
        return { ids: ids.map(Number), pieces, logprobs, ranks };
      });
    },
    async close() {
      await jobs.idle();
      await context.dispose();
      await model.dispose();
    },
  };
}

export type ServerKind = "vllm" | "tgi" | "ollama" | "llamacpp";

export interface Faults {
  /** Answer this many requests with 503 before answering properly. */
  failFirst?: number;
  /** Wait this long before answering a POST (scoring) request. */
  delayMs?: number;
  /** Answer 400 to prompt_logprobs, as servers that only know echo do. */
  rejectPromptLogprobs?: boolean;
  /** Include prompt_token_ids (newer vLLM does with return_token_ids). */
  promptTokenIds?: boolean;
  /** Damage the answer. */
  malformed?: "drop-last-token" | "nan" | "positive" | "missing" | "bad-json" | "fewer-choices";
}

export interface TestServer {
  url: string;
  /** Requests answered so far, by path. */
  hits: Map<string, number>;
  /** Bodies of completion/generate requests. */
  bodies: unknown[];
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
}

function damage(fault: Faults["malformed"], lps: (number | null)[]): (number | null)[] {
  if (fault === "nan") return lps.map((v, i) => (i === 2 ? Number.NaN : v));
  if (fault === "positive") return lps.map((v, i) => (i === 2 ? 0.75 : v));
  return lps;
}

async function vllmCompletion(
  scorer: Scorer,
  body: Record<string, unknown>,
  faults: Faults,
): Promise<[number, unknown]> {
  const prompts = Array.isArray(body.prompt) ? (body.prompt as string[]) : [body.prompt as string];
  if (body.prompt_logprobs !== undefined && faults.rejectPromptLogprobs)
    return [
      400,
      {
        object: "error",
        message: "Unrecognized request argument supplied: prompt_logprobs",
        type: "BadRequestError",
        code: 400,
      },
    ];
  const choices = [];
  for (const [index, prompt] of prompts.entries()) {
    const s = await scorer.score(prompt);
    let lps = damage(faults.malformed, s.logprobs);
    let ids = s.ids;
    if (faults.malformed === "drop-last-token") {
      lps = lps.slice(0, -1);
      ids = ids.slice(0, -1);
    }
    const choice: Record<string, unknown> = {
      index,
      text: " ",
      logprobs: null,
      finish_reason: "length",
      stop_reason: null,
    };
    if (body.prompt_logprobs !== undefined && faults.malformed !== "missing") {
      choice.prompt_logprobs = lps.map((lp, i) =>
        i === 0
          ? null
          : { [String(ids[i])]: { logprob: lp, rank: s.ranks[i], decoded_token: s.pieces[i] } },
      );
      if (faults.promptTokenIds || faults.malformed === "drop-last-token")
        choice.prompt_token_ids = s.ids;
    }
    if (body.echo) {
      const offsets: number[] = [];
      let at = 0;
      s.pieces.forEach((p, i) => {
        offsets.push(i === 0 ? 0 : at);
        if (i > 0) at += p.length;
      });
      choice.text = `${prompt} `;
      choice.logprobs = {
        tokens: [...s.pieces, " "],
        token_logprobs: [...lps, -1.5],
        text_offset: [...offsets, prompt.length],
        top_logprobs: [
          null,
          ...s.pieces.slice(1).map((p, i) => ({ [p]: lps[i + 1] })),
          { " ": -1.5 },
        ],
      };
    }
    choices.push(choice);
  }
  if (faults.malformed === "fewer-choices") choices.pop();
  return [
    200,
    {
      id: "cmpl-test",
      object: "text_completion",
      created: 1,
      model: "tgpl-test",
      choices,
      usage: { prompt_tokens: 0, completion_tokens: prompts.length, total_tokens: 0 },
    },
  ];
}

async function tgiGenerate(
  scorer: Scorer,
  body: Record<string, unknown>,
  faults: Faults,
): Promise<[number, unknown]> {
  const s = await scorer.score(String(body.inputs));
  let lps = damage(faults.malformed, s.logprobs);
  if (faults.malformed === "drop-last-token") lps = lps.slice(0, -1);
  const prefill = lps.map((lp, i) => ({ id: s.ids[i], text: s.pieces[i], logprob: lp }));
  const details: Record<string, unknown> = {
    finish_reason: "length",
    generated_tokens: 1,
    seed: null,
    tokens: [{ id: 259, text: " ", logprob: -1.5, special: false }],
  };
  if (
    faults.malformed !== "missing" &&
    (body.parameters as Record<string, unknown>)?.decoder_input_details
  )
    details.prefill = prefill;
  return [200, { generated_text: " ", details }];
}

/** Starts a server of this kind on 127.0.0.1 and a free port. */
export async function startServer(
  kind: ServerKind,
  scorer: Scorer | null,
  faults: Faults = {},
): Promise<TestServer> {
  const hits = new Map<string, number>();
  const bodies: unknown[] = [];
  let failures = 0;
  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    try {
      const body = (await readBody(req)) as Record<string, unknown> | undefined;
      if (faults.delayMs && req.method === "POST")
        await new Promise((r) => setTimeout(r, faults.delayMs));
      if (req.method === "POST" && body) bodies.push(body);
      if (req.method === "POST" && faults.failFirst && failures < faults.failFirst) {
        failures++;
        return json(res, 503, { error: "overloaded" });
      }
      if (kind === "vllm") {
        if (path === "/v1/models")
          return json(res, 200, {
            object: "list",
            data: [
              {
                id: "tgpl-test",
                object: "model",
                created: 1,
                owned_by: "vllm",
                root: "tgpl-test",
                max_model_len: 512,
              },
            ],
          });
        if (path === "/version") return json(res, 200, { version: "0.8.5" });
        if (path === "/v1/completions" && req.method === "POST") {
          if (faults.malformed === "bad-json") {
            res.writeHead(200, { "content-type": "application/json" });
            return res.end('{"choices": [{"index": 0, "prompt_logprobs": [null, {"12"');
          }
          const [status, answer] = await vllmCompletion(scorer!, body!, faults);
          return json(res, status, answer);
        }
      }
      if (kind === "tgi") {
        if (path === "/info")
          return json(res, 200, {
            model_id: "tgpl/test",
            model_dtype: "torch.float32",
            model_device_type: "cpu",
            max_input_tokens: 512,
            version: "2.4.0",
            router: "text-generation-router",
          });
        if (path === "/generate" && req.method === "POST") {
          const [status, answer] = await tgiGenerate(scorer!, body!, faults);
          return json(res, status, answer);
        }
      }
      if (kind === "ollama") {
        if (path === "/") {
          res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
          return res.end("Ollama is running");
        }
        if (path === "/api/version") return json(res, 200, { version: "0.6.2" });
        if (path === "/v1/models")
          return json(res, 200, {
            object: "list",
            data: [{ id: "codellama:latest", object: "model", created: 1, owned_by: "library" }],
          });
      }
      if (kind === "llamacpp") {
        if (path === "/health") return json(res, 200, { status: "ok" });
        if (path === "/props")
          return json(res, 200, {
            default_generation_settings: { n_ctx: 512 },
            total_slots: 1,
            model_path: "/models/m.gguf",
          });
        if (path === "/v1/models")
          return json(res, 200, {
            object: "list",
            data: [
              {
                id: "m.gguf",
                object: "model",
                created: 1,
                owned_by: "llamacpp",
                meta: { n_vocab: 354 },
              },
            ],
          });
        if (path === "/v1/completions")
          return json(res, 400, {
            error: {
              code: 400,
              message: "Only no echo is supported",
              type: "invalid_request_error",
            },
          });
      }
      json(res, 404, { error: "Not Found" });
    } catch (e) {
      json(res, 500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    bodies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
