import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { InputError } from "../../errors.ts";
import { findCanaries } from "./check.ts";
import { commitmentHash, commitmentText } from "./commitment.ts";
import { drawCanaries, normalizeCanary } from "./draw.ts";
import { plant, plantKind } from "./plant.ts";
import { candidate, chooseFiles, isCandidate } from "./select.ts";
import { STATISTIC, TEST, VAULT_FORMAT, validateVault, type Vault } from "./vault.ts";

const SEED = "5eed".repeat(16);

describe("drawing canaries", () => {
  it("draws distinct word-like canaries and publishes the requested number, reproducibly", () => {
    const a = drawCanaries(SEED, 30, 30);
    assert.deepEqual(a, drawCanaries(SEED, 30, 30));
    assert.equal(a.length, 60);
    assert.equal(a.filter((c) => c.published).length, 30);
    assert.equal(new Set(a.map((c) => normalizeCanary(c.text))).size, 60);
    for (const c of a) assert.match(c.text, /^[a-z]+_[a-z]+_[a-z]+_[1-9]\d$/);
    const b = drawCanaries("0".repeat(63) + "1", 30, 30);
    assert.notDeepEqual(
      a.map((c) => c.text),
      b.map((c) => c.text),
    );
  });

  it("never looks like a secret: no long hex or base64-like runs, no secret words", () => {
    for (const c of drawCanaries(SEED, 200, 200)) {
      assert.doesNotMatch(c.text, /[0-9a-f]{12,}|[A-Za-z0-9+/]{24,}/);
      assert.doesNotMatch(c.text, /key|secret|token|pass|auth|private|cred/);
      assert.ok(c.text.length <= 40, c.text);
    }
  });

  it("publishes a random half: the assignment depends on the seed, not on the order drawn", () => {
    const firstPublished = new Set<number>();
    for (let s = 0; s < 20; s++) {
      const seed = s.toString(16).padStart(64, "a");
      firstPublished.add(drawCanaries(seed, 5, 5).findIndex((c) => c.published));
    }
    assert.ok(
      firstPublished.size >= 3,
      `first published index was always in ${[...firstPublished]}`,
    );
  });
});

describe("commitment", () => {
  const canaries = drawCanaries(SEED, 2, 2);
  const pre = { statistic: STATISTIC, test: TEST, alpha: 0.05, contexts: ["js-cjs", "python"] };
  const text = commitmentText(SEED, "tgpl-words-1", pre, canaries);

  it("is sha256 of a documented line format that anyone can recompute with sha256sum", () => {
    assert.deepEqual(text.split("\n").slice(0, 7), [
      "tgpl-canary-commitment/1",
      `seed ${SEED}`,
      "wordlist tgpl-words-1",
      `statistic ${STATISTIC}`,
      `test ${TEST}`,
      "alpha 0.05",
      "contexts js-cjs,python",
    ]);
    assert.match(text, /\ncanary 0 [PH] [a-z_0-9]+\ncanary 1 [PH] /);
    assert.ok(text.endsWith("\n"));
    const shell = execFileSync("sha256sum", { input: text, encoding: "utf8" }).split(" ")[0];
    assert.equal(commitmentHash(text), shell);
  });

  it("changes when the assignment, a canary, the seed or alpha changes", () => {
    const h = commitmentHash(text);
    const flipped = canaries.map((c, i) => (i === 0 ? { ...c, published: !c.published } : c));
    assert.notEqual(commitmentHash(commitmentText(SEED, "tgpl-words-1", pre, flipped)), h);
    assert.notEqual(
      commitmentHash(commitmentText(SEED, "tgpl-words-1", { ...pre, alpha: 0.01 }, canaries)),
      h,
    );
    assert.notEqual(
      commitmentHash(commitmentText("f".repeat(64), "tgpl-words-1", pre, canaries)),
      h,
    );
  });
});

