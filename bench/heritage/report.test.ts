import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { END, HEADING, mergeSection } from "./report.ts";
import { scoreTree } from "./score.ts";

describe("heritage benchmark report", () => {
  it("replaces its own section and keeps the others", () => {
    const before = `# Benchmarks\n\n## Other\n\nkeep me\n\n${HEADING}\n\n<!-- bench:heritage:start -->\nold\n${END}\n\n## Later\n\nkeep me too\n`;
    const after = mergeSection(before, "new body");
    assert.match(after, /keep me\n/);
    assert.match(after, /keep me too/);
    assert.match(after, /new body/);
    assert.doesNotMatch(after, /\nold\n/);
    assert.match(mergeSection("# Benchmarks\n", "x"), /## Heritage from weights/);
  });

  it("scores links either way round, direction and relation separately", () => {
    const s = scoreTree(
      [
        { parent: "b", child: "f", relation: "finetune" },
        { parent: "b", child: "q", relation: "quantized" },
      ],
      [
        {
          parent: "f",
          child: "b",
          relation: "finetune",
          related: "certain",
          direction: "weak",
          directionFrom: "kurtosis",
          evidence: [],
        },
        {
          parent: "b",
          child: "q",
          relation: "quantized",
          related: "certain",
          direction: "certain",
          directionFrom: "precision",
          evidence: [],
        },
        {
          parent: "b",
          child: "u",
          relation: "finetune",
          related: "likely",
          direction: "weak",
          directionFrom: "kurtosis",
          evidence: [],
        },
      ],
      ["u"],
    );
    assert.deepEqual(
      [s.found, s.predicted, s.truth, s.rightDirection, s.rightRelation, s.unrelatedLinks],
      [2, 3, 2, 1, 2, 1],
    );
    assert.deepEqual(s.byConfidence.weak, { found: 1, right: 0 });
  });
});
