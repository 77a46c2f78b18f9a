import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldText, parseDcf } from "./dcf.ts";
import { topLevelMembers } from "./json-members.ts";
import { elementLines, findEntry, tomlLayout } from "./toml-lines.ts";

describe("JSON member positions", () => {
  it("spans top-level members only, past strings with braces and escapes", () => {
    const text =
      '{\n  "a": {"license": "no"},\n  "b": "x\\"}{,",\n  "license": [\n    "MIT"\n  ]\n}';
    const members = topLevelMembers(text);
    assert.deepEqual([...members.keys()], ["a", "b", "license"]);
    const span = members.get("license")!;
    assert.equal(text.slice(span.start, span.end + 1), '"license": [\n    "MIT"\n  ]');
  });
});

describe("TOML key lines", () => {
  const text = [
    "[package]", // 1
    'name = "x"', // 2
    "license = [ # a comment with ]", // 3
    '  "MIT",', // 4
    "]", // 5
    "desc = '''", // 6
    "[not a header]", // 7
    "'''", // 8
    '[ tool . "poetry" ]', // 9
    'license.text = "MIT"', // 10
    "[[annotations]]", // 11
    'path = "a"', // 12
    "[[annotations]]", // 13
    'path = "b"', // 14
    "precedence = 'override'", // 15
  ].join("\n");
  const layout = tomlLayout(text);

  it("finds keys with multi-line values, quoted and dotted names", () => {
    assert.deepEqual(findEntry(layout, "package", "license"), [3, 5]);
    assert.deepEqual(findEntry(layout, "package", "desc"), [6, 8]);
    assert.deepEqual(findEntry(layout, "tool.poetry", "license.text"), [10, 10]);
    assert.equal(
      layout.headers.some((h) => h.table === "not a header"),
      false,
    );
  });

  it("numbers array-of-tables elements and gives their block lines", () => {
    assert.deepEqual(findEntry(layout, "annotations", "path", 1), [14, 14]);
    assert.deepEqual(elementLines(layout, "annotations", 0), [11, 12]);
    assert.deepEqual(elementLines(layout, "annotations", 1), [13, 15]);
  });
});

describe("DCF paragraphs", () => {
  it("reads fields, continuation lines and paragraphs", () => {
    const paragraphs = parseDcf(
      "Files: a\n b\nLicense: MIT\n Text line\n .\n More\n\n\nFiles: c\r\nLicense: ISC\r\n",
    );
    assert.equal(paragraphs.length, 2);
    const first = paragraphs[0]!;
    assert.equal(fieldText(first.fields.get("files")!), "a\nb");
    assert.deepEqual(first.fields.get("license")!.rest, ["Text line", "", "More"]);
    assert.deepEqual(first.fields.get("license")!.lines, [3, 6]);
    assert.deepEqual(paragraphs[1]!.lines, [9, 10]);
    assert.equal(paragraphs[1]!.fields.get("license")!.first, "ISC");
  });
});
