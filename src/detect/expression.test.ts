import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { format, join, licenseIdsOf, normalizeExpression, parseExpression } from "./expression.ts";

describe("SPDX expressions", () => {
  it("repairs case and keeps structure", () => {
    assert.equal(normalizeExpression("mit or apache-2.0"), "MIT OR Apache-2.0");
    assert.equal(
      normalizeExpression("(MIT OR Apache-2.0) AND BSD-3-Clause"),
      "(MIT OR Apache-2.0) AND BSD-3-Clause",
    );
    assert.equal(
      normalizeExpression("MIT OR (Apache-2.0 AND BSD-3-Clause)"),
      "MIT OR Apache-2.0 AND BSD-3-Clause",
    );
  });

  it("maps deprecated GNU ids to -only and -or-later", () => {
    assert.equal(normalizeExpression("GPL-2.0"), "GPL-2.0-only");
    assert.equal(normalizeExpression("GPL-2.0+"), "GPL-2.0-or-later");
    assert.equal(normalizeExpression("LGPL-2.1+"), "LGPL-2.1-or-later");
    assert.equal(normalizeExpression("AGPL-3.0"), "AGPL-3.0-only");
    assert.equal(
      normalizeExpression("GPL-2.0-with-classpath-exception"),
      "GPL-2.0-only WITH Classpath-exception-2.0",
    );
  });

  it("keeps WITH exceptions and LicenseRefs", () => {
    assert.equal(
      normalizeExpression("gpl-2.0-only with classpath-exception-2.0"),
      "GPL-2.0-only WITH Classpath-exception-2.0",
    );
    assert.equal(normalizeExpression("LicenseRef-TGPL-1.0 OR MIT"), "LicenseRef-TGPL-1.0 OR MIT");
    assert.equal(normalizeExpression("Apache-2.0+"), "Apache-2.0+");
  });

  it("refuses what is not an expression, with the reason", () => {
    const bad = parseExpression("MIT AND");
    assert.equal(bad.ok, false);
    assert.equal(normalizeExpression("Not A Licence"), null);
    assert.equal(normalizeExpression("MIT WITH MIT"), null);
    assert.equal(normalizeExpression(""), null);
  });

  it("lists ids and joins without duplicates", () => {
    const parsed = parseExpression("(MIT OR Apache-2.0) AND MIT");
    assert.ok(parsed.ok);
    if (parsed.ok) assert.deepEqual(licenseIdsOf(parsed.value), ["Apache-2.0", "MIT"]);
    assert.equal(join(["MIT", "Apache-2.0", "MIT"], "and"), "MIT AND Apache-2.0");
    assert.equal(
      join(["MIT OR Apache-2.0", "BSD-3-Clause"], "and"),
      "(MIT OR Apache-2.0) AND BSD-3-Clause",
    );
    assert.equal(join([], "or"), null);
    if (parsed.ok) assert.equal(format(parsed.value), "(MIT OR Apache-2.0) AND MIT");
  });
});

describe("canonical expressions", () => {
  it("sorts the operands of every chain and drops repeats", async () => {
    const { canonicalExpression } = await import("./expression.ts");
    assert.equal(canonicalExpression("MIT OR Apache-2.0"), "Apache-2.0 OR MIT");
    assert.equal(
      canonicalExpression("(MIT OR Apache-2.0) AND (Apache-2.0 OR MIT)"),
      "Apache-2.0 OR MIT",
    );
    assert.equal(
      canonicalExpression("ISC AND (MIT OR Apache-2.0) AND ISC"),
      "(Apache-2.0 OR MIT) AND ISC",
    );
    assert.equal(canonicalExpression("not an expression"), null);
  });
});
