/**
 * The short-notice matcher on the wordings people use (each written as it
 * appears in real projects), with -only / -or-later told apart, choices,
 * exceptions, Debian pointers, and the lookalikes that must not match.
 * Real files are in notice/headers.test.ts and notice/debian.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectText } from "../detect.ts";
import { normalizeExpression } from "../expression.ts";
import type { Match } from "../types.ts";
import { noticeMatcher } from "./notice.ts";

const run = (text: string): Match[] => noticeMatcher({ path: "file.c", text }, { warn() {} });
/** The one notice in a text. */
function one(text: string): Match {
  const matches = run(text);
  assert.equal(matches.length, 1, `one notice expected, got ${JSON.stringify(matches)}`);
  return matches[0]!;
}
const table = (cases: [string, string][]) => {
  for (const [text, spdx] of cases) {
    it(`${spdx} ← ${text.slice(0, 90).replace(/\n/g, " ")}`, () =>
      assert.equal(one(text).spdx, spdx));
  }
};

const FSF_GPL2_LATER = `This program is free software; you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation; either version 2 of the License, or
(at your option) any later version.`;

describe("Apache notices", () => {
  table([
    [
      'Licensed under the Apache License, Version 2.0 (the "License");\nyou may not use this file except in compliance with the License.',
      "Apache-2.0",
    ],
    ["Licensed under the Apache License, Version 1.1", "Apache-1.1"],
    ["This product is licensed under the Apache License, Version 1.0.", "Apache-1.0"],
    ["Licensed under the Apache License 2.0", "Apache-2.0"],
    ["Released under the Apache-2.0 license.", "Apache-2.0"],
  ]);
  it("reads the ASF header, where the grant comes a sentence after the foundation is named", () => {
    const m = one(`Licensed to the Apache Software Foundation (ASF) under one
or more contributor license agreements.  See the NOTICE file
distributed with this work for additional information
regarding copyright ownership.  The ASF licenses this file
to you under the Apache License, Version 2.0 (the
"License"); you may not use this file except in compliance
with the License.`);
    assert.equal(m.spdx, "Apache-2.0");
    assert.deepEqual(m.lines, [4, 7]);
  });
  it("guesses 2.0 for an Apache License without a version, with a low score", () => {
    const m = one("Licensed under the Apache License.");
    assert.equal(m.spdx, "Apache-2.0");
    assert.ok(m.score <= 0.6);
  });
});