describe("planting", () => {
  const C = "quiet_harbor_lantern_47";

  it("chooses the form from the language and module system", () => {
    assert.equal(plantKind("a.mjs", ""), "js-esm");
    assert.equal(plantKind("a.js", "import x from 'y';\n"), "js-esm");
    assert.equal(plantKind("a.js", "const x = require('y')\n"), "js-cjs");
    assert.equal(plantKind("a.js", "window.onload = f;\n"), "js-script");
    assert.equal(plantKind("a.ts", "export function f() {}\n"), "ts");
    assert.equal(plantKind("a.ts", "function f() {}\n"), null); // a TS script would become a module
    assert.equal(plantKind("a.d.ts", "export declare const x: 1;\n"), null);
    assert.equal(plantKind("a.ts", "import x = require('x');\nexport = x;\n"), null);
    assert.equal(
      plantKind("a.js", "import { createRequire } from 'module';\nconst r = require('x');\n"),
      null,
    );
    assert.equal(plantKind("pkg/mod.py", "x = 1\n"), "python");
    assert.equal(plantKind("README.md", "# hi\n"), null);
  });

  it("plants after a shebang, header comments and 'use strict', keeping CRLF", () => {
    const src =
      "#!/usr/bin/env node\r\n/*\r\n * Copyright 2020\r\n */\r\n'use strict';\r\nconst a = require('a')\r\n";
    const p = plant(src, "js-cjs", C);
    assert.equal(
      p.text,
      "#!/usr/bin/env node\r\n/*\r\n * Copyright 2020\r\n */\r\n'use strict';\r\nexports.QUIET_HARBOR_LANTERN_47 = \"quiet_harbor_lantern_47\";\r\nconst a = require('a')\r\n",
    );
    assert.equal(p.line, 6);
  });

  it("plants after a Python docstring and a parenthesised __future__ import", () => {
    const src =
      '#!/usr/bin/env python3\n"""Doc.\n\nMore.\n"""\nfrom __future__ import (\n    annotations,\n)\n\nimport os\n';
    const p = plant(src, "python", C);
    assert.equal(
      p.text,
      '#!/usr/bin/env python3\n"""Doc.\n\nMore.\n"""\nfrom __future__ import (\n    annotations,\n)\n\nQUIET_HARBOR_LANTERN_47 = "quiet_harbor_lantern_47"\nimport os\n',
    );
    const oneLine = plant("'''One line.'''\nx = 1\n", "python", C);
    assert.equal(oneLine.line, 2);
  });

  it("keeps a byte-order mark first and handles a file that is all comments", () => {
    const p = plant("\uFEFF// only a comment", "js-esm", C);
    assert.equal(
      p.text,
      '\uFEFF// only a comment\nexport const QUIET_HARBOR_LANTERN_47 = "quiet_harbor_lantern_47";\n',
    );
  });

  it("does not plant in code that is vendored, generated or minified", () => {
    const body = "export const a = 1;\n".repeat(10);
    assert.ok(isCandidate(candidate("src/a.ts", body, body.length)));
    const reasons = [
      candidate("node_modules/x/a.js", body, body.length),
      candidate("vendor/a.py", body, body.length),
      candidate("src/a.min.js", body, body.length),
      candidate(
        "src/gen.ts",
        `// Code generated by protoc. DO NOT EDIT.\n${body}`,
        body.length + 40,
      ),
      candidate("src/wide.js", `export const a = "${"x".repeat(1200)}";\n`, 1230),
      candidate("src/tiny.py", "x = 1\n", 6),
    ].map((c) => ("reason" in c ? c.reason : "planted"));
    assert.deepEqual(reasons, [
      "inside node_modules/",
      "inside vendor/",
      "minified or bundled",
      "generated",
      "lines too long (minified?)",
      "too small",
    ]);
    const test = candidate("tests/test_a.py", body.replaceAll("export const", "A ="), body.length);
    assert.ok(isCandidate(test) && test.tier === 1);
  });

  it("chooses distinct files, sources before tests, in an order drawn from the seed", () => {
    const files = [
      ...["a", "b", "c", "d", "e", "f"].map((n) => ({
        path: `src/${n}.py`,
        kind: "python" as const,
        tier: 0,
      })),
      { path: "tests/test_x.py", kind: "python" as const, tier: 1 },
    ];
    const chosen = chooseFiles(files, 7, SEED);
    assert.equal(new Set(chosen.map((c) => c.path)).size, 7);
    assert.equal(chosen.at(-1)!.path, "tests/test_x.py");
    const orders = new Set(
      ["1", "2", "3", "4"].map((d) =>
        chooseFiles(files, 3, d.repeat(64))
          .map((c) => c.path)
          .join(),
      ),
    );
    assert.ok(orders.size > 1);
  });
});

