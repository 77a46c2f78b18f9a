import assert from "node:assert/strict";
import { describe, it } from "node:test";
import data from "../../../../data/licence-names.json" with { type: "json" };
import { normalizeExpression } from "../../expression.ts";
import { resolveDeclared } from "./declared.ts";
import { GUESSED, lookupClassifier, lookupName, lookupUrl, MAPPED, nameKey } from "./names.ts";

const spdxOf = (name: string) => {
  const hit = lookupName(name);
  return hit.ok ? [hit.spdx, hit.score] : null;
};

describe("licence names", () => {
  it("compares names without case, punctuation, filler words or a trailing .0", () => {
    assert.equal(nameKey("The Apache Software License, Version 2.0"), "apache software 2");
    assert.equal(nameKey("Apache License v2"), "apache 2");
    assert.equal(nameKey("GPLv2+"), "gpl 2+");
    assert.equal(
      nameKey("GNU General Public License v2 or later (GPLv2+)"),
      "gnu general public 2 or later",
    );
    assert.equal(nameKey("BSD_3_clause"), "bsd 3 clause");
  });

  it("maps the names real POMs, npm packages and setup files use", () => {
    const cases: [string, string, number][] = [
      ["The Apache Software License, Version 2.0", "Apache-2.0", MAPPED],
      ["Apache License, Version 2.0", "Apache-2.0", MAPPED],
      ["Apache 2", "Apache-2.0", MAPPED],
      ["ASLv2", "Apache-2.0", MAPPED],
      ["Eclipse Public License - v 2.0", "EPL-2.0", MAPPED],
      ["Eclipse Public License v. 2.0", "EPL-2.0", MAPPED],
      ["EPL 1.0", "EPL-1.0", MAPPED],
      ["The MIT License", "MIT", MAPPED],
      ["MIT License", "MIT", MAPPED],
      ["Expat", "MIT", MAPPED],
      ["BSD 2-Clause License", "BSD-2-Clause", MAPPED],
      ["New BSD License", "BSD-3-Clause", MAPPED],
      ["EDL 1.0", "BSD-3-Clause", MAPPED],
      ["MPL 1.1", "MPL-1.1", MAPPED],
      ["Mozilla Public License Version 2.0", "MPL-2.0", MAPPED],
      ["CDDL 1.1", "CDDL-1.1", MAPPED],
      ["European Union Public Licence 1.2", "EUPL-1.2", MAPPED],
      ["Boost Software License 1.0", "BSL-1.0", MAPPED],
      ["Blue Oak Model License 1.0.0", "BlueOak-1.0.0", MAPPED],
      ["Creative Commons Attribution 4.0 International", "CC-BY-4.0", MAPPED],
      ["CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0", MAPPED],
      ["CC0 1.0 Universal", "CC0-1.0", MAPPED],
      ["GNU Lesser General Public License v2.1 or later", "LGPL-2.1-or-later", MAPPED],
      ["GNU Library General Public License v2", "LGPL-2.0-only", GUESSED],
      ["GNU Affero General Public License v3", "AGPL-3.0-only", GUESSED],
      ["GPL-2+", "GPL-2.0-or-later", MAPPED],
      ["GPLv3 only", "GPL-3.0-only", MAPPED],
      ["LGPL 2.1", "LGPL-2.1-only", GUESSED],
      ["GPL2 w/ CPE", "GPL-2.0-only WITH Classpath-exception-2.0", MAPPED],
      [
        "CDDL + GPLv2 with classpath exception",
        "CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0",
        GUESSED,
      ],
      ["Licensed under the Apache License, Version 2.0", "Apache-2.0", MAPPED],
      ["MIT or Apache 2.0", "MIT OR Apache-2.0", GUESSED],
    ];
    for (const [name, spdx, score] of cases) assert.deepEqual(spdxOf(name), [spdx, score], name);
  });

  it("refuses vague names and says what they could be", () => {
    for (const name of [
      "BSD",
      "BSD License",
      "GPL",
      "LGPL",
      "Apache License",
      "Eclipse Public License",
      "Public Domain",
    ]) {
      const hit = lookupName(name);
      assert.equal(hit.ok, false, name);
      assert.ok(!hit.ok && hit.hint, name);
    }
    assert.deepEqual(lookupName("Frobnicate Licence"), { ok: false });
  });

  it("maps licence URLs", () => {
    const cases: [string, string][] = [
      ["http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"],
      ["https://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0"],
      ["http://opensource.org/licenses/MIT", "MIT"],
      ["http://www.opensource.org/licenses/mit-license.php", "MIT"],
      ["https://opensource.org/licenses/BSD-3-Clause", "BSD-3-Clause"],
      ["https://www.eclipse.org/legal/epl-2.0/", "EPL-2.0"],
      ["http://www.eclipse.org/legal/epl-v10.html", "EPL-1.0"],
      [
        "https://www.gnu.org/software/classpath/license.html",
        "GPL-2.0-only WITH Classpath-exception-2.0",
      ],
      ["https://www.mozilla.org/MPL/2.0/", "MPL-2.0"],
      ["https://spdx.org/licenses/ISC.html", "ISC"],
      ["https://choosealicense.com/licenses/mit/", "MIT"],
      ["https://www.gnu.org/licenses/old-licenses/lgpl-2.1", "LGPL-2.1-only"],
    ];
    for (const [url, spdx] of cases) {
      const hit = lookupUrl(url);
      assert.ok(hit.ok, url);
      assert.equal(hit.spdx, spdx, url);
    }
    assert.equal(lookupUrl("http://www.opensource.org/licenses/bsd-license.php").ok, false);
    assert.equal(lookupUrl("https://example.org/").ok, false);
  });

  it("maps every PyPI licence classifier to a valid SPDX id or to nothing on purpose", () => {
    const entries = Object.entries(data.classifiers);
    assert.ok(entries.length >= 89, "the union of PyPI's 2023 and 2025 License :: classifiers");
    for (const [classifier, value] of entries) {
      assert.match(classifier, /^License :: /);
      const hit = lookupClassifier(classifier);
      assert.equal(hit.known, true, classifier);
      if (value === null) assert.equal(hit.ok, false, classifier);
      else {
        assert.ok(hit.ok, classifier);
        assert.equal(normalizeExpression(hit.spdx), hit.spdx, classifier);
        assert.equal(hit.score, typeof value === "string" ? MAPPED : GUESSED, classifier);
      }
    }
  });

  it("reads classifiers with odd spacing and unknown ones by their last part", () => {
    const spaced = lookupClassifier("License ::  OSI Approved::MIT License ");
    assert.deepEqual(spaced, { ok: true, spdx: "MIT", score: MAPPED, known: true });
    const unknown = lookupClassifier("License :: OSI Approved :: Apache License 2.0");
    assert.equal(unknown.known, false);
    assert.ok(unknown.ok && unknown.spdx === "Apache-2.0");
  });

  it("keeps every SPDX value in the data valid", () => {
    for (const section of [data.names, data.guessed, data.urls]) {
      for (const [spdx, list] of Object.entries(section)) {
        if (spdx.startsWith("$")) continue;
        assert.ok(Array.isArray(list));
        assert.ok(normalizeExpression(spdx), spdx);
      }
    }
    for (const [name, spdx] of Object.entries(data.r)) {
      if (!name.startsWith("$") && spdx !== null)
        assert.equal(normalizeExpression(spdx), spdx, name);
    }
  });
});