describe("GNU notices: versions, -only and -or-later", () => {
  table([
    [FSF_GPL2_LATER, "GPL-2.0-or-later"],
    [
      "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License version 2 as published by the Free Software Foundation.",
      "GPL-2.0-only",
    ],
    [
      "it under the terms of the GNU General Public License as published by\nthe Free Software Foundation; version 2 of the License.",
      "GPL-2.0-only",
    ],
    [
      "This package is free software; you can redistribute it and/or modify\nit under the terms version 2 of the GNU General Public License\nas published by the Free Software Foundation.",
      "GPL-2.0-only",
    ],
    [
      "it under the terms of the GNU General Public License as published by\nthe Free Software Foundation; version 3 dated June, 2007, or (at\nyour option) any later version.",
      "GPL-3.0-or-later",
    ],
    [
      "This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.",
      "GPL-3.0-or-later",
    ],
    [
      "This library is free software; you can redistribute it and/or\nmodify it under the terms of the GNU Lesser General Public\nLicense as published by the Free Software Foundation; either\nversion 2.1 of the License, or (at your option) any later version.",
      "LGPL-2.1-or-later",
    ],
    [
      "This library is free software; you can redistribute it and/or\nmodify it under the terms of the GNU Library General Public License as\npublished by the Free Software Foundation; version 2 of the License.",
      "LGPL-2.0-only",
    ],
    [
      "under the terms of the GNU Lesser General Public License version 3 as published by the Free Software Foundation.",
      "LGPL-3.0-only",
    ],
    [
      "This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU Affero General Public License as published\nby the Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.",
      "AGPL-3.0-or-later",
    ],
    [
      "Permission is granted to copy, distribute and/or modify this document\nunder the terms of the GNU Free Documentation License, Version 1.3\nor any later version published by the Free Software Foundation;\nwith no Invariant Sections, no Front-Cover Texts, and no Back-Cover Texts.",
      "GFDL-1.3-no-invariants-or-later",
    ],
    [
      "Permission is granted to copy, distribute and/or modify this document under the terms of the GNU Free Documentation License, Version 1.2; with the Invariant Sections being LIST THEIR TITLES.",
      "GFDL-1.2-invariants-only",
    ],
    [
      "This file is distributed under the GNU GPL version 2 or (at your option) any later version.",
      "GPL-2.0-or-later",
    ],
    [
      "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.",
      "GPL-3.0-or-later",
    ],
    ["Licensed under the GPLv3+.", "GPL-3.0-or-later"],
    ["Licensed under the GPLv2.", "GPL-2.0-only"],
    ["# Licensed under the GPL v2", "GPL-2.0-only"],
    ["Licensed under GPL-2.0-or-later.", "GPL-2.0-or-later"],
    [
      "This program is distributed under the terms of the GNU General Public License v3.0 only.",
      "GPL-3.0-only",
    ],
    [
      "This program is licensed under the GNU General Public License v2.0 or later.",
      "GPL-2.0-or-later",
    ],
    ["License: GPL-2+", "GPL-2.0-or-later"],
    ["License: LGPL-2.1+", "LGPL-2.1-or-later"],
    ["Depends: R (>= 3.5)\nLicense: GPL (>= 2)", "GPL-2.0-or-later"],
    [
      "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License, version 2 or version 3.",
      "GPL-2.0-only OR GPL-3.0-only",
    ],
  ]);
  it("reads 'version 2 or 3, or any later version accepted by KDE e.V.' as the KDE proxy clause", () => {
    const m = one(
      "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License or (at your option) version 3 or any later version accepted by the membership of KDE e.V. (or its successor approved by the membership of KDE e.V.), which shall act as a proxy defined in Section 14 of version 3 of the license.",
    );
    assert.equal(m.spdx, "GPL-2.0-only OR GPL-3.0-only OR LicenseRef-KDE-Accepted-GPL");
  });
  it("takes a GPL notice without a version as GPL-1.0-or-later (GPL §9), with a lower score", () => {
    const vague = one(
      "This program is free software; you can redistribute it and/or modify it\nunder the terms of the GNU General Public License.",
    );
    assert.equal(vague.spdx, "GPL-1.0-or-later");
    assert.ok(vague.score <= 0.6, `score ${vague.score}`);
    assert.ok(one(FSF_GPL2_LATER).score > vague.score);
  });
  it("spans the whole notice, boilerplate included", () => {
    const m = one(`/*
 * Copyright (C) 2021 Someone
 *
 * ${FSF_GPL2_LATER.split("\n").join("\n * ")}
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */
int main(void) { return 0; }`);
    assert.equal(m.spdx, "GPL-2.0-or-later");
    assert.deepEqual(m.lines, [4, 15]);
  });
});

