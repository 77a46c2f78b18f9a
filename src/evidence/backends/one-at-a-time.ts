/**
 * Runs async jobs one after another, in the order they were given. A
 * llama.cpp context sequence holds one evaluation at a time, while callers
 * may ask for scores from several places at once.
 */
export class OneAtATime {
  #tail: Promise<unknown> = Promise.resolve();

  /** `job`'s result, once every job given before it has settled; a failure stops no later job. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(job);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Settles when every job given so far has settled (before freeing what they use). */
  async idle(): Promise<void> {
    await this.#tail;
  }
}