describe("finding canaries in copies", () => {
  const [c] = drawCanaries(SEED, 1, 1);
  const name = c!.text;
  it("finds a canary after reformatting, minification or a change of case and separators", () => {
    const copies = [
      `exports.${name.toUpperCase()}="${name}";`,
      `var a="${name}";module.exports=a`,
      `${name.replaceAll("_", "-")}`,
      `${name.toUpperCase().replaceAll("_", " ")}`,
    ].map((text, i) => ({ path: `f${i}`, text }));
    const [p] = findCanaries(copies, [c!]);
    assert.deepEqual(p!.files, ["f0", "f1", "f2", "f3"]);
    const [none] = findCanaries([{ path: "x", text: name.slice(0, -1) }], [c!]);
    assert.deepEqual(none!.files, []);
  });
});

describe("vault validation", () => {
  const canaries = drawCanaries(SEED, 2, 2).map((c) =>
    c.published ? { ...c, file: "a.py", kind: "python" as const, line: 1, statement: "X = 1" } : c,
  );
  const pre = { statistic: STATISTIC, test: TEST, alpha: 0.05, contexts: ["python"] };
  const vault: Vault = {
    format: VAULT_FORMAT,
    created: "2025-01-01T00:00:00.000Z",
    repository: { name: "r", path: "/r" },
    seed: SEED,
    wordlist: "tgpl-words-1",
    preregistration: pre,
    canaries,
    files: [],
    commitment: commitmentHash(commitmentText(SEED, "tgpl-words-1", pre, canaries)),
  };

  it("accepts the vault it was made as", () => {
    assert.equal(validateVault(structuredClone(vault)).commitment, vault.commitment);
  });

  it("refuses a vault edited after the commitment, naming the field", () => {
    const swap = structuredClone(vault);
    const pub = swap.canaries.findIndex((c) => c.published);
    const held = swap.canaries.findIndex((c) => !c.published);
    swap.canaries[pub]!.published = false;
    Object.assign(swap.canaries[held]!, {
      published: true,
      file: "a.py",
      kind: "python",
      statement: "X = 1",
    });
    assert.throws(
      () => validateVault(swap, "v.json"),
      (e: unknown) =>
        e instanceof InputError && /^v\.json: canaries\[\d\]: the seed gives/.test(e.message),
    );
    const alpha = structuredClone(vault);
    alpha.preregistration.alpha = 0.1;
    assert.throws(
      () => validateVault(alpha),
      /commitment: recomputed [0-9a-f]{64}, the vault says/,
    );
    const text = structuredClone(vault);
    text.canaries[0]!.text = "calm_river_stone_10";
    assert.throws(() => validateVault(text), /canaries\[0\]: the seed gives/);
    const ctx = structuredClone(vault);
    ctx.preregistration.contexts = ["rust"];
    assert.throws(
      () => validateVault(ctx),
      /preregistration\.contexts: unknown context kind "rust"/,
    );
    assert.throws(() => validateVault({ format: "something-else" }), /not a tgpl canary vault/);
    assert.throws(() => validateVault([1, 2]), /not a tgpl canary vault/);
  });
});