describe("permissive and other licences", () => {
  table([
    ["This code is released under the MIT license.", "MIT"],
    ["MIT licensed.", "MIT"],
    ["This project is licensed under the terms of the MIT license.", "MIT"],
    ["Licensed under the MIT License.", "MIT"],
    ["@license MIT", "MIT"],
    [
      "This source code is licensed under the MIT license found in the\nLICENSE file in the root directory of this source tree.",
      "MIT",
    ],
    ["Released under the BSD 3-Clause license.", "BSD-3-Clause"],
    ["Licensed under the Simplified BSD License.", "BSD-2-Clause"],
    ["This software is released under the ISC License.", "ISC"],
    [
      "This Source Code Form is subject to the terms of the Mozilla Public\nLicense, v. 2.0. If a copy of the MPL was not distributed with this\nfile, You can obtain one at https://mozilla.org/MPL/2.0/.",
      "MPL-2.0",
    ],
    [
      'This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.\n\nThis Source Code Form is "Incompatible With Secondary Licenses", as defined by the Mozilla Public License, v. 2.0.',
      "MPL-2.0-no-copyleft-exception",
    ],
    [
      "This program and the accompanying materials are made available under the terms of the Eclipse Public License v2.0 which accompanies this distribution.",
      "EPL-2.0",
    ],
    [
      "This work is licensed under a Creative Commons Attribution 4.0 International License.",
      "CC-BY-4.0",
    ],
    [
      "This work is licensed under the Creative Commons Attribution-ShareAlike 3.0 Unported License.",
      "CC-BY-SA-3.0",
    ],
    ["Licensed under CC BY-NC-SA 4.0.", "CC-BY-NC-SA-4.0"],
    [
      "To the extent possible under law, the author(s) have dedicated all copyright and related and neighboring rights to this software to the public domain worldwide. This software is distributed without any warranty.",
      "CC0-1.0",
    ],
    ["This is free and unencumbered software released into the public domain.", "Unlicense"],
    ["Released under the Unlicense.", "Unlicense"],
    ["This file is in the public domain.", "LicenseRef-public-domain"],
    ["Written by Eberhard Mattes and put into the public domain", "LicenseRef-public-domain"],
    [
      "Distributed under the Boost Software License, Version 1.0.\n(See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)",
      "BSL-1.0",
    ],
    ["This software is licensed under the zlib License.", "Zlib"],
    [
      "This package is free software; you can redistribute it and/or modify it under the terms of the Artistic License 2.0.",
      "Artistic-2.0",
    ],
    [
      "This program is free software; you can redistribute it and/or modify\nit under the terms of the Artistic License, which comes with Perl.",
      "Artistic-1.0-Perl",
    ],
    [
      "This library is free software; you can redistribute it and/or modify\nit under the same terms as Perl itself.",
      "Artistic-1.0-Perl OR GPL-1.0-or-later",
    ],
    [
      "This is free software; you can redistribute it and/or modify it under the same terms as the Perl 5 programming language system itself.",
      "Artistic-1.0-Perl OR GPL-1.0-or-later",
    ],
    ["Licensed under the Python Software Foundation License.", "PSF-2.0"],
    ["Licensed under the PSF License Version 2.", "PSF-2.0"],
    [
      "This file is part of FreeType, and may only be used, modified, and distributed under the terms of the FreeType project license, LICENSE.TXT.",
      "FTL",
    ],
    [
      "You can redistribute it and/or modify it under the terms of the Do What The Fuck You Want To Public License, Version 2, as published by Sam Hocevar.",
      "WTFPL",
    ],
    ["Licensed under the Training GPL, version 1.0.", "LicenseRef-TGPL-1.0"],
  ]);
  it("reads the Chromium/Go notice as BSD-3-Clause, which those projects use, with a low score", () => {
    const m = one(
      "// Copyright 2009 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.",
    );
    assert.equal(m.spdx, "BSD-3-Clause");
    assert.ok(m.score <= 0.5);
    assert.deepEqual(m.lines, [2, 3]);
  });
});

