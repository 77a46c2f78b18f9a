/**
 * `npm run bench:heritage`: trains model families, writes them as people
 * publish models, recovers their trees from the weights and scores them
 * against the truth; then generates two 1 GB models in bench/.cache/heritage/
 * and times their comparison (peak RSS measured in a child process). Writes
 * its own section of BENCHMARKS.md and bench/.cache/heritage-results.json.
 *
 * Options: --families N (default 24), --skip-big, --no-md.
 */
import { execFileSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { safetensorsHeader } from "../../src/formats/safetensors/writer.ts";
import { heritageOfPaths } from "../../src/lineage/observed/heritage.node.ts";
import { gaussian, rng } from "../../src/lineage/observed/linalg.ts";
import { makeFamily } from "../../src/lineage/observed/train/family.ts";
import { writeModel } from "../../src/lineage/observed/train/write.node.ts";
import { type BenchReport, mergeSection, renderReport } from "./report.ts";
import { addScores, type Score, scoreTree } from "./score.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(REPO, "bench/.cache/heritage");
const args = process.argv.slice(2);
const familiesArg = args.indexOf("--families");
const FAMILIES = familiesArg >= 0 ? Number(args[familiesArg + 1]) : 24;
const SIZES = [32, 32, 32, 4];

function families(): Omit<BenchReport, "date" | "machine" | "big"> {
  const scores: Score[] = [];
  const kp: BenchReport["kurtosisPairs"] = { right: 0, of: 0, byConfidence: {} };
  const unrelated: number[] = [];
  let relatedMin = 1;
  for (let seed = 1; seed <= FAMILIES; seed++) {
    const root = join(CACHE, "families", String(seed));
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const f = makeFamily(seed, { sizes: SIZES });
    const r = heritageOfPaths(f.models.map((m) => ({ path: writeModel(root, m) })));
    const lonely = f.models.filter((m) => m.id.endsWith("/unrelated")).map((m) => m.id);
    const s = scoreTree(f.edges, r.tree.edges, lonely);
    scores.push(s);
    for (const p of r.pairs) {
      if (lonely.includes(p.a) || lonely.includes(p.b)) unrelated.push(p.cosine ?? 0);
      const t = f.edges.find(
        (e) => (e.parent === p.a && e.child === p.b) || (e.parent === p.b && e.child === p.a),
      );
      if (!t) continue;
      relatedMin = Math.min(relatedMin, p.cosine ?? 0);
      if (
        (t.relation === "finetune" || t.relation === "adapter") &&
        p.direction.method === "kurtosis"
      ) {
        kp.of++;
        kp.byConfidence[p.direction.confidence] ??= { right: 0, of: 0 };
        const c = kp.byConfidence[p.direction.confidence]!;
        c.of++;
        if (p.direction.parent === t.parent) {
          kp.right++;
          c.right++;
        }
      }
    }
    process.stderr.write(
      `family ${seed}: ${s.found}/${s.truth} found, ${s.predicted} predicted, ${s.rightDirection} right way\n`,
    );
  }
  return {
    families: FAMILIES,
    sizes: SIZES,
    total: addScores(scores),
    kurtosisPairs: kp,
    cosines: {
      unrelatedMax: Math.max(...unrelated),
      unrelatedMean: unrelated.reduce((a, b) => a + b, 0) / unrelated.length,
      relatedMin,
    },
  };
}

/** Shapes of a 6-layer transformer of width 2048 (vocabulary 16000): about 268 M values, 1.07 GB in F32. */
function bigLayout(): { name: string; shape: [number, number]; lowRank: boolean }[] {
  const out: { name: string; shape: [number, number]; lowRank: boolean }[] = [
    { name: "embed.weight", shape: [16000, 2048], lowRank: false },
  ];
  for (let l = 0; l < 6; l++) {
    for (const k of ["q", "k", "v", "o"])
      out.push({ name: `layers.${l}.attn.${k}.weight`, shape: [2048, 2048], lowRank: true });
    out.push({ name: `layers.${l}.mlp.up.weight`, shape: [5504, 2048], lowRank: false });
    out.push({ name: `layers.${l}.mlp.down.weight`, shape: [2048, 5504], lowRank: false });
  }
  return out;
}

/** Writes the pair tensor by tensor: neither model is ever whole in memory. */
function writeBigPair(): { a: string; b: string; bytes: number; tensors: number } {
  const layout = bigLayout();
  const a = join(CACHE, "big", "base", "model.safetensors");
  const b = join(CACHE, "big", "adapted", "model.safetensors");
  const head = safetensorsHeader(layout.map((t) => ({ ...t, dtype: "F32" as const })));
  const size = head.length + layout.reduce((s, t) => s + t.shape[0] * t.shape[1] * 4, 0);
  if (existsSync(a) && existsSync(b) && statSync(a).size === size && statSync(b).size === size)
    return { a, b, bytes: size, tensors: layout.length };
  mkdirSync(join(CACHE, "big", "base"), { recursive: true });
  mkdirSync(join(CACHE, "big", "adapted"), { recursive: true });
  const fa = openSync(a, "w");
  const fb = openSync(b, "w");
  writeSync(fa, head);
  writeSync(fb, head);
  const g = gaussian(rng(2024));
  for (const t of layout) {
    const [m, n] = t.shape;
    const w = new Float32Array(m * n);
    for (let i = 0; i < w.length; i++) w[i] = g() * 0.02;
    writeSync(fa, new Uint8Array(w.buffer));
    if (t.lowRank) {
      // A rank-8 update, as a LoRA merged into the attention matrices leaves.
      const r = 8;
      const U = Float32Array.from({ length: m * r }, () => g() * 0.01);
      const V = Float32Array.from({ length: r * n }, () => g() * 0.01);
      for (let i = 0; i < m; i++)
        for (let k = 0; k < r; k++) {
          const u = U[i * r + k]!;
          for (let j = 0; j < n; j++) w[i * n + j]! += u * V[k * n + j]!;
        }
    }
    writeSync(fb, new Uint8Array(w.buffer));
  }
  closeSync(fa);
  closeSync(fb);
  return { a, b, bytes: size, tensors: layout.length };
}

function big(): BenchReport["big"] {
  const pair = writeBigPair();
  const script = join(CACHE, "big", "compare.node.ts");
  writeFileSync(
    script,
    `import { heritageOfPaths } from ${JSON.stringify(join(REPO, "src/lineage/observed/heritage.node.ts"))};
const t0 = performance.now();
const r = heritageOfPaths([{ path: ${JSON.stringify(pair.a)} }, { path: ${JSON.stringify(pair.b)} }]);
const p = r.pairs[0];
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, peakRssKiB: process.resourceUsage().maxRSS, relation: p.relation, rank: p.rank }));
`,
  );
  const out = execFileSync(process.execPath, ["--import", "tsx", script], {
    cwd: REPO,
    encoding: "utf8",
  });
  const r = JSON.parse(out.trim().split("\n").pop()!);
  return {
    bytesPerModel: pair.bytes,
    tensors: pair.tensors,
    seconds: r.seconds,
    peakRssMiB: r.peakRssKiB / 1024,
    relation: r.relation,
    rank: r.rank,
  };
}

const fam = families();
const report: BenchReport = {
  ...fam,
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}`,
  ...(args.includes("--skip-big") ? {} : { big: big() }),
};
mkdirSync(CACHE, { recursive: true });
writeFileSync(
  join(REPO, "bench/.cache/heritage-results.json"),
  `${JSON.stringify(report, null, 2)}\n`,
);
const body = renderReport(report);
process.stdout.write(`${body}\n`);
if (!args.includes("--no-md")) {
  const file = join(REPO, "BENCHMARKS.md");
  writeFileSync(file, mergeSection(existsSync(file) ? readFileSync(file, "utf8") : null, body));
}
