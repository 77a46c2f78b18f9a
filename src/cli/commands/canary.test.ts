import assert from "node:assert/strict";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { corpusVocab, trainBigram } from "../../evidence/models/train.node.ts";
import { packageSources } from "../../evidence/test-utils/corpus.node.ts";
import { runCli } from "../test-utils/run-cli.ts";

const FIXTURE = fileURLToPath(
  new URL("../../evidence/canary/fixtures/projects/py-units/", import.meta.url),
);

describe("tgpl canary (CLI)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "tgpl-cli-canary-"));
  const repo = join(tmp, "py-units");
  const vault = join(tmp, "vaults", "units.json");
  const trained = join(tmp, "trained.gguf");
  const untrained = join(tmp, "untrained.gguf");

  before(() => {
    cpSync(FIXTURE, repo, { recursive: true });
    mkdirSync(join(tmp, "vaults"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("mark plants canaries, writes a private vault and prints the commitment", () => {
    // A fixed seed: the verify test below runs the exact test on an untrained
    // model, which with a fresh seed would reject in about 5% of runs (alpha).
    const r = runCli([
      "canary",
      "mark",
      repo,
      "--vault",
      vault,
      "--count",
      "5",
      "--seed",
      "7467706c2d63616e6172792d746573742d736565642d30312d66697865642d31",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.commitment, /^[0-9a-f]{64}$/);
    assert.equal(out.planted.length, 5);
    assert.equal(out.heldOut, 5);
    assert.deepEqual(out.contexts, ["python"]);
    assert.equal(statSync(vault).mode & 0o777, 0o600);
    assert.equal(JSON.parse(readFileSync(vault, "utf8")).commitment, out.commitment);
    const text = runCli(["canary", "check", repo, "--vault", vault]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^5 of 5 published canaries present/);
  });

  it("verify exits 1 for a model trained on the marked code, 0 for one that was not", async () => {
    const corpus = packageSources(["semver"]);
    const marked = [
      "units/__init__.py",
      "units/convert.py",
      "units/parse.py",
      "units/table.py",
      "tests/test_units.py",
    ].map((f) => readFileSync(join(repo, f), "utf8"));
    const vocab = corpusVocab(corpus, 120);
    // a crawler that met the marked repository a few times (forks, mirrors)
    writeFileSync(
      trained,
      await trainBigram(vocab, [...corpus, ...marked, ...marked, ...marked, ...marked]),
    );
    writeFileSync(untrained, await trainBigram(vocab, corpus));
    const yes = runCli([
      "canary",
      "verify",
      "--vault",
      vault,
      "--model",
      `gguf:${trained}`,
      "--threads",
      "1",
      "--json",
    ]);
    assert.equal(yes.code, 1, yes.stderr);
    const r = JSON.parse(yes.stdout);
    assert.equal(r.rejected, true);
    assert.ok(r.p <= 0.05 && r.auc > 0.8, `p ${r.p} auc ${r.auc}`);
    assert.equal(r.canaries.length, 10);
    const no = runCli([
      "canary",
      "verify",
      "--vault",
      vault,
      "--model",
      `gguf:${untrained}`,
      "--threads",
      "1",
    ]);
    assert.equal(no.code, 0, no.stderr);
    assert.match(no.stdout, /p = [0-9.e-]+ {3}AUC = /);
    assert.match(no.stdout, /Result: no evidence at alpha = 0\.05/);
  });

  it("exits 2 with a message that says what to do on bad input", () => {
    const cases: [string[], RegExp][] = [
      [["canary"], /Usage:/],
      [
        ["canary", "verify", "--vault", join(tmp, "none.json"), "--model", `gguf:${untrained}`],
        /cannot read the vault \(ENOENT\)/,
      ],
      [
        ["canary", "verify", "--vault", vault, "--model", "gpt-4"],
        /unknown model "gpt-4": use gguf:PATH/,
      ],
      [
        ["canary", "verify", "--vault", vault, "--model", "ollama:http://127.0.0.1:11434"],
        /is an Ollama server/,
      ],
      [
        ["canary", "mark", repo, "--vault", join(repo, "v.json")],
        /must not be inside the repository/,
      ],
      [["canary", "mark", repo, "--vault", vault], /already there/],
      [
        ["canary", "check", FIXTURE.replace("py-units/", "ts-inventory/"), "--vault", vault],
        /does not match the vault/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
    }
    const cut = join(tmp, "cut.gguf");
    writeFileSync(cut, readFileSync(untrained).subarray(0, 5000));
    const r = runCli(["canary", "verify", "--vault", vault, "--model", `gguf:${cut}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a valid GGUF file: .*past the end of the file|the file ends after/);
    const damaged = join(tmp, "damaged.json");
    const v = JSON.parse(readFileSync(vault, "utf8"));
    v.preregistration.alpha = 0.5;
    writeFileSync(damaged, JSON.stringify(v));
    const d = runCli(["canary", "verify", "--vault", damaged, "--model", `gguf:${untrained}`]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /commitment: recomputed/);
  });
});
