/**
 * Options the commands that run the policy engine share (check, release,
 * lineage, heritage, terms), so each is read and refused with the same words.
 */
import { UsageError } from "../errors.ts";
import {
  DEPLOYMENTS,
  type Deployment,
  INTERPRETATIONS,
  type Interpretation,
} from "../policy/types.ts";
import { listOption } from "./args.ts";

/**
 * `--interpretation`, standard when absent.
 * @throws UsageError for a name that is neither standard nor conservative.
 */
export function interpretationOption(value: string | undefined): Interpretation {
  const interpretation = (value ?? "standard") as Interpretation;
  if (!INTERPRETATIONS.includes(interpretation))
    throw new UsageError(
      `--interpretation must be standard or conservative, not ${JSON.stringify(value)}`,
    );
  return interpretation;
}

/**
 * `--deploy LIST` (repeatable), empty when absent.
 * @throws UsageError naming the deployments there are, for any other word.
 */
export function deployOption(values: string[] | undefined): Deployment[] {
  const deploy = listOption(values);
  for (const d of deploy)
    if (!(DEPLOYMENTS as readonly string[]).includes(d))
      throw new UsageError(`--deploy takes ${DEPLOYMENTS.join(", ")}, not ${JSON.stringify(d)}`);
  return deploy as Deployment[];
}
