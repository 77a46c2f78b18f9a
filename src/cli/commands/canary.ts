/** `tgpl canary mark|verify|check`: canary campaigns, from planting to evidence. */
import { UsageError } from "../../errors.ts";
import { openBackend } from "../../evidence/backends/open.node.ts";
import { checkRepository } from "../../evidence/canary/check.node.ts";
import { markRepository } from "../../evidence/canary/mark.node.ts";
import { readVault } from "../../evidence/canary/vault.node.ts";
import { scoreCanaries, testCanaries } from "../../evidence/canary/verify.ts";
import { intOption, parse } from "../args.ts";

const USAGE = `Usage:
  tgpl canary mark REPO --vault FILE [--count N] [--held-out M] [--alpha A]
  tgpl canary verify --vault FILE --model MODEL
  tgpl canary check REPO --vault FILE

mark    draws N published and M held-out canaries (default M = N = 16) from a
        new secret seed, plants each published one as a constant in a
        different JavaScript, TypeScript or Python file of REPO, and writes
        the vault (mode 0600, outside REPO) with the seed, every canary and
        where it went. Prints the commitment hash: have it timestamped
        before you release the marked code.
verify  scores every canary, published and held out, under MODEL and runs the
        test fixed in the vault: exact one-sided Wilcoxon-Mann-Whitney on
        mean token loss over the canary. Prints p, AUC, effect size and ranks;
        the ranks name every canary, held-out ones included, as evidence must.
check   which published canaries a copy of the code still holds (after
        reformatting, minification or comment stripping).

MODEL: gguf:PATH (local GGUF file, llama.cpp on the CPU), vllm:URL, tgi:URL.

Options:
  --vault FILE       the campaign's vault
  --count N          published canaries (one per file; default 16)
  --held-out M       held-out canaries (default: as many as published)
  --alpha A          significance level fixed before release (default 0.05)
  --seed HEX         fixed seed, for reproducible demonstrations only
  --model MODEL      the model to test
  --threads N        CPU threads for gguf: (default 2)
  --timeout S        seconds per server request (default 60)
  --json             one JSON document on stdout

Exit codes: 0 done (verify: no evidence at alpha), 1 verify found that the
model was trained on the published canaries, 2 bad usage or input.`;

const OPTIONS = {
  vault: { type: "string" },
  count: { type: "string" },
  "held-out": { type: "string" },
  alpha: { type: "string" },
  seed: { type: "string" },
  model: { type: "string" },
  threads: { type: "string" },
  timeout: { type: "string" },
} as const;

