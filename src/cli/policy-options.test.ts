import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../errors.ts";
import { listOption } from "./args.ts";
import { deployOption, interpretationOption } from "./policy-options.ts";

describe("options shared by the policy commands", () => {
  it("reads repeated and comma-separated values as one list, blanks dropped", () => {
    assert.deepEqual(listOption(["api, distributed", "", "internal,"]), [
      "api",
      "distributed",
      "internal",
    ]);
    assert.deepEqual(listOption(undefined), []);
  });

  it("takes standard by default and refuses an unknown interpretation by name", () => {
    assert.equal(interpretationOption(undefined), "standard");
    assert.equal(interpretationOption("conservative"), "conservative");
    assert.throws(
      () => interpretationOption("lenient"),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === '--interpretation must be standard or conservative, not "lenient"',
    );
  });

  it("refuses a deployment that is not one of the three, naming them", () => {
    assert.deepEqual(deployOption(["api,internal"]), ["api", "internal"]);
    assert.deepEqual(deployOption(undefined), []);
    assert.throws(
      () => deployOption(["api", "cloud"]),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === '--deploy takes distributed, api, internal, not "cloud"',
    );
  });
});
