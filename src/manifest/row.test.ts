import assert from "node:assert/strict";
import { test } from "node:test";
import type { SourceFile } from "../sources/types.ts";
import { hashBytes } from "./hash.ts";
import { datasetLicenceOf, type FileFacts, rowOf } from "./row.ts";

// A row as The Stack v2 carries it: repository licences detected by the dataset maker.
const stackRow: SourceFile = {
  ordinal: 7,
  path: "src/index.js",
  project: "octo/widgets",
  origin: { kind: "dataset", input: "stack.parquet", repository: "octo/widgets", row: 7 },
  meta: {
    detected_licenses: ["mit", "Apache-2.0"],
    license_type: "permissive",
    star_events_count: 3n,
  },
};

const facts = (own: string | null): FileFacts => ({
  hashes: hashBytes(Buffer.from("module.exports = 1;\n")),
  language: "JavaScript",
  role: null,
  binary: false,
  generated: false,
  vendored: false,
  ownLicence: own,
  evidence: null,
  skipped: null,
  error: null,
});

test("dataset licence columns become a labelled 'dataset' licence when the file has none", () => {
  assert.equal(datasetLicenceOf(stackRow.meta), "MIT AND Apache-2.0");
  assert.equal(datasetLicenceOf({ detected_licenses: [], license_type: "no_license" }), null);
  assert.equal(datasetLicenceOf({ license_type: "permissive" }), null, "a class is not a licence");
  const row = rowOf(2, stackRow, facts(null));
  assert.equal(row.licence, "MIT AND Apache-2.0");
  assert.equal(row.licence_source, "dataset");
  assert.equal(row.licence_from, "dataset row");
  assert.equal(row.repository, "octo/widgets");
  assert.equal(row.row, 7);
  assert.equal(row.input, 2);
  // bigint columns from Parquet survive as JSON.
  assert.deepEqual(JSON.parse(row.meta!), {
    detected_licenses: ["mit", "Apache-2.0"],
    license_type: "permissive",
    star_events_count: "3",
  });
});

test("the file's own licence wins over the dataset's; errors carry no licence and no hashes", () => {
  const own = rowOf(0, stackRow, facts("BSD-3-Clause"));
  assert.equal(own.licence, "BSD-3-Clause");
  assert.equal(own.licence_source, "own");
  assert.equal(own.dataset_licence, "MIT AND Apache-2.0");
  const failed = rowOf(
    0,
    { ...stackRow, error: { code: "entry-too-large", message: "too big" } },
    facts(null),
  );
  assert.equal(failed.sha256, null);
  assert.equal(failed.licence, null);
  assert.equal(failed.licence_source, "none");
  assert.equal(failed.error_code, "entry-too-large");
});