describe("choices", () => {
  table([
    ["Dual licensed under the MIT or Apache-2.0 licenses.", "MIT OR Apache-2.0"],
    [
      "Licensed under either of Apache License, Version 2.0 or MIT license at your option.",
      "Apache-2.0 OR MIT",
    ],
    [
      "Licensed under either of\n\n * Apache License, Version 2.0, ([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * MIT license ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\nat your option.",
      "Apache-2.0 OR MIT",
    ],
    [
      'This program is free software; you can redistribute it and/or modify\nit under the terms of either:\n\na) the GNU General Public License as published by the Free Software\nFoundation; either version 1, or (at your option) any later version, or\n\nb) the "Artistic License" which comes with this Kit.',
      "GPL-1.0-or-later OR Artistic-1.0-Perl",
    ],
    [
      'This library is free software; you can redistribute it and/or\nmodify it either under the terms of the GNU Lesser General Public\nLicense version 2.1 as published by the Free Software Foundation\n(the "LGPL") or, at your option, under the terms of the Mozilla\nPublic License Version 1.1 (the "MPL").',
      "LGPL-2.1-only OR MPL-1.1",
    ],
    [
      "This program and the accompanying materials are made available under the terms of the Eclipse Public License 2.0 which is available at http://www.eclipse.org/legal/epl-2.0.\n\nThis Source Code may also be made available under the following Secondary Licenses when the conditions for such availability set forth in the Eclipse Public License, v. 2.0 are satisfied: GNU General Public License, version 2 with the GNU Classpath Exception which is available at https://www.gnu.org/software/classpath/license.html.",
      "EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0",
    ],
    [
      "Rand is distributed under the terms of both the MIT license and the\nApache License (Version 2.0).",
      "MIT OR Apache-2.0",
    ],
    [
      "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License; and the Apache License 2.0.",
      "GPL-1.0-or-later AND Apache-2.0",
    ],
    // Gutenberg's LICENSE.md, with the choice listed after "licenses:".
    [
      "All code contributed to the Gutenberg project is dual-licensed,\nand released under both of the following licenses:\n\nthe GNU General Public License as published by the Free Software Foundation;\neither version 2 of the License or (at your option) any later version (the \u201cGPL\u201d)\nand the Mozilla Public License, Version 2.0 (the \u201cMPL\u201d).",
      "GPL-2.0-or-later OR MPL-2.0",
    ],
    [
      "You can redistribute it and/or modify it under the terms of either of the following licenses:\n\n1. the GNU Lesser General Public License version 3\n\n2. the Mozilla Public License Version 2.0.",
      "LGPL-3.0-only OR MPL-2.0",
    ],
  ]);
  it("states a choice as one match, which the combiner lets absorb the texts it offers", () => {
    const text =
      "Licensed under either of Apache License, Version 2.0 or MIT license at your option.";
    assert.equal(run(text).length, 1);
    assert.equal(detectText("README.md", text).expression, "Apache-2.0 OR MIT");
  });
});

describe("exceptions", () => {
  table([
    [
      'This code is free software; you can redistribute it and/or modify it\nunder the terms of the GNU General Public License version 2 only, as\npublished by the Free Software Foundation.  Oracle designates this\nparticular file as subject to the "Classpath" exception as provided\nby Oracle in the LICENSE file that accompanied this code.',
      "GPL-2.0-only WITH Classpath-exception-2.0",
    ],
    [
      `${FSF_GPL2_LATER}\n\nLinking this library statically or dynamically with other modules is\nmaking a combined work based on this library.  Thus, the terms and\nconditions of the GNU General Public License cover the whole\ncombination.\n\nAs a special exception, the copyright holders of this library give you\npermission to link this library with independent modules to produce an\nexecutable, regardless of the license terms of these independent\nmodules.`,
      "GPL-2.0-or-later WITH Classpath-exception-2.0",
    ],
    [
      "This library is free software; you can redistribute it and/or modify it under the\nterms of the GNU General Public License as published by the\nFree Software Foundation; either version 3, or (at your option)\nany later version.\n\nUnder Section 7 of GPL version 3, you are granted additional\npermissions described in the GCC Runtime Library Exception, version\n3.1, as published by the Free Software Foundation.",
      "GPL-3.0-or-later WITH GCC-exception-3.1",
    ],
    [
      `${FSF_GPL2_LATER}\n\nAs a special exception to the GNU General Public License, if you\ndistribute this file as part of a program that contains a\nconfiguration script generated by Autoconf, you may include it under\nthe same distribution terms that you use for the rest of that program.`,
      "GPL-2.0-or-later WITH Autoconf-exception-generic",
    ],
    [
      "This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.\n\nAs a special exception, you may create a larger work that contains\npart or all of the Bison parser skeleton and distribute that work\nunder terms of your choice, so long as that work isn't itself a\nparser generator using the skeleton or a modified version thereof\nas a parser skeleton.  Alternatively, if you modify or redistribute\nthe parser skeleton itself, you may (at your option) remove this\nspecial exception, which will cause the skeleton and the resulting\nBison output files to be licensed under the GNU General Public\nLicense without this special exception.",
      "GPL-3.0-or-later WITH Bison-exception-2.2",
    ],
    [
      "Part of the LLVM Project, under the Apache License v2.0 with LLVM Exceptions.\nSee https://llvm.org/LICENSE.txt for license information.",
      "Apache-2.0 WITH LLVM-exception",
    ],
  ]);
});

