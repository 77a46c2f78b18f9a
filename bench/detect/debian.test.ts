import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isMachineReadable, licenseParagraphs } from "./debian-copyright.ts";
import { debianAccepted, debianToSpdx } from "./debian-names.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.copyright`, import.meta.url), "utf8");

test("standalone License paragraphs of a real copyright file, de-indented", () => {
  const ps = licenseParagraphs(fixture("libshine3"));
  assert.deepEqual(
    ps.map((p) => [p.name, p.line]),
    [
      ["GPL-2+", 29],
      ["LGPL-2", 46],
    ],
  );
  const gpl = ps[0]!.text.split("\n");
  assert.equal(gpl[0], "This program is free software; you can redistribute it and/or modify");
  // " ." separates the two paragraphs of the notice
  assert.equal(gpl[4], "");
  assert.match(gpl[5]!, /^This program is distributed/);
  // the Comment field after the text is not part of it
  assert.doesNotMatch(ps[0]!.text, /On Debian systems/);
});

test("License fields inside Files paragraphs are not standalone", () => {
  const ps = licenseParagraphs(fixture("coreutils"));
  assert.deepEqual(
    ps.map((p) => p.name),
    ["GPL-3+", "BSD-4-clause-UC", "ISC"],
  );
  // Only the indentation all lines share goes: coreutils indents the GPL notice
  // deeper than the "On Debian systems" line after it, and that shape stays.
  assert.match(ps[0]!.text, /^ {2}This program is free software: you can redistribute/);
  assert.match(ps[0]!.text, /\nOn Debian systems, the complete text/);
  assert.match(ps[1]!.text, /^\* Redistribution and use in source and binary forms/);
});

test("a copyright file without the Format line yields nothing", () => {
  const text = fixture("base-files");
  assert.equal(isMachineReadable(text), false);
  assert.deepEqual(licenseParagraphs(text), []);
});

test("Debian short names map to SPDX", () => {
  const cases: [string, string | null][] = [
    ["GPL-2", "GPL-2.0-only"],
    ["GPL-2+", "GPL-2.0-or-later"],
    ["GPL-2.0+", "GPL-2.0-or-later"],
    ["GPLv3+", "GPL-3.0-or-later"],
    ["LGPL-2.1+", "LGPL-2.1-or-later"],
    ["LGPL-2", "LGPL-2.0-only"],
    ["AGPL-3+", "AGPL-3.0-or-later"],
    ["Expat", "MIT"],
    ["BSD-3-clause", "BSD-3-Clause"],
    ["BSD-4-clause-UC", "BSD-4-Clause-UC"],
    ["Artistic", "Artistic-1.0-Perl"],
    ["GPL-1+ or Artistic", "GPL-1.0-or-later OR Artistic-1.0-Perl"],
    ["GPL-3+ and BSD-4-clause-UC", "GPL-3.0-or-later AND BSD-4-Clause-UC"],
    ["GPL-2+ with Libtool exception", "GPL-2.0-or-later WITH Libtool-exception"],
    ["GPL-3+ with Bison exception", "GPL-3.0-or-later WITH Bison-exception-2.2"],
    ["zlib", "Zlib"],
    ["OpenLDAP-2.8", "OLDAP-2.8"],
    ["CC0-1.0", "CC0-1.0"],
    ["GPL-2+ with Autoconf exception", null],
    ["GPL-2+ with OpenSSL exception", null],
    ["GPL", null],
    ["BSD", null],
    ["public-domain", null],
    ["permissive", null],
    ["GPL-2+ or BSD-3-google", null],
  ];
  for (const [name, spdx] of cases) assert.equal(debianToSpdx(name), spdx, name);
});

test("Debian's MIT accepts the Expat and the X11 text; Expat only MIT", () => {
  assert.deepEqual(debianAccepted("MIT"), ["MIT", "X11"]);
  assert.deepEqual(debianAccepted("Expat"), ["MIT"]);
  assert.deepEqual(debianAccepted("SGI"), []);
});
