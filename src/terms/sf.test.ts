import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDictionary, sfString } from "./sf.ts";

// Examples are those of RFC 9651 (Structured Field Values for HTTP), section 3.2 and 4.
describe("RFC 9651 dictionaries", () => {
  it("reads the RFC's string and byte-sequence example", () => {
    const d = parseDictionary('en="Applepie", da=:w4ZibGV0w6ZydGU=:')!;
    assert.deepEqual(d.get("en"), {
      kind: "item",
      value: { type: "string", value: "Applepie" },
      params: new Map(),
    });
    assert.deepEqual(d.get("da")?.kind === "item" && d.get("da"), {
      kind: "item",
      value: { type: "bytes", value: "w4ZibGV0w6ZydGU=" },
      params: new Map(),
    });
  });

  it("reads members without a value as true, with their parameters", () => {
    const d = parseDictionary("a=?0, b, c; foo=bar")!;
    assert.deepEqual([...d.keys()], ["a", "b", "c"]);
    const c = d.get("c")!;
    assert.equal(c.kind, "item");
    assert.deepEqual(c.kind === "item" && c.value, { type: "boolean", value: true });
    assert.deepEqual(c.params.get("foo"), { type: "token", value: "bar" });
    const a = d.get("a")!;
    assert.deepEqual(a.kind === "item" && a.value, { type: "boolean", value: false });
  });

  it("reads decimals and inner lists", () => {
    const d = parseDictionary("rating=1.5, feelings=(joy sadness)")!;
    const rating = d.get("rating")!;
    assert.deepEqual(rating.kind === "item" && rating.value, { type: "decimal", value: 1.5 });
    const feelings = d.get("feelings")!;
    assert.equal(feelings.kind, "list");
    assert.deepEqual(feelings.kind === "list" && feelings.items.map((i) => i.value), [
      { type: "token", value: "joy" },
      { type: "token", value: "sadness" },
    ]);
  });

  it("keeps a repeated key in its first place with its last value", () => {
    const d = parseDictionary("a=1, b=2, a=3")!;
    assert.deepEqual([...d.keys()], ["a", "b"]);
    const a = d.get("a")!;
    assert.deepEqual(a.kind === "item" && a.value, { type: "integer", value: 3 });
  });

  it("decodes display strings", () => {
    const d = parseDictionary('x=%"f%c3%bc%c3%bc"')!;
    const x = d.get("x")!;
    assert.deepEqual(x.kind === "item" && x.value, { type: "display", value: "füü" });
  });

  for (const bad of [
    "a=1,", // trailing comma
    "A=1", // keys are lower case
    "a=1 b=2", // missing comma
    'a="unterminated',
    "a=1.2345", // more than three fractional digits
    "a=1234567890123456", // more than fifteen digits
    "a=é", // not ASCII
    'a="\\x"', // only \" and \\ escapes
    "a=(1 2",
    "a=1;", // a parameter needs a key
  ]) {
    it(`fails on ${JSON.stringify(bad)}`, () => assert.equal(parseDictionary(bad), null));
  }

  it("serialises strings with escapes", () => {
    assert.equal(sfString('a "b" \\c'), '"a \\"b\\" \\\\c"');
    assert.throws(() => sfString("é"));
  });
});
