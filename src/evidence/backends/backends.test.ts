import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError, UsageError } from "../../errors.ts";
import { closedFormModel } from "../models/closed-form.ts";
import { llamaScorer, type Scorer, startServer } from "../test-utils/servers.node.ts";
import { openGgufBackend } from "./gguf.node.ts";
import { openBackend, parseModelSpec } from "./open.node.ts";
import type { Backend, ScoredText } from "./types.ts";

const TEXTS = [
  'export const QUIET_HARBOR_LANTERN_47 = "quiet_harbor_lantern_47";\n',
  "def parse(value):\n    return int(value, 16)  # hex\n",
  "naïve café — 漢字 ✓\n",
  "x",
];

describe("model backends", () => {
  const dir = mkdtempSync(join(tmpdir(), "tgpl-backends-"));
  const model = closedFormModel();
  const path = join(dir, "closed-form.gguf");
  let gguf: Backend;
  let reference: ScoredText[];
  let scorer: Scorer;

  before(async () => {
    writeFileSync(path, model.gguf());
    gguf = await openGgufBackend(path, { threads: 1 });
    reference = await gguf.score(TEXTS);
    scorer = await llamaScorer(path);
  });
  after(async () => {
    await gguf?.close();
    await scorer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("gguf: llama.cpp on a model known in closed form", () => {
    it("gives each token's log-probability to the last digit of llama.cpp's float32 softmax", () => {
      let n = 0;
      for (const scored of reference) {
        let prev = model.vocab.bos;
        for (const t of scored.tokens) {
          assert.equal(
            t.logprob,
            model.float32LogProb(prev, t.id!),
            `token ${t.piece} after ${prev}`,
          );
          // and within float32 rounding of the exact value
          assert.ok(Math.abs(t.logprob! - model.logProb(prev, t.id!)) < 5e-6);
          prev = t.id!;
          n++;
        }
      }
      assert.ok(n > 100, `${n} tokens`);
    });

    it("gives the full next-token distribution and its moments", async () => {
      const [s] = await gguf.score(["ab"], { distribution: "full" });
      const [a, b] = s!.tokens;
      const dist = b!.distribution!;
      assert.equal(dist.length, model.vocab.tokens.length);
      for (let j = 0; j < dist.length; j++)
        assert.equal(dist[j], Math.fround(model.float32LogProb(a!.id!, j)));
      let mean = 0;
      let sq = 0;
      for (let j = 0; j < dist.length; j++) {
        const lp = model.logProb(a!.id!, j);
        mean += Math.exp(lp) * lp;
        sq += Math.exp(lp) * lp * lp;
      }
      assert.ok(Math.abs(b!.moments!.mean - mean) < 1e-5);
      assert.ok(Math.abs(b!.moments!.variance - (sq - mean * mean)) < 1e-4);
    });

    it("places every token on the text, multi-byte characters included", () => {
      for (const scored of reference) {
        assert.equal(scored.aligned, true, scored.text);
        assert.equal(
          scored.tokens.map((t) => scored.text.slice(t.start, t.end)).join(""),
          scored.text,
        );
      }
      const accents = reference[2]!.tokens.find((t) => t.piece === "ï")!;
      assert.equal(reference[2]!.text.slice(accents.start, accents.end), "ï");
    });

    it("scores texts longer than the context in overlapping windows", async () => {
      const small = await openGgufBackend(path, { threads: 1, contextSize: 32 });
      try {
        const long = TEXTS.join("").repeat(3);
        const [s] = await small.score([long]);
        assert.ok(s!.tokens.length > 100);
        let prev = model.vocab.bos;
        for (const t of s!.tokens) {
          assert.equal(t.logprob, model.float32LogProb(prev, t.id!));
          prev = t.id!;
        }
      } finally {
        await small.close();
      }
    });

    it("refuses truncated, corrupt and tokenizer-less files before llama.cpp sees them", async () => {
      const bytes = readFileSync(path);
      writeFileSync(join(dir, "cut.gguf"), bytes.subarray(0, bytes.length - 1000));
      await assert.rejects(
        openGgufBackend(join(dir, "cut.gguf")),
        (e: unknown) =>
          e instanceof InputError &&
          /past the end of the file/.test(e.message) &&
          /cut short/.test(e.hint ?? ""),
      );
      const corrupt = Buffer.from(bytes);
      corrupt.writeUInt32LE(0xdeadbeef, 24 + 8 + 20); // the first key's value type
      writeFileSync(join(dir, "corrupt.gguf"), corrupt);
      await assert.rejects(
        openGgufBackend(join(dir, "corrupt.gguf")),
        /unknown value type 3735928559/,
      );
      writeFileSync(join(dir, "text.gguf"), "this is not a model\n");
      await assert.rejects(openGgufBackend(join(dir, "text.gguf")), /does not start with 'GGUF'/);
      await assert.rejects(
        openGgufBackend(join(dir, "missing.gguf")),
        /cannot open the model file \(ENOENT\)/,
      );
    });
  });

  /** Same log-probabilities token for token; same character ranges wherever the server's pieces could be placed exactly. */
  const same = (a: ScoredText[], b: ScoredText[]) => {
    assert.equal(a.length, b.length);
    a.forEach((x, i) => {
      // servers also report the BOS token (no log-probability, no text)
      const textTokens = x.tokens.filter((t) => t.logprob !== null || t.end > t.start);
      const ref = b[i]!.tokens;
      assert.deepEqual(
        textTokens.map((t) => t.logprob),
        ref.map((t) => t.logprob),
        x.text,
      );
      if (/^[\x00-\x7f]*$/.test(x.text)) assert.equal(x.aligned, true, x.text);
      if (x.aligned)
        assert.deepEqual(
          textTokens.map((t) => [t.start, t.end]),
          ref.map((t) => [t.start, t.end]),
          x.text,
        );
    });
  };

  describe("vllm: an OpenAI-compatible server", () => {
    it("reads prompt_logprobs, in batches, with the same numbers as the local model", async () => {
      const srv = await startServer("vllm", scorer);
      try {
        const b = await openBackend(`vllm:${srv.url}`, { batchSize: 3 });
        const out = await b.score([...TEXTS, ...TEXTS]);
        same(out, [...reference, ...reference]);
        assert.equal(srv.hits.get("/v1/completions"), 3); // 8 texts in batches of 3
        assert.deepEqual((srv.bodies[0] as { prompt_logprobs: number }).prompt_logprobs, 0);
        assert.equal(b.fullDistribution, false);
        assert.equal(b.info.version, "0.8.5");
      } finally {
        await srv.close();
      }
    });

    it("falls back to echo + logprobs when the server rejects prompt_logprobs", async () => {
      const srv = await startServer("vllm", scorer, { rejectPromptLogprobs: true });
      try {
        const b = await openBackend(`vllm:${srv.url}/v1`);
        same(await b.score(TEXTS), reference);
        assert.equal((srv.bodies.at(-1) as { echo: boolean }).echo, true);
      } finally {
        await srv.close();
      }
    });

    it("retries a server that is briefly overloaded", async () => {
      const srv = await startServer("vllm", scorer, { failFirst: 2, promptTokenIds: true });
      try {
        const b = await openBackend(`vllm:${srv.url}`, { backoffMs: 10 });
        same(await b.score(TEXTS.slice(0, 2)), reference.slice(0, 2));
        assert.equal(srv.hits.get("/v1/completions"), 3);
      } finally {
        await srv.close();
      }
    });

    it("gives up on a server that does not answer in time, saying so", async () => {
      const srv = await startServer("vllm", scorer, { delayMs: 400 });
      try {
        const b = await openBackend(`vllm:${srv.url}`, {
          timeoutMs: 100,
          retries: 1,
          backoffMs: 5,
        });
        await assert.rejects(
          b.score(["a"]),
          (e: unknown) =>
            e instanceof InputError &&
            /did not answer \(no answer within 0\.1 s, 2 tries\)/.test(e.message),
        );
        assert.equal(srv.hits.get("/v1/completions"), 2);
      } finally {
        await srv.close();
      }
    });

    for (const [fault, message] of [
      ["nan", /text 1, token 2: log-probability null is not a number/],
      ["positive", /text 1, token 2: log-probability 0\.75 is above 0/],
      ["missing", /no prompt_logprobs in the answer/],
      ["drop-last-token", /prompt_token_ids for \d+ prompt_logprobs \(a partial answer\)/],
      ["fewer-choices", /1 choices for 2 texts \(a partial answer\)/],
      ["bad-json", /not valid JSON/],
    ] as const) {
      it(`refuses a malformed answer: ${fault}`, async () => {
        const srv = await startServer("vllm", scorer, { malformed: fault });
        try {
          const b = await openBackend(`vllm:${srv.url}`);
          await assert.rejects(
            b.score(TEXTS.slice(0, 2)),
            (e: unknown) => e instanceof InputError && message.test(e.message),
          );
        } finally {
          await srv.close();
        }
      });
    }
  });

  describe("tgi: text-generation-inference", () => {
    it("reads decoder_input_details with the same numbers as the local model", async () => {
      const srv = await startServer("tgi", scorer);
      try {
        const b = await openBackend(`tgi:${srv.url}`, { concurrency: 2 });
        same(await b.score(TEXTS), reference);
        assert.equal(srv.hits.get("/generate"), TEXTS.length);
        assert.equal(
          (srv.bodies[0] as { parameters: { decoder_input_details: boolean } }).parameters
            .decoder_input_details,
          true,
        );
      } finally {
        await srv.close();
      }
    });

    it("refuses a partial or damaged prefill", async () => {
      for (const [fault, message] of [
        ["missing", /details\.prefill is empty/],
        ["positive", /prefill 2: log-probability 0\.75 is above 0/],
      ] as const) {
        const srv = await startServer("tgi", scorer, { malformed: fault });
        try {
          const b = await openBackend(`tgi:${srv.url}`);
          await assert.rejects(b.score(TEXTS.slice(0, 1)), message);
        } finally {
          await srv.close();
        }
      }
    });
  });

  describe("servers that cannot score a given text", () => {
    it("refuses Ollama and llama.cpp's server, saying why and what to use", async () => {
      for (const kind of ["ollama", "llamacpp"] as const) {
        const srv = await startServer(kind, null);
        try {
          for (const scheme of ["vllm", "tgi"]) {
            await assert.rejects(openBackend(`${scheme}:${srv.url}`), (e: unknown) => {
              assert.ok(e instanceof InputError);
              if (kind === "ollama")
                assert.match(
                  e.message,
                  /is an Ollama server\. .*only for tokens it generates.*gguf:PATH/,
                );
              else assert.match(e.message, /is a llama\.cpp server .*rejects echo.*gguf:/);
              return true;
            });
          }
        } finally {
          await srv.close();
        }
      }
      assert.throws(() => parseModelSpec("ollama:http://127.0.0.1:11434"), /Ollama server/);
      assert.throws(() => parseModelSpec("llamacpp:http://127.0.0.1:8080"), /llama\.cpp server/);
    });

    it("says what a model spec looks like, and when nothing answers", async () => {
      assert.throws(
        () => parseModelSpec("gpt-4"),
        (e: unknown) => e instanceof UsageError && /use gguf:PATH/.test(e.message),
      );
      assert.throws(() => parseModelSpec("vllm:localhost:8000"), /starts with http/);
      assert.deepEqual(parseModelSpec(path), { kind: "gguf", path });
      await assert.rejects(openBackend("vllm:http://127.0.0.1:9"), /no vLLM server answers there/);
      await assert.rejects(
        openBackend("tgi:http://127.0.0.1:9"),
        /no text-generation-inference server answers there/,
      );
    });
  });
});
