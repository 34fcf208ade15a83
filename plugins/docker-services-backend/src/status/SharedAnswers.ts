/**
 * Answers shared for a short while by everyone who asks the same question:
 * one load per key per `ttlMs`, however many people ask (an answer still
 * in flight is shared too). A failed load is not remembered. At most
 * `maxEntries` answers are kept; the oldest go first.
 */
export class SharedAnswers<T> {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #answers = new Map<string, { at: number; answer: Promise<T> }>();

  constructor(options: {
    ttlMs: number;
    maxEntries: number;
    now?: () => number;
  }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#now();
    const known = this.#answers.get(key);
    if (known && now - known.at < this.#ttlMs) return known.answer;
    this.#answers.delete(key);
    const entry = { at: now, answer: load() };
    entry.answer.catch(() => {
      if (this.#answers.get(key) === entry) this.#answers.delete(key);
    });
    this.#answers.set(key, entry);
    this.#trim(now);
    return entry.answer;
  }

  #trim(now: number): void {
    if (this.#answers.size <= this.#maxEntries) return;
    for (const [key, { at }] of this.#answers) {
      if (now - at >= this.#ttlMs) this.#answers.delete(key);
    }
    // Insertion order is age order: the oldest are first.
    for (const key of this.#answers.keys()) {
      if (this.#answers.size <= this.#maxEntries) break;
      this.#answers.delete(key);
    }
  }
}