describe("Debian copyright paragraphs", () => {
  it("reads a pointer on its own: GPL-2 is -only", () => {
    const m = one(
      "On Debian systems, the complete text of the GNU General Public License\nversion 2 can be found in `/usr/share/common-licenses/GPL-2'.",
    );
    assert.equal(m.spdx, "GPL-2.0-only");
    assert.ok(m.score < 0.95);
  });
  it("lets the notice above a pointer say 'or later', and keeps both in one match", () => {
    const m = one(
      `${FSF_GPL2_LATER}\n\nOn Debian systems, the complete text of the GNU General Public License\nversion 2 can be found in \`/usr/share/common-licenses/GPL-2'.`,
    );
    assert.equal(m.spdx, "GPL-2.0-or-later");
    assert.deepEqual(m.lines, [1, 7]);
  });
  it("reads common-licenses/Artistic as Perl's Artistic License", () => {
    assert.equal(
      one(
        "On Debian systems, the complete text of the Artistic License\ncan be found in `/usr/share/common-licenses/Artistic'.",
      ).spdx,
      "Artistic-1.0-Perl",
    );
  });
  it("reads an unversioned pointer to the GPL as GPL-1.0-or-later", () => {
    assert.equal(
      one(
        "On Debian machines the full text of the GNU General Public License\ncan be found in the file /usr/share/common-licenses/GPL.",
      ).spdx,
      "GPL-1.0-or-later",
    );
  });
});

describe("lookalikes that are not notices", () => {
  const none: string[] = [
    "See the LICENSE file for details.",
    "const license: string = readLicense(path);",
    "def license(self): return self._license",
    "# TODO: check whether libgpl_helper is still needed",
    "Readers must be released under a GPL compatible license.",
    "The GPL-incompatible parts were removed.",
    "You should have received a copy of the GNU General Public License along with this program.",
    "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/",
    "Copyright 2020. MIT",
    "mit freundlichen Grüßen, Lizenz siehe unten",
    "The intent is that the Copyright Holder maintains some artistic control over the development of that Package",
    "// SPDX-License-Identifier: GPL-2.0-or-later",
    "",
  ];
  for (const text of none) {
    it(JSON.stringify(text.slice(0, 60)), () => assert.deepEqual(run(text), []));
  }
});

describe("match shape", () => {
  const samples = [
    FSF_GPL2_LATER,
    "Licensed under either of Apache License, Version 2.0 or MIT license at your option.",
    "This library is free software; you can redistribute it and/or modify it under the same terms as Perl itself.",
    "Part of the LLVM Project, under the Apache License v2.0 with LLVM Exceptions.",
  ];
  it("gives valid, normalised SPDX expressions, scores in (0, 1] and 1-based line ranges", () => {
    for (const text of samples) {
      const lineCount = text.split("\n").length;
      for (const m of run(`\n\n${text}`)) {
        assert.equal(m.matcher, "notice");
        assert.equal(normalizeExpression(m.spdx), m.spdx);
        assert.ok(m.score > 0 && m.score <= 1);
        assert.ok(m.lines[0] >= 3 && m.lines[0] <= m.lines[1] && m.lines[1] <= lineCount + 2);
      }
    }
  });
  it("counts lines the same with CRLF line ends", () => {
    const lf = run(`header\n\n${FSF_GPL2_LATER}`);
    const crlf = run(`header\r\n\r\n${FSF_GPL2_LATER.replace(/\n/g, "\r\n")}`);
    assert.deepEqual(crlf, lf);
    assert.deepEqual(lf[0]!.lines, [3, 6]);
  });
});
