/**
 * Runs actions on one key (a container) one at a time, in arrival order.
 * A request for an action that is already waiting joins it instead of
 * queueing a copy: a hundred simultaneous starts become one start, followed
 * by nothing, and every caller gets an answer.
 */
export class ActionQueue<T> {
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #waiting = new Map<string, Promise<T>>();

  run(
    key: string,
    action: string,
    fn: () => Promise<T>,
  ): { result: Promise<T>; joined: boolean } {
    const waitingKey = `${key}\u0000${action}`;
    const waiting = this.#waiting.get(waitingKey);
    if (waiting) {
      return { result: waiting, joined: true };
    }
    const tail = this.#tails.get(key) ?? Promise.resolve();
    const result = tail
      .catch(() => undefined)
      .then(() => {
        // From here on the action runs; a new request queues behind it.
        this.#waiting.delete(waitingKey);
        return fn();
      });
    this.#waiting.set(waitingKey, result);
    const settled = result.catch(() => undefined);
    this.#tails.set(key, settled);
    settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return { result, joined: false };
  }
}
