/**
 * Containers waiting to be looked at again, each once however many events
 * named it meanwhile, with at most `concurrency` looked at together: a storm
 * of events costs the engine a bounded number of calls at a time.
 */
export class RefreshQueue<T> {
  readonly #concurrency: number;
  readonly #work: (key: string, item: T) => Promise<void>;
  /** Insertion-ordered: the oldest waits least. */
  readonly #waiting = new Map<string, { item: T; done: Array<() => void> }>();
  #active = 0;
  readonly #idle = new Set<() => void>();

  /**
   * @param work - never expected to reject; a rejection is swallowed so the
   *   queue goes on.
   */
  constructor(options: {
    concurrency: number;
    work: (key: string, item: T) => Promise<void>;
  }) {
    this.#concurrency = Math.max(1, options.concurrency);
    this.#work = options.work;
  }

  /**
   * Asks for `key` to be looked at with `item` (the latest item wins).
   * Resolves once a look that began after this call has finished; a look
   * already under way may have begun before the change, so another follows.
   */
  add(key: string, item: T): Promise<void> {
    return new Promise(resolve => {
      const waiting = this.#waiting.get(key);
      if (waiting) {
        waiting.item = item;
        waiting.done.push(resolve);
      } else {
        this.#waiting.set(key, { item, done: [resolve] });
      }
      this.#pump();
    });
  }

  /** Forgets `key` if it waits, resolving its callers; a look under way goes on. */
  drop(key: string): void {
    const waiting = this.#waiting.get(key);
    this.#waiting.delete(key);
    waiting?.done.forEach(resolve => resolve());
  }

  /** How many keys wait (not counting the ones being looked at). */
  get size(): number {
    return this.#waiting.size;
  }

  /** Resolves once nothing waits and nothing is being looked at. */
  idle(): Promise<void> {
    if (this.#active === 0 && this.#waiting.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#idle.add(resolve));
  }

  #pump(): void {
    while (this.#active < this.#concurrency && this.#waiting.size > 0) {
      const [key, { item, done }] = this.#waiting.entries().next().value!;
      this.#waiting.delete(key);
      this.#active++;
      this.#work(key, item)
        .catch(() => undefined)
        .finally(() => {
          this.#active--;
          done.forEach(resolve => resolve());
          this.#pump();
          if (this.#active === 0 && this.#waiting.size === 0) {
            this.#idle.forEach(resolve => resolve());
            this.#idle.clear();
          }
        });
    }
  }
}