describe("declared values", () => {
  it("scores a clean expression 1 and a repaired one lower", () => {
    assert.deepEqual(resolveDeclared("MIT"), { ok: true, spdx: "MIT", score: 1 });
    assert.deepEqual(resolveDeclared("(MIT OR Apache-2.0)"), {
      ok: true,
      spdx: "MIT OR Apache-2.0",
      score: 1,
    });
    assert.deepEqual(resolveDeclared("mit or apache-2.0"), {
      ok: true,
      spdx: "MIT OR Apache-2.0",
      score: MAPPED,
    });
    assert.deepEqual(resolveDeclared("GPL-2.0+"), {
      ok: true,
      spdx: "GPL-2.0-or-later",
      score: MAPPED,
    });
    assert.deepEqual(resolveDeclared("LicenseRef-TGPL-1.0"), {
      ok: true,
      spdx: "LicenseRef-TGPL-1.0",
      score: 1,
    });
  });

  it("says what is wrong: empty, a licence text, an unknown name", () => {
    const problem = (v: string) => {
      const r = resolveDeclared(v);
      return r.ok ? "" : r.problem;
    };
    assert.match(problem("  "), /is empty/);
    assert.match(
      problem("Permission is hereby granted, free of charge, to any person obtaining a copy"),
      /licence text/,
    );
    assert.match(problem("My Own License"), /LicenseRef-/);
  });
});
