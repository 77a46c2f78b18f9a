/** Evidence that a model trained on given code: canary campaigns, membership scores, exact tests, model backends. */
export * from "./backends/open.node.ts";
export * from "./backends/refusals.ts";
export * from "./backends/types.ts";
export * from "./canary/check.node.ts";
export * from "./canary/commitment.ts";
export * from "./canary/mark.node.ts";
export * from "./canary/vault.node.ts";
export * from "./canary/verify.ts";
export * from "./scores/dataset-inference.ts";
export * from "./scores/membership.ts";
export * from "./scores/mia.node.ts";
export * from "./stats/rank-test.ts";
