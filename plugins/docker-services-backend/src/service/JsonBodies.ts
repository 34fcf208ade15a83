import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

/** An answer serialised once: its bytes, its validator, and its compressed bytes when asked. */
export interface JsonBody {
  bytes: Buffer;
  /** A weak entity tag of the bytes, in the form Express gives its own answers. */
  etag: string;
  /** The bytes compressed with gzip, once for every request that sends them. */
  gzipped(): Promise<Buffer>;
}

/** Serialises `value` as JSON, with its tag; compressed only when first asked. */
export function toJsonBody(value: unknown): JsonBody {
  const bytes = Buffer.from(JSON.stringify(value));
  const hash = createHash('sha1').update(bytes).digest('base64');
  let compressed: Promise<Buffer> | undefined;
  return {
    bytes,
    etag: `W/"${bytes.length.toString(16)}-${hash.substring(0, 27)}"`,
    gzipped: () => (compressed ??= gzip(bytes)),
  };
}

interface Kept {
  key: string;
  body: Promise<JsonBody>;
  usedAt: number;
}

/**
 * Answers kept serialised (and compressed once sent so) while what they
 * were built from has not changed: one per slot (such as an entity), valid
 * for one key (a version of its sources that the caller computes cheaply).
 * Requests for the same key while it is being built share the build. An
 * answer is kept only when the key was the same before and after its build,
 * and is dropped once unused for `idleMs` or when more than `maxEntries`
 * slots are kept (the least recently used go first).
 *
 * It holds answers, not decisions: whoever asks must be authorized first.
 */
export class JsonBodies {
  readonly #kept = new Map<string, Kept>();
  readonly #maxEntries: number;
  readonly #idleMs: number;
  readonly #now: () => number;

  constructor(
    options: { maxEntries?: number; idleMs?: number; now?: () => number } = {},
  ) {
    this.#maxEntries = options.maxEntries ?? 500;
    this.#idleMs = options.idleMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The slot's answer for the current key: kept, or built now. With no key
   * (`keyOf` answers undefined), it is built and not kept.
   */
  async get(
    slot: string,
    keyOf: () => string | undefined,
    build: () => Promise<unknown>,
  ): Promise<JsonBody> {
    const key = keyOf();
    if (key === undefined) return toJsonBody(await build());
    const now = this.#now();
    const kept = this.#kept.get(slot);
    if (kept?.key === key) {
      kept.usedAt = now;
      // Most recently used last, so the first in order are the first to go.
      this.#kept.delete(slot);
      this.#kept.set(slot, kept);
      return kept.body;
    }
    const entry: Kept = {
      key,
      usedAt: now,
      body: build().then(toJsonBody),
    };
    this.#keep(slot, entry, now);
    entry.body.then(
      () => {
        if (keyOf() !== key) this.#drop(slot, entry);
      },
      () => this.#drop(slot, entry),
    );
    return entry.body;
  }

  #keep(slot: string, entry: Kept, now: number): void {
    this.#kept.delete(slot);
    this.#kept.set(slot, entry);
    for (const [oldSlot, old] of this.#kept) {
      const idle = now - old.usedAt > this.#idleMs;
      if (!idle && this.#kept.size <= this.#maxEntries) break;
      this.#kept.delete(oldSlot);
    }
  }

  #drop(slot: string, entry: Kept): void {
    if (this.#kept.get(slot) === entry) this.#kept.delete(slot);
  }
}