const fmt = (p: number) =>
  p === 0 ? "< 1e-300" : p < 1e-4 ? p.toExponential(2) : p.toPrecision(3);

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, USAGE);
  const [sub, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!sub) throw new UsageError(`give a subcommand: mark, verify or check\n\n${USAGE}`);
  const out = (json: unknown, text: string) =>
    process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : text);
  const needVault = () => {
    if (!values.vault) throw new UsageError(`--vault FILE is required\n\n${USAGE}`);
    return values.vault;
  };
  const needRepo = () => {
    if (rest.length !== 1) throw new UsageError(`give one repository directory\n\n${USAGE}`);
    return rest[0]!;
  };

  if (sub === "mark") {
    const repo = needRepo();
    const vault = needVault();
    const count = intOption(values.count, "count", 16);
    const alpha = values.alpha === undefined ? 0.05 : Number(values.alpha);
    if (!(alpha > 0 && alpha < 1))
      throw new UsageError(
        `--alpha needs a number between 0 and 1, got ${JSON.stringify(values.alpha)}`,
      );
    if (values.seed !== undefined && !/^[0-9a-f]{64}$/.test(values.seed))
      throw new UsageError("--seed needs 64 lowercase hex digits");
    const r = markRepository({
      repo,
      vault,
      count,
      heldOut: intOption(values["held-out"], "held-out", count),
      alpha,
      seed: values.seed,
    });
    out(
      {
        vault: r.vaultPath,
        commitment: r.commitment,
        planted: r.planted,
        published: r.planted.length,
        heldOut: r.vault.canaries.length - r.planted.length,
        contexts: r.vault.preregistration.contexts,
        alpha,
      },
      [
        `Planted ${r.planted.length} canaries in ${repo} (${r.vault.canaries.length - r.planted.length} held out):`,
        ...r.planted.map((p) => `  ${p.file}:${p.line}  ${p.statement}`),
        "",
        `Vault: ${r.vaultPath} (mode 0600). Keep it private and backed up: without it there is no evidence.`,
        `Commitment: sha256 ${r.commitment}`,
        "Have this hash timestamped before you release the marked code (an RFC 3161 service,",
        "OpenTimestamps, or a signed public post), so the campaign is provably fixed in advance.",
        "",
      ].join("\n"),
    );
    return 0;
  }

  if (sub === "check") {
    const r = checkRepository(needRepo(), readVault(needVault()));
    const lines = [
      `${r.present} of ${r.total} published canaries present in ${r.repo} (${r.filesSearched} files searched)`,
    ];
    for (const p of r.published)
      lines.push(
        `  ${p.files.length > 0 ? "present" : "missing"}  ${p.text}${p.files.length > 0 ? `  ${p.files.join(", ")}` : ""}`,
      );
    const changed = r.markedFiles.filter((f) => f.status !== "unchanged");
    if (changed.length > 0)
      lines.push(
        `Marked files not as marked: ${changed.map((f) => `${f.path} (${f.status})`).join(", ")}`,
      );
    if (r.heldOutFound.length > 0)
      lines.push(
        `Warning: ${r.heldOutFound.length} held-out canaries are in the copy though they were never published: has the vault leaked?`,
      );
    out(r, `${lines.join("\n")}\n`);
    return 0;
  }

  if (sub === "verify") {
    if (rest.length > 0) throw new UsageError(`verify takes no positional arguments\n\n${USAGE}`);
    const vault = readVault(needVault());
    if (!values.model) throw new UsageError(`--model MODEL is required\n\n${USAGE}`);
    const backend = await openBackend(values.model, {
      threads: values.threads === undefined ? undefined : intOption(values.threads, "threads", 2),
      timeoutMs: intOption(values.timeout, "timeout", 60) * 1000,
    });
    try {
      const r = testCanaries(await scoreCanaries(backend, vault), vault, backend.spec);
      const e = r.effect;
      out(
        { ...r, modelInfo: backend.info },
        [
          `Model: ${r.model}`,
          `Test (fixed in the vault, commitment ${r.commitment.slice(0, 16)}...): ${r.test} on ${r.statistic}`,
          `Published ${r.published}, held out ${r.heldOut}; contexts ${r.contexts.join(", ")}`,
          `p = ${fmt(r.p)}   AUC = ${r.auc.toFixed(3)}   U = ${r.u}`,
          `mean loss: published ${e.meanLossPublished.toFixed(4)}, held out ${e.meanLossHeldOut.toFixed(4)} nats/token (difference ${e.difference.toFixed(4)}, Cohen's d ${e.cohensD.toFixed(2)})`,
          r.rejected
            ? `Result: the published canaries are better known to the model than the held-out ones (p <= alpha = ${r.alpha}): evidence of training on the marked code.`
            : `Result: no evidence at alpha = ${r.alpha} (p > alpha). This is not proof of absence.`,
          "",
          "rank  loss     published  canary",
          ...r.canaries.map(
            (c) =>
              `${String(c.rank).padStart(4)}  ${c.loss.toFixed(4)}   ${c.published ? "yes" : "no "}        ${c.text}`,
          ),
          "",
        ].join("\n"),
      );
      return r.rejected ? 1 : 0;
    } finally {
      await backend.close();
    }
  }
  throw new UsageError(`unknown subcommand '${sub}'\n\n${USAGE}`);
}
