import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../test-utils/run-cli.ts";

const SCENARIOS = fileURLToPath(new URL("../../policy/scenarios/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../lineage/fixtures/", import.meta.url));

describe("tgpl check (CLI)", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tgpl-cli-check-"));
    writeFileSync(
      join(dir, "model.yaml"),
      "model: acme/coder\nlicense: LicenseRef-TGPL-1.0-or-later\ndeployment: distributed\npublished: [weights, model-source, training-data, notices]\ntraining-data:\n  - { name: git.example.org/tgpl-lib, license: LicenseRef-TGPL-1.0 }\n",
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 for a compliant model and prints the verdict first", () => {
    const r = runCli(["check", join(dir, "model.yaml")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^acme\/coder: compliant\n/);
  });

  it("exits 1 with findings in JSON when an override breaks it", () => {
    const r = runCli([
      "check",
      "--json",
      "--weights-license",
      "Apache-2.0",
      join(dir, "model.yaml"),
    ]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.verdict, "violations");
    assert.equal(out.format, "tgpl");
    assert.deepEqual(
      out.findings.map((f: { code: string }) => f.code),
      ["weights-licence-mismatch"],
    );
    assert.deepEqual(out.findings[0].sources[0], {
      source: "git.example.org/tgpl-lib",
      licence: "LicenseRef-TGPL-1.0",
      model: "acme/coder",
    });
  });

  it("takes --deploy, --source and --interpretation", () => {
    const internal = runCli([
      "check",
      "--json",
      "--deploy",
      "internal",
      "--weights-license",
      "MIT",
      join(dir, "model.yaml"),
    ]);
    assert.equal(JSON.parse(internal.stdout).verdict, "compliant");
    const gpl = runCli([
      "check",
      "--json",
      "--interpretation",
      "conservative",
      "--source",
      "linux=GPL-2.0-only",
      join(dir, "model.yaml"),
    ]);
    assert.equal(gpl.code, 1);
    assert.equal(JSON.parse(gpl.stdout).verdict, "conflict");
  });

  it("exits 1 for unknown: it is never rounded to yes", () => {
    const r = runCli(["check", "--json", join(SCENARIOS, "25-files-without-licence.yaml")]);
    // A scenario file is not a model file: it is refused as bad input.
    assert.equal(r.code, 2);
    const card = runCli([
      "check",
      "--json",
      join(FIXTURES, "cards/HuggingFaceH4/zephyr-7b-beta/README.md"),
    ]);
    assert.equal(card.code, 1);
    assert.equal(JSON.parse(card.stdout).verdict, "unknown");
  });

  it("joins a card to the parent and dataset cards given with --parent", () => {
    const r = runCli([
      "check",
      "--json",
      join(FIXTURES, "tgpl/someone/tgpl-coder-7b-sql-lora/README.md"),
      "--parent",
      join(FIXTURES, "tgpl/acme/tgpl-coder-7b/README.md"),
      "--parent",
      join(FIXTURES, "tgpl/acme/tgpl-code/README.md"),
    ]);
    const out = JSON.parse(r.stdout);
    assert.equal(out.verdict, "violations");
    const f = out.findings.find((x: { code: string }) => x.code === "weights-licence-mismatch");
    assert.deepEqual(f.path, ["someone/tgpl-coder-7b-sql-lora", "acme/tgpl-coder-7b"]);
  });

  it("reads the licences of a manifest written by tgpl scan", () => {
    const corpus = join(dir, "corpus");
    rmSync(corpus, { recursive: true, force: true });
    mkdirSync(corpus);
    writeFileSync(
      join(corpus, "a.py"),
      "# SPDX-License-Identifier: LicenseRef-TGPL-1.0\nprint(1)\n",
    );
    writeFileSync(join(corpus, "b.py"), "# SPDX-License-Identifier: MIT\nprint(2)\n");
    writeFileSync(join(corpus, "c.py"), "print(3)\n");
    const manifest = join(dir, "corpus.duckdb");
    const scan = runCli(["scan", corpus, "--out", manifest]);
    assert.equal(scan.code, 0, scan.stderr);
    writeFileSync(
      join(dir, "m2.yaml"),
      "model: acme/m2\nlicense: MIT\ndeployment: distributed\npublished: [weights, training-data]\n",
    );
    const r = runCli(["check", "--json", "--manifest", manifest, join(dir, "m2.yaml")]);
    const out = JSON.parse(r.stdout);
    const codes = out.findings.map((f: { code: string }) => f.code).sort();
    // The TGPL file binds the weights, the unlicensed file stays unknown, the MIT file asks only attribution.
    assert.deepEqual(codes, ["licence-unknown", "model-source-unmet", "weights-licence-mismatch"]);
    const unknown = out.findings.find((f: { code: string }) => f.code === "licence-unknown");
    assert.equal(unknown.sources[0].files, 1);
  });

  it("refuses bad usage and unreadable input with exit 2 and a message", () => {
    assert.equal(runCli(["check"]).code, 2);
    const bad = runCli(["check", "--deploy", "cloud", join(dir, "model.yaml")]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--deploy takes distributed, api, internal/);
    const missing = runCli(["check", join(dir, "nope.yaml")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.yaml/);
  });
});
