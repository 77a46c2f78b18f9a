import assert from "node:assert/strict";
import { test } from "node:test";
import { fromLicensecheck, fromLicensee, fromTgpl } from "./peer-names.ts";

// Answers as licensecheck 3.3.5 printed them on this machine's corpora.
test("licensecheck names map to SPDX", () => {
  assert.deepEqual(fromLicensecheck("GPL-2").spdx, ["GPL-2.0-only"]);
  assert.deepEqual(fromLicensecheck("GPL-2.0-or-later").spdx, ["GPL-2.0-or-later"]);
  assert.deepEqual(fromLicensecheck("LGPL-2.1").spdx, ["LGPL-2.1-only"]);
  assert.deepEqual(fromLicensecheck("Artistic-1.0-Perl").spdx, ["Artistic-1.0-Perl"]);
  assert.deepEqual(fromLicensecheck("BSD-3-Clause").spdx, ["BSD-3-Clause"]);
  assert.deepEqual(fromLicensecheck("Expat").spdx, ["MIT"]);
});

test("licensecheck's `X with ID exception` names an SPDX exception", () => {
  assert.deepEqual(fromLicensecheck("GPL-2.0-or-later with Libtool-exception exception").spdx, [
    "GPL-2.0-or-later WITH Libtool-exception",
  ]);
  assert.deepEqual(fromLicensecheck("GPL-3.0-or-later with Bison-exception-2.2 exception").spdx, [
    "GPL-3.0-or-later WITH Bison-exception-2.2",
  ]);
  assert.deepEqual(fromLicensecheck("WTFPL-2").spdx, ["WTFPL"]);
});

test("licensecheck's and/or stands for both AND and OR", () => {
  assert.deepEqual(fromLicensecheck("Apache-2.0 and/or MIT").spdx, [
    "Apache-2.0 AND MIT",
    "Apache-2.0 OR MIT",
  ]);
});

test("licensecheck's UNKNOWN is no answer, its variant names are unmapped answers", () => {
  assert.deepEqual(fromLicensecheck("UNKNOWN"), { spdx: [], raw: "UNKNOWN" });
  const variant = fromLicensecheck("GPL-2.0-or-later with Autoconf-data exception");
  assert.equal(variant.unmapped, true);
  assert.deepEqual(variant.spdx, []);
  assert.equal(fromLicensecheck("MIT~old").unmapped, true);
});

test("licensee's choosealicense ids are normalised; NOASSERTION is no answer", () => {
  assert.deepEqual(fromLicensee("GPL-2.0").spdx, ["GPL-2.0-only"]);
  assert.deepEqual(fromLicensee("LGPL-2.1").spdx, ["LGPL-2.1-only"]);
  assert.deepEqual(fromLicensee("MIT").spdx, ["MIT"]);
  assert.deepEqual(fromLicensee("NOASSERTION").spdx, []);
  assert.deepEqual(fromLicensee(null).spdx, []);
});

test("tgpl's expression is normalised; null is no answer", () => {
  assert.deepEqual(fromTgpl("mit OR apache-2.0").spdx, ["MIT OR Apache-2.0"]);
  assert.deepEqual(fromTgpl(null).spdx, []);
  assert.equal(fromTgpl("not a licence").unmapped, true);
});
