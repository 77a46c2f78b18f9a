import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lineAt, normalize, startsLine } from "./normalize.ts";

const norm = (raw: string) => normalize(raw, 0, raw.length, 1);

describe("normalize", () => {
  it("drops comment markers and punctuation, keeps words, ends sentences with a newline", () => {
    const n = norm(`/*
 * This program is free software; you can redistribute it and/or modify
 * it under the terms of the GNU General Public License (GPL), version 2.
 * See <http://www.gnu.org/licenses/>.
 */`);
    assert.equal(
      n.text,
      "this program is free software you can redistribute it and/or modify it under the terms of the gnu general public license gpl version 2\nsee http://www.gnu.org/licenses/",
    );
  });
  it("marks a blank line as a paragraph break", () => {
    assert.equal(
      norm("# Licensed under MIT\n#\n# Copyright Foo").text,
      "licensed under mit\n\ncopyright foo",
    );
  });
  it("splits words at hyphens but keeps versions, pluses, and licence file names", () => {
    assert.equal(norm("GPL-2.0+ and LGPL-2.1-or-later").text, "gpl 2.0+ and lgpl 2.1 or later");
    assert.equal(
      norm("see LICENSE-MIT or LICENSE-APACHE").text,
      "see license-mit or license-apache",
    );
  });
  it("separates words joined by a slash but leaves paths whole", () => {
    assert.equal(
      norm("MIT/X11, zlib/libpng and/or boost/mpl/bool.hpp").text,
      "mit / x11 zlib / libpng and/or boost/mpl/bool.hpp",
    );
  });
  it("keeps URLs and Debian paths whole, less the punctuation around them", () => {
    assert.equal(
      norm("found in `/usr/share/common-licenses/GPL-2'. See <https://mozilla.org/MPL/2.0/>.").text,
      "found in /usr/share/common-licenses/gpl-2\nsee https://mozilla.org/mpl/2.0/",
    );
  });
  it("does not end a sentence at abbreviations and initials", () => {
    assert.equal(
      norm("Mozilla Public License, v. 2.0. Foundation, Inc., 51 Franklin St. J. Smith").text,
      "mozilla public license v 2.0\nfoundation inc 51 franklin st j smith",
    );
  });
  it("keeps '>=' of R's 'GPL (>= 2)' and drops HTML tags", () => {
    assert.equal(norm("License: GPL (>= 2)").text, "license gpl >= 2");
    assert.equal(
      norm('Licensed under <a href="LICENSE-MIT">MIT license</a>.').text,
      "licensed under mit license",
    );
  });
  it("skips SPDX-License-Identifier lines, which the tag matcher reads", () => {
    assert.equal(
      norm("// SPDX-License-Identifier: MIT\n// Licensed under Apache-2.0").text,
      "licensed under apache 2.0",
    );
  });
  it("drops the word leaders of m4 and batch comments", () => {
    assert.equal(
      norm("dnl Licensed under the MIT license\nREM Licensed").text,
      "licensed under the mit license licensed",
    );
  });
  it("maps offsets back to 1-based lines, also from a region inside the text", () => {
    const raw = "int x;\n\n// Licensed under\n// the MIT license.\n";
    const from = raw.indexOf("\n//") + 1;
    const n = normalize(raw, from, raw.length, 3);
    assert.equal(n.text, "licensed under the mit license");
    assert.equal(lineAt(n, n.text.indexOf("licensed")), 3);
    assert.equal(lineAt(n, n.text.indexOf("mit")), 4);
    assert.ok(startsLine(n, n.text.indexOf("the")));
    assert.ok(!startsLine(n, n.text.indexOf("mit")));
  });
  it("handles an empty range and text without words", () => {
    assert.equal(normalize("abc", 1, 1, 1).text, "");
    assert.equal(norm("/* ***** */\n// ----").text, "");
  });
});
