import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseModelFile } from "../../lineage/model-file.ts";
import type { ModelSpec } from "../../policy/types.ts";
import {
  allModels,
  allOf,
  concludedLicence,
  docModel,
  isHubId,
  licenceIds,
  parseCreated,
  slug,
} from "./doc.ts";

const fixture = (name: string): ModelSpec => {
  const r = parseModelFile(
    readFileSync(new URL(`./fixtures/models/${name}`, import.meta.url), "utf8"),
  );
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  return r.value.spec;
};

describe("the documents' model tree", () => {
  it("keeps every generation, each parent's own sources, and which parents are only named", () => {
    const root = docModel(fixture("three-generations.yaml"), null);
    const ids = allModels(root).map((m) => m.id);
    assert.deepEqual(ids, [
      "acme/tgpl-coder-7b-sql",
      "acme/tgpl-coder-7b",
      "acme/coder-base",
      "acme/tiny-init",
    ]);
    const tiny = allModels(root)[3]!;
    assert.equal(tiny.known, true);
    assert.deepEqual(tiny.sources, [], "an empty list stays a declaration of none");
    const named = docModel(fixture("named-parent.yaml"), null);
    assert.equal(named.bases[0]!.model.known, false);
    assert.equal(named.sources, undefined, "training data not declared stays undeclared");
    assert.equal(new Set(allModels(root).map((m) => m.ref)).size, 4, "refs are unique");
  });

  it("a parent met twice is one node, and a cycle ends", () => {
    const base: ModelSpec = { id: "x/base", licence: "MIT", sources: [] };
    const merged: ModelSpec = {
      id: "x/merged",
      bases: [
        {
          ref: "x/a",
          relation: "merge",
          model: { id: "x/a", bases: [{ ref: "x/base", relation: "finetune", model: base }] },
        },
        {
          ref: "x/b",
          relation: "merge",
          model: { id: "x/b", bases: [{ ref: "x/base", relation: "finetune", model: base }] },
        },
      ],
    };
    const tree = docModel(merged, null);
    assert.equal(allModels(tree).length, 4);
    assert.equal(tree.bases[0]!.model.bases[0]!.model, tree.bases[1]!.model.bases[0]!.model);
    const a: ModelSpec = { id: "c/a", bases: [] };
    const b: ModelSpec = { id: "c/b", bases: [{ ref: "c/a", relation: "merge", model: a }] };
    a.bases!.push({ ref: "c/b", relation: "merge", model: b });
    assert.equal(allModels(docModel(a, null)).length, 2);
  });

  it("a reservation's offer is what training used; an offer without a reservation changes nothing", () => {
    assert.equal(
      concludedLicence(null, { tdmReservation: true, offer: "LicenseRef-TGPL-1.0" }),
      "LicenseRef-TGPL-1.0",
    );
    assert.equal(
      concludedLicence("MIT", { contentUsage: "train-ai=n", offer: "LicenseRef-TGPL-1.0" }),
      "LicenseRef-TGPL-1.0",
    );
    assert.equal(concludedLicence("MIT", { offer: "LicenseRef-TGPL-1.0" }), "MIT");
    assert.equal(concludedLicence(null, { tdmReservation: true }), null);
  });
});

describe("small helpers", () => {
  it("licence ids of an expression, without operators or exceptions", () => {
    assert.deepEqual(
      licenceIds("(GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT) AND LicenseRef-TGPL-1.0"),
      ["GPL-2.0-or-later", "LicenseRef-TGPL-1.0", "MIT"],
    );
    assert.deepEqual(licenceIds(null), []);
    assert.equal(allOf(["MIT", null, "Apache-2.0 OR MIT", "MIT"]), "(Apache-2.0 OR MIT) AND MIT");
    assert.equal(allOf([null]), null);
  });

  it("creation times: ISO 8601 in, SPDX's form out; anything else refused", () => {
    assert.equal(parseCreated("2025-03-01"), "2025-03-01T00:00:00Z");
    assert.equal(parseCreated("2025-03-01T12:30:00.250+02:00"), "2025-03-01T10:30:00Z");
    assert.equal(parseCreated("yesterday"), null);
    assert.equal(parseCreated("2025-13-45"), null);
  });

  it("Hub ids are org/name; hosts and paths are not", () => {
    assert.ok(isHubId("bigcode/the-stack-v2"));
    assert.ok(!isHubId("git.example.org/free/tgpl-lib"));
    assert.ok(!isHubId("news.example.com"));
    assert.ok(!isHubId("github.com/x"));
    assert.equal(slug("Über/Model  7B!"), "ber-model-7b");
  });
});
