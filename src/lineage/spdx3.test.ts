import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readSpdx3 } from "./spdx3.ts";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/spdx3/${name}`, import.meta.url), "utf8"));

describe("SPDX 3.0.1 AI and Dataset documents", () => {
  it("reads the official AI example: the package's licence, and trainedOn from a file it contains", () => {
    const r = readSpdx3(fixture("ai-example02.json"));
    assert.ok(r.ok, r.ok ? "" : r.error);
    const spec = r.value[0]!.spec;
    assert.equal(spec.id, "Sentiment Demo: A Simple AI Application and its AI BOM Example");
    assert.equal(spec.licence, "CC0-1.0");
    // model.bin trainedOn train.txt and valid.txt, which sit in a CC0 dataset: not test.txt (testedOn).
    assert.deepEqual(spec.sources, [
      { name: "train.txt", licence: "CC0-1.0" },
      { name: "valid.txt", licence: "CC0-1.0" },
    ]);
  });

  it("says the official Dataset example describes no model", () => {
    const r = readSpdx3(fixture("dataset-example01.json"));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /ai_AIPackage/);
  });

  it("reads descendantOf as a parent, with licences from LicenseExpression elements and listed-licence URLs", () => {
    const r = readSpdx3(fixture("tgpl-derived.spdx3.json"));
    assert.ok(r.ok);
    const [chat, base] = r.value;
    assert.equal(chat?.spec.id, "acme/tgpl-chat");
    assert.equal(chat?.spec.licence, "Apache-2.0");
    assert.deepEqual(chat?.spec.sources, [{ name: "example/dialogues", licence: "CC-BY-4.0" }]);
    assert.equal(chat?.spec.bases?.[0]?.model, base?.spec);
    assert.equal(base?.spec.licence, "LicenseRef-TGPL-1.0-or-later");
    assert.deepEqual(base?.spec.sources, [
      { name: "git.example.org/free/tgpl-lib", licence: "LicenseRef-TGPL-1.0" },
    ]);
  });
});
