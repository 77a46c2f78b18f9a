import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { hashBytes } from "./hash.ts";
import { EMPTY_ROOT } from "./merkle.ts";
import {
  type ExclusionProof,
  type Proof,
  parseProof,
  serializeProof,
  verifyProof,
} from "./proof.ts";
import { MemoryTree, prove } from "./prove.ts";

// Contents of real files: the licence records (JSON, with the full text) spdx-license-list ships.
const require = createRequire(import.meta.url);
const listDir = dirname(require.resolve("spdx-license-list/package.json"));
const texts = readdirSync(join(listDir, "licenses"))
  .sort()
  .map((f) => readFileSync(join(listDir, "licenses", f)));
const digests = texts.map((b) => hashBytes(b).sha256);
const outside = hashBytes(Buffer.from("a file no corpus has seen\n")).sha256;

const roundTrip = (p: Proof) => {
  const parsed = parseProof(serializeProof(p));
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
  return parsed.value;
};

test("an inclusion proof for every content verifies after a JSON round trip", async () => {
  const tree = new MemoryTree(digests.slice(0, 300));
  for (const d of digests.slice(0, 300)) {
    const proof = roundTrip(await prove(tree, d));
    assert.equal(proof.type, "inclusion");
    const verdict = verifyProof(proof, tree.root);
    assert.ok(verdict.valid, verdict.valid ? "" : verdict.reason);
  }
});

test("a content not in the set gets an exclusion proof that verifies", async () => {
  const tree = new MemoryTree(digests);
  const proof = roundTrip(await prove(tree, outside)) as ExclusionProof;
  assert.equal(proof.type, "exclusion");
  assert.ok(proof.below && proof.above);
  assert.equal(proof.above.index, proof.below.index + 1);
  assert.ok(verifyProof(proof, tree.root).valid);
});

test("an exclusion proof shares its neighbours' common path, and stays near one path's size", async () => {
  const tree = new MemoryTree(digests);
  const proof = (await prove(tree, outside)) as ExclusionProof;
  const shared = proof.above?.shared ?? 0;
  assert.ok(shared > 0, "adjacent leaves share the siblings above their common ancestor");
  assert.ok(
    Buffer.byteLength(serializeProof(proof)) <
      2 * Buffer.byteLength(serializeProof(await prove(tree, digests[0]!))),
  );
  for (const bad of [shared + 1, shared - 1, proof.below!.path.length + 1]) {
    const tampered = { ...proof, above: { ...proof.above!, shared: bad } };
    assert.equal(verifyProof(tampered, tree.root).valid, false, `shared ${bad}`);
  }
  assert.equal(
    parseProof(serializeProof({ ...proof, above: { ...proof.above!, shared: -1 } })).ok,
    false,
  );
});

test("exclusion at both ends, in a one-leaf tree and in the empty tree", async () => {
  const sorted = [...new Set(digests)].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  // Digests just outside the range, so they sort before the first and after the last leaf.
  const before = "0".repeat(64) < first ? "0".repeat(64) : null;
  const after = "f".repeat(64) > last ? "f".repeat(64) : null;
  const tree = new MemoryTree(sorted);
  for (const d of [before, after].filter((x): x is string => x !== null)) {
    const proof = (await prove(tree, d)) as ExclusionProof;
    assert.equal(proof.type, "exclusion");
    assert.ok((proof.below === null) !== (proof.above === null));
    assert.ok(verifyProof(proof, tree.root).valid);
  }
  const one = new MemoryTree([first]);
  assert.ok(verifyProof(await prove(one, outside), one.root).valid);
  assert.ok(verifyProof(await prove(one, first), one.root).valid);
  const empty = new MemoryTree([]);
  assert.equal(empty.root, EMPTY_ROOT.toString("hex"));
  const none = await prove(empty, outside);
  assert.equal(none.type, "exclusion");
  assert.ok(verifyProof(none, empty.root).valid);
});

test("a present content cannot be shown absent, nor an absent one present", async () => {
  const tree = new MemoryTree(digests);
  const sorted = [...new Set(digests)].sort();
  const k = 200;
  const present = sorted[k]!;
  // Forge: claim `present` is absent using its real neighbours k-1 and k+1.
  const below = await prove(tree, sorted[k - 1]!);
  const above = await prove(tree, sorted[k + 1]!);
  assert.equal(below.type, "inclusion");
  assert.equal(above.type, "inclusion");
  if (below.type !== "inclusion" || above.type !== "inclusion") return;
  const forged: ExclusionProof = {
    format: below.format,
    algorithm: below.algorithm,
    type: "exclusion",
    root: tree.root,
    treeSize: tree.size,
    sha256: present,
    below: { sha256: below.sha256, index: below.index, path: below.path },
    above: { sha256: above.sha256, index: above.index, path: above.path },
  };
  assert.equal(verifyProof(forged, tree.root).valid, false, "non-adjacent neighbours");
  const relabelled = { ...forged, above: { ...forged.above!, index: below.index + 1 } };
  assert.equal(verifyProof(relabelled, tree.root).valid, false, "relabelled index");
  // Every other tree size must fail too: the root does not commit to the size.
  for (let size = 2; size < tree.size * 2; size++)
    assert.equal(
      verifyProof({ ...relabelled, treeSize: size }, tree.root).valid,
      false,
      `size ${size}`,
    );
  // And an inclusion proof for an absent content, built from a real path, fails.
  const fake = { ...below, sha256: outside };
  assert.equal(verifyProof(fake, tree.root).valid, false);
});

test("tampering with any field of an inclusion proof makes it fail", async () => {
  const tree = new MemoryTree(digests);
  const proof = await prove(tree, digests[42]!);
  assert.equal(proof.type, "inclusion");
  if (proof.type !== "inclusion") return;
  assert.ok(verifyProof(proof, tree.root).valid);
  const flip = (h: string) => (h[0] === "0" ? "1" : "0") + h.slice(1);
  const cases: Proof[] = [
    { ...proof, sha256: flip(proof.sha256) },
    { ...proof, index: proof.index + 1 },
    { ...proof, path: [flip(proof.path[0]!), ...proof.path.slice(1)] },
    { ...proof, path: proof.path.slice(0, -1) },
    { ...proof, root: flip(proof.root) },
  ];
  for (const c of cases)
    assert.equal(verifyProof(c, tree.root).valid, false, JSON.stringify(c).slice(0, 80));
  // The trusted root decides, not the one written in the proof.
  assert.equal(verifyProof(proof, flip(tree.root)).valid, false);
});

test("malformed proof files are errors that name the field", () => {
  const bad = [
    ["not json", /not JSON/],
    ["[]", /JSON object/],
    [JSON.stringify({ format: "x" }), /format must be/],
    [
      JSON.stringify({
        format: "tgpl-proof/1",
        algorithm: "rfc6962-sha256-sorted-content",
        root: "00",
        treeSize: 1,
      }),
      /root must be/,
    ],
  ] as const;
  for (const [text, re] of bad) {
    const r = parseProof(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, re);
  }
});

test("a proof in a tree of a million leaves stays under 2 KB", async () => {
  // 2^20 leaves give 20 siblings; the size bound only needs the path length.
  const proof = await prove(new MemoryTree(digests), digests[0]!);
  assert.equal(proof.type, "inclusion");
  if (proof.type !== "inclusion") return;
  const twenty = {
    ...proof,
    path: Array.from({ length: 20 }, () => proof.path[0]!),
    treeSize: 1_000_000,
    index: 999_999,
  };
  const bytes = Buffer.byteLength(serializeProof(twenty));
  assert.ok(bytes < 2048, `${bytes} bytes`);
});
