import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { InputError } from "../../errors.ts";
import { checkRepository } from "./check.node.ts";
import { markRepository } from "./mark.node.ts";
import { readVault } from "./vault.node.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/projects/", import.meta.url));
const NODE_MODULES = join(REPO, "node_modules");
const SEED = "c0ffee".repeat(10) + "c0ff";

// Without NODE_TEST_CONTEXT, a child `node --test` reports in TAP instead of to this runner.
const { NODE_TEST_CONTEXT: _, ...ENV } = process.env;
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: "pipe",
    env: { ...ENV, NODE_PATH: NODE_MODULES },
  });

/** Every file under dir whose name matches, relative paths. */
function files(dir: string, match: RegExp, rel = ""): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(dir, match, p);
    return match.test(p) ? [p] : [];
  });
}

/** A copy of `from` with each matching file passed through `transform`. */
function transformedCopy(
  from: string,
  to: string,
  match: RegExp,
  transform: (text: string, path: string) => string,
) {
  for (const f of files(from, match)) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    writeFileSync(join(to, f), transform(readFileSync(join(from, f), "utf8"), f));
  }
}

describe("tgpl canary mark on real projects", () => {
  const tmp = mkdtempSync(join(tmpdir(), "tgpl-mark-"));
  const vaults = join(tmp, "vaults");
  before(() => mkdirSync(vaults));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("marks rc (a CommonJS package from npm); its own test script still passes; minified copies keep the canaries", async () => {
    const repo = join(tmp, "rc");
    cpSync(join(NODE_MODULES, "rc"), repo, { recursive: true });
    const testScript = () => {
      for (const t of ["test/test.js", "test/ini.js", "test/nested-env-vars.js"])
        run(process.execPath, [t], repo);
    };
    testScript();
    const result = markRepository({ repo, vault: join(vaults, "rc.json"), count: 4, seed: SEED });
    assert.equal(result.planted.length, 4);
    assert.equal(new Set(result.planted.map((p) => p.file)).size, 4);
    assert.deepEqual(result.planted.map((p) => p.file).sort(), [
      "browser.js",
      "cli.js",
      "index.js",
      "lib/utils.js",
    ]);
    for (const p of result.planted) {
      const text = readFileSync(join(repo, p.file), "utf8");
      assert.equal(text.split("\n")[p.line - 1], p.statement);
      assert.match(
        p.statement,
        /^exports\.[A-Z]+_[A-Z]+_[A-Z]+_\d\d = "[a-z]+_[a-z]+_[a-z]+_\d\d";$/,
      );
      run(process.execPath, ["--check", p.file], repo);
    }
    assert.equal(readFileSync(join(repo, "cli.js"), "utf8").split("\n")[0], "#! /usr/bin/env node");
    testScript();

    assert.equal(statSync(result.vaultPath).mode & 0o777, 0o600);
    const vault = readVault(result.vaultPath);
    assert.equal(vault.commitment, result.commitment);
    assert.equal(vault.canaries.filter((c) => !c.published).length, 4);
    assert.deepEqual(vault.preregistration.contexts, ["js-cjs"]);

    const esbuild = await import("esbuild");
    const minified = join(tmp, "rc-min");
    transformedCopy(
      repo,
      minified,
      /\.js$/,
      (code) => esbuild.transformSync(code, { minify: true, loader: "js" }).code,
    );
    assert.doesNotMatch(readFileSync(join(minified, "index.js"), "utf8"), /\n\s+/);
    const check = checkRepository(minified, vault);
    assert.equal(check.present, 4);
    assert.deepEqual(check.heldOutFound, []);
  });

  it("marks a strict TypeScript project; it still type-checks and its tests pass; reformatted copies keep the canaries", async () => {
    const repo = join(tmp, "ts-inventory");
    cpSync(join(FIXTURES, "ts-inventory"), repo, { recursive: true });
    symlinkSync(NODE_MODULES, join(repo, "node_modules"));
    const result = markRepository({ repo, vault: join(vaults, "ts.json"), count: 5, seed: SEED });
    assert.deepEqual(result.planted.map((p) => p.file).sort(), [
      "src/index.ts",
      "src/inventory.ts",
      "src/money.ts",
      "src/parse.ts",
      "src/report.ts",
    ]);
    for (const p of result.planted)
      assert.match(p.statement, /^export const [A-Z_0-9]+ = "[a-z_0-9]+";$/);
    run(process.execPath, [join(NODE_MODULES, "typescript/bin/tsc"), "-p", "tsconfig.json"], repo);
    const out = run(
      process.execPath,
      ["--import", "tsx", "--test", "tests/inventory.spec.ts"],
      repo,
    );
    assert.match(out, /# pass 3\n# fail 0/, out);
    const esbuild = await import("esbuild");
    const stripped = join(tmp, "ts-stripped");
    transformedCopy(
      repo,
      stripped,
      /\.ts$/,
      (code) => esbuild.transformSync(code, { loader: "ts", minify: true }).code,
    );
    assert.equal(checkRepository(stripped, readVault(result.vaultPath)).present, 5);
  });

  it("marks a Python package; its unittest suite passes; comment-stripped, reformatted copies keep the canaries", () => {
    const repo = join(tmp, "py-units");
    cpSync(join(FIXTURES, "py-units"), repo, { recursive: true });
    const result = markRepository({ repo, vault: join(vaults, "py.json"), count: 4, seed: SEED });
    assert.deepEqual(result.planted.map((p) => p.file).sort(), [
      "units/__init__.py",
      "units/convert.py",
      "units/parse.py",
      "units/table.py",
    ]);
    const init = readFileSync(join(repo, "units/__init__.py"), "utf8").split("\n");
    const at = init.findIndex((l) => /^[A-Z_0-9]+ = "/.test(l));
    assert.ok(at > init.indexOf(")"), "planted after the __future__ import");
    assert.ok(at < init.findIndex((l) => l.startsWith("from .convert")));
    const out = execFileSync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", "."], {
      cwd: repo,
      encoding: "utf8",
      stdio: "pipe",
    });
    assert.equal(out, "");
    // ast.unparse drops every comment and reformats the code
    const stripped = join(tmp, "py-stripped");
    transformedCopy(repo, stripped, /\.py$/, (code) =>
      execFileSync(
        "python3",
        ["-c", "import ast,sys; print(ast.unparse(ast.parse(sys.stdin.read())))"],
        { input: code, encoding: "utf8" },
      ),
    );
    assert.doesNotMatch(readFileSync(join(stripped, "units/parse.py"), "utf8"), /#/);
    assert.equal(checkRepository(stripped, readVault(result.vaultPath)).present, 4);
  });

  it("refuses a vault inside the tree, an existing vault, and more canaries than files", () => {
    const repo = join(tmp, "py-refuse");
    cpSync(join(FIXTURES, "py-units"), repo, { recursive: true });
    assert.throws(
      () => markRepository({ repo, vault: join(repo, "secrets/vault.json"), count: 1 }),
      (e: unknown) => e instanceof InputError && /does not exist/.test(e.message),
    );
    assert.throws(
      () => markRepository({ repo, vault: join(repo, "units/vault.json"), count: 1 }),
      (e: unknown) =>
        e instanceof InputError && /must not be inside the repository/.test(e.message),
    );
    writeFileSync(join(vaults, "taken.json"), "{}");
    assert.throws(
      () => markRepository({ repo, vault: join(vaults, "taken.json"), count: 1 }),
      /already there.*|never overwritten/s,
    );
    assert.throws(
      () => markRepository({ repo, vault: join(vaults, "many.json"), count: 9 }),
      (e: unknown) =>
        e instanceof InputError &&
        /5 file\(s\) can receive a canary, 9 needed/.test(e.message) &&
        /--count 5/.test(e.hint ?? ""),
    );
    assert.equal(existsSync(join(vaults, "many.json")), false);
  });

  it("leaves nothing half-written when a write fails midway", () => {
    const probe = join(tmp, "py-probe");
    cpSync(join(FIXTURES, "py-units"), probe, { recursive: true });
    const planned = markRepository({
      repo: probe,
      vault: join(vaults, "probe.json"),
      count: 4,
      seed: SEED,
    }).planted;
    const repo = join(tmp, "py-fail");
    cpSync(join(FIXTURES, "py-units"), repo, { recursive: true });
    const before = new Map(
      files(repo, /\.py$/).map((f) => [f, readFileSync(join(repo, f), "utf8")]),
    );
    // the temporary file of the last planted file cannot be created
    mkdirSync(join(repo, `${planned.at(-1)!.file}.tgpl-mark-${process.pid}`));
    assert.throws(
      () => markRepository({ repo, vault: join(vaults, "fail.json"), count: 4, seed: SEED }),
      /EEXIST|EISDIR/,
    );
    assert.equal(existsSync(join(vaults, "fail.json")), false);
    for (const [f, text] of before) assert.equal(readFileSync(join(repo, f), "utf8"), text, f);
    assert.deepEqual(files(repo, /tgpl-mark/), []);
  });

  it("check: says when a repository does not match the vault, and which canaries a copy lost", () => {
    const vault = readVault(join(vaults, "py.json"));
    const other = join(tmp, "other");
    cpSync(join(NODE_MODULES, "rc"), other, { recursive: true });
    assert.throws(
      () => checkRepository(other, vault),
      (e: unknown) =>
        e instanceof InputError &&
        /does not match the vault/.test(e.message) &&
        /py-units/.test(e.hint ?? ""),
    );
    const partial = join(tmp, "py-partial");
    cpSync(join(tmp, "py-units"), partial, { recursive: true });
    rmSync(join(partial, "units/table.py"));
    const r = checkRepository(partial, vault);
    assert.equal(r.present, 3);
    assert.deepEqual(r.markedFiles.map((f) => [f.path, f.status]).sort(), [
      ["units/__init__.py", "unchanged"],
      ["units/convert.py", "unchanged"],
      ["units/parse.py", "unchanged"],
      ["units/table.py", "missing"],
    ]);
    assert.ok(
      checkRepository(join(tmp, "py-stripped"), vault).markedFiles.every(
        (f) => f.status === "modified",
      ),
    );
    assert.deepEqual(
      r.published.filter((p) => p.files.length === 0).map((p) => vault.canaries[p.index]!.file),
      ["units/table.py"],
    );
  });
});
