/**
 * The readers take from CycloneDX properties and SPDX 3 extension entries
 * what those formats have no field for: deployment, published documents,
 * use, how each parent was derived, the terms seen on a source. Tests on the
 * lineage fixtures, with the properties `tgpl export` writes added.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readCycloneDx } from "./cyclonedx.ts";
import { readSpdx3 } from "./spdx3.ts";
import {
  applyModelProperties,
  modelProperties,
  readTerms,
  termsProperty,
} from "./tgpl-properties.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests edit fixture JSON in place, field by field.
type Obj = Record<string, any>;
const fixture = (path: string): Obj =>
  JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8"));
const cdxProps = (props: (readonly [string, string])[]) =>
  props.map(([name, value]) => ({ name, value }));
const spdxExtension = (props: (readonly [string, string])[]) => [
  {
    type: "extension_CdxPropertiesExtension",
    extension_cdxProperty: props.map(([n, v]) => ({
      type: "extension_CdxPropertyEntry",
      extension_cdxPropName: n,
      extension_cdxPropValue: v,
    })),
  },
];

describe("properties: written and read back alike", () => {
  it("deployment, use and published documents", () => {
    const props = modelProperties({
      deployment: ["internal"],
      use: "non-commercial",
      published: { weights: true, "model-source": false },
    });
    const spec = { id: "x/y" } as Obj;
    const warnings: string[] = [];
    applyModelProperties(spec as never, props, warnings);
    assert.deepEqual(spec, {
      id: "x/y",
      deployment: ["internal"],
      use: "non-commercial",
      published: { weights: true, "model-source": false },
    });
    applyModelProperties(spec as never, [["tgpl:deployment", "cloud"]], warnings);
    assert.equal(warnings.length, 1, "a deployment it does not know is said, not taken");
  });

  it("terms, and a value that is not ours is ignored with a warning", () => {
    const p = termsProperty({ tdmReservation: true, offer: "LicenseRef-TGPL-1.0" })!;
    const warnings: string[] = [];
    assert.deepEqual(readTerms(p[1], warnings, "s"), {
      tdmReservation: true,
      offer: "LicenseRef-TGPL-1.0",
    });
    assert.equal(readTerms("tdm-reservation=1", warnings, "s"), null);
    assert.equal(warnings.length, 1);
    assert.equal(termsProperty({}), null);
  });
});

describe("CycloneDX reader", () => {
  it("a BOM's tgpl:deployment says internal, and services no longer pass for an API", () => {
    const bom = fixture("cyclonedx/tgpl-coder-apache.cdx.json");
    bom.metadata.component.properties = cdxProps([
      ["tgpl:deployment", "internal"],
      ["tgpl:published:training-data", "true"],
    ]);
    const r = readCycloneDx(bom);
    assert.ok(r.ok);
    assert.deepEqual(r.value[0]!.spec.deployment, ["internal"]);
    assert.deepEqual(r.value[0]!.spec.published, { "training-data": true });
    bom.services = [{ name: "api" }];
    bom.metadata.component.properties = cdxProps([["tgpl:deployment", "api,distributed"]]);
    const served = readCycloneDx(bom);
    assert.ok(served.ok);
    assert.deepEqual(served.value[0]!.spec.deployment, ["api", "distributed"]);
  });

  it("each ancestor's own tgpl:relation, without the warning a bare pedigree earns", () => {
    const bom = fixture("cyclonedx/tgpl-coder-apache.cdx.json");
    const before = readCycloneDx(bom);
    assert.ok(before.ok && before.value[0]!.warnings.some((w) => /read as a fine-tune/.test(w)));
    bom.metadata.component.pedigree.ancestors = [
      {
        ...bom.metadata.component.pedigree.ancestors[0],
        properties: cdxProps([["tgpl:relation", "adapter"]]),
      },
      {
        type: "machine-learning-model",
        name: "other/model",
        properties: cdxProps([["tgpl:relation", "merge"]]),
      },
    ];
    const r = readCycloneDx(bom);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value[0]!.spec.bases!.map((b) => [b.ref, b.relation, !!b.model]),
      [
        ["acme/tgpl-coder-7b", "adapter", true],
        ["other/model", "merge", false],
      ],
    );
    assert.ok(!r.value[0]!.warnings.some((w) => /read as a fine-tune/.test(w)));
  });

  it("a data component's terms", () => {
    const bom = fixture("cyclonedx/tgpl-coder-apache.cdx.json");
    bom.components[2].licenses = undefined;
    bom.components[2].properties = cdxProps([
      termsProperty({ tdmReservation: true, offer: "LicenseRef-TGPL-1.0" })!,
    ]);
    const r = readCycloneDx(bom);
    assert.ok(r.ok);
    const s = r.value[0]!.spec.sources!.find((x) => x.name === "example/dialogues")!;
    assert.deepEqual(s, {
      name: "example/dialogues",
      licence: null,
      terms: { tdmReservation: true, offer: "LicenseRef-TGPL-1.0" },
    });
  });
});

describe("SPDX 3 reader", () => {
  const graph = (doc: Obj) => doc["@graph"] as Obj[];
  const rel = (doc: Obj, id: string) => graph(doc).find((e) => e.spdxId === id)!;
  const BASE = "https://example.org/spdx/AIPackage/base";

  it("descendantOf with the relation in its extension; the model's deployment and published documents", () => {
    const doc = fixture("spdx3/tgpl-derived.spdx3.json");
    rel(doc, "https://example.org/spdx/Relationship/chat-descendantOf-base").extension =
      spdxExtension([["tgpl:relation", "adapter"]]);
    rel(doc, "https://example.org/spdx/AIPackage/chat").extension = spdxExtension([
      ["tgpl:deployment", "api"],
      ["tgpl:published:network-offer", "false"],
    ]);
    const r = readSpdx3(doc);
    assert.ok(r.ok);
    const chat = r.value[0]!;
    assert.equal(chat.spec.bases![0]!.relation, "adapter");
    assert.deepEqual(chat.spec.deployment, ["api"]);
    assert.deepEqual(chat.spec.published, { "network-offer": false });
    assert.ok(!chat.warnings.some((w) => /read as a fine-tune/.test(w)));
  });

  it("trainedOn NoneElement declares no training data; NoAssertionElement declares nothing", () => {
    const doc = fixture("spdx3/tgpl-derived.spdx3.json");
    rel(doc, "https://example.org/spdx/Relationship/chat-trainedOn").to = ["NoneElement"];
    rel(doc, "https://example.org/spdx/Relationship/base-trainedOn").to = ["NoAssertionElement"];
    const r = readSpdx3(doc);
    assert.ok(r.ok);
    assert.deepEqual(r.value[0]!.spec.sources, []);
    assert.equal(r.value[0]!.spec.bases![0]!.model!.sources, undefined);
  });

  it("a parent the document only names is named, not described, and is no model document of its own", () => {
    const doc = fixture("spdx3/tgpl-derived.spdx3.json");
    // The base keeps its name and nothing else: no licence, no training data.
    doc["@graph"] = graph(doc).filter(
      (e) =>
        !(typeof e.from === "string" && e.from === BASE && e.relationshipType !== "descendantOf"),
    );
    const r = readSpdx3(doc);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((d) => d.spec.id),
      ["acme/tgpl-chat"],
    );
    assert.deepEqual(r.value[0]!.spec.bases, [{ ref: "acme/tgpl-coder-7b", relation: "finetune" }]);
  });
});
