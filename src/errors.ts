/**
 * The few error kinds tgpl throws. Expected outcomes (a file with no licence, a
 * violation found) are values, not errors; these are for when a command cannot
 * go on. Every message says what to do next.
 */

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = 2;
}

/**
 * Input that cannot be read as what it claims to be (a truncated archive, a
 * manifest in the wrong format): exit code 2. `hint` says what to do about it.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A bug in tgpl: exit code 70 (EX_SOFTWARE), with a request to report it. */
export class InternalError extends Error {
  override readonly name = "InternalError";
  readonly exitCode = 70;
}

/** The result of an operation that can fail in an expected way. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
