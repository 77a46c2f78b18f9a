import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isLicenseId } from "../../expression.ts";
import {
  captureGroups,
  compileRules,
  type NoticeData,
  shippedRules,
  versionKeys,
} from "./rules.ts";

const shipped: NoticeData = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../../../data/notices.json"), "utf8"),
);
const copy = (): NoticeData => structuredClone(shipped);

describe("notice rules (data/notices.json)", () => {
  it("compile, with every name's ids on the SPDX list", () => {
    const result = compileRules(shipped);
    assert.ok(result.ok, result.ok ? "" : result.error.join("\n"));
    const rules = shippedRules();
    assert.equal(rules.names.length, shipped.names.length);
    for (const name of rules.names) {
      if (name.spdx) continue;
      for (const stem of name.versions!.values()) {
        const id = name.later === "gnu" ? `${stem}-only` : stem;
        assert.ok(stem.startsWith("LicenseRef-") || isLicenseId(id), `${name.id}: ${id}`);
      }
    }
  });

  it("report each problem with the path of the entry at fault", () => {
    const data = copy();
    data.names[0]!.pattern = "gnu (general";
    data.names[1]!.spdx = "Not-A-Licence";
    const perl = data.phrases.findIndex((p) => p.id === "perl");
    data.phrases[perl]!.pattern = "same terms as {nosuchmacro}";
    data.exceptions[0]!.pattern = "classpath (exception)";
    data.pointers.files["gpl-2"] = { name: "no-such-name" };
    const result = compileRules(data);
    assert.ok(!result.ok);
    const errors = result.error.join("\n");
    assert.match(errors, /names\[0\] \(tgpl\): invalid pattern/);
    assert.match(errors, /names\[1\] \(agpl\): Not-A-Licence is not an SPDX expression/);
    assert.ok(errors.includes(`phrases[${perl}] (perl): unknown macro {nosuchmacro}`), errors);
    assert.match(errors, /exceptions\[0\] \(classpath\): has 1 capture groups, wants 0/);
    assert.doesNotMatch(errors, /^names: /m);
    assert.match(errors, /pointers\.files\.gpl-2: unknown name no-such-name/);
  });

  it("refuse a versioned name whose default version it does not list", () => {
    const data = copy();
    const gpl = data.names.find((n) => n.id === "gpl")!;
    gpl.unversioned = { version: "4.0", later: true, score: 0.5 };
    const result = compileRules(data);
    assert.ok(!result.ok);
    assert.match(
      result.error.join("\n"),
      /names\[\d+\] \(gpl\): unversioned.version 4.0 is not in versions/,
    );
  });
});

describe("captureGroups", () => {
  /** What the engine counts: run the pattern, made to match the empty string. */
  const engine = (source: string) => new RegExp(`${source}|`).exec("")!.length - 1;

  it("counts as the engine does on escapes, classes, lookarounds and named groups", () => {
    const cases = [
      "a(b)c",
      "(?:a)(b)",
      "\\(a\\)(b)",
      "[(]a[\\](]",
      "(?<=x)(?<!y)(?=z)(?!w)",
      "(?<name>a)(b(c))",
      "[\\]](x)",
      "((a)|(b))*",
    ];
    for (const c of cases) assert.equal(captureGroups(c), engine(c), c);
  });

  it("counts as the engine does on every pattern tgpl ships", () => {
    const seen = new Set<RegExp>();
    const walk = (v: unknown): void => {
      if (v instanceof RegExp) seen.add(v);
      else if (v instanceof Map) for (const x of v.values()) walk(x);
      else if (Array.isArray(v)) for (const x of v) walk(x);
      else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    walk(shippedRules());
    assert.ok(seen.size >= 20, `${seen.size} patterns`);
    for (const re of seen) assert.equal(captureGroups(re.source), engine(re.source), re.source);
  });
});

describe("versionKeys", () => {
  it("tries a version as written and in its other usual spelling", () => {
    assert.deepEqual(versionKeys("2"), ["2", "2.0"]);
    assert.deepEqual(versionKeys("2.0"), ["2.0", "2"]);
    assert.deepEqual(versionKeys("2.1"), ["2.1"]);
    assert.deepEqual(versionKeys("10"), ["10", "10.0", "1.0"]);
  });
});
