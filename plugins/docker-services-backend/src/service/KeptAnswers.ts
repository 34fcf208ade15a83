/** One answer AuthorizationCache keeps. */
export interface KeptAnswer {
  expiresAt: number;
  value: Promise<unknown>;
  /** The entity the answer is about ('' for none). */
  entityRef: string;
  storedAt: number;
  /** Being asked again, near its end (see refreshAhead). */
  refreshing?: boolean;
}

/**
 * The answers AuthorizationCache keeps, by key: each for its life (`ttlMs`,
 * less up to `lifeJitter` of it at random; never more), at most
 * `maxEntries` of them, the oldest going first.
 */
export class KeptAnswers {
  readonly #entries = new Map<string, KeptAnswer>();
  readonly #ttlMs: number;
  readonly #lifeJitter: number;
  readonly #random: () => number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: {
    ttlMs: number;
    /** The share of the life taken off each answer at random (0 to 0.5). */
    lifeJitter: number;
    /** A number in [0, 1) at random. */
    random: () => number;
    maxEntries: number;
    now: () => number;
  }) {
    this.#ttlMs = options.ttlMs;
    this.#lifeJitter = options.lifeJitter;
    this.#random = options.random;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now;
  }

  /** How many answers are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** The answer kept for `key`, whatever its age. */
  get(key: string): KeptAnswer | undefined {
    return this.#entries.get(key);
  }

  /** The answer kept for `key` while within its life; an ended one is forgotten. */
  fresh(key: string): Promise<unknown> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Keeps `value` for its life; a failure is not kept, so the next request asks again. */
  store<T>(key: string, entityRef: string, value: Promise<T>): Promise<T> {
    const storedAt = this.#now();
    const entry = {
      expiresAt: storedAt + this.#life(),
      value,
      entityRef,
      storedAt,
    };
    this.#entries.set(key, entry);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  /**
   * Puts `answer`, asked again at `askedAt`, in place of `old`, with a life
   * from `askedAt`; nothing if `old` was dropped or replaced meanwhile.
   */
  renew(key: string, old: KeptAnswer, answer: unknown, askedAt: number) {
    if (this.#entries.get(key) !== old) return;
    // Deleted first, so the map's order stays the order of asking.
    this.#entries.delete(key);
    this.#entries.set(key, {
      expiresAt: askedAt + this.#life(),
      value: Promise.resolve(answer),
      entityRef: old.entityRef,
      storedAt: askedAt,
    });
  }

  /** The entities the kept answers are about, each once, oldest first ('' for none). */
  entityRefs(): Set<string> {
    return new Set([...this.#entries.values()].map(e => e.entityRef));
  }

  /** Drops the answers about `entityRef` kept before `before`. */
  drop(entityRef: string, before: number) {
    for (const [key, entry] of this.#entries) {
      if (entry.entityRef === entityRef && entry.storedAt < before) {
        this.#entries.delete(key);
      }
    }
  }

  /** Forgets every answer. */
  clear(): void {
    this.#entries.clear();
  }

  /** An answer's life: `ttlMs`, less up to `lifeJitter` of it at random; never more. */
  #life(): number {
    return this.#ttlMs * (1 - this.#lifeJitter * this.#random());
  }
}
