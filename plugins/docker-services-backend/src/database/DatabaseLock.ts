import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const TABLE = 'docker_services_locks';

/**
 * A lock per key in the plugin's database, so that backend replicas sharing
 * it run one action per container at a time. The holder renews it every
 * third of its time to live while it works; a holder that dies loses it
 * when it expires.
 */
export class DatabaseLock {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async withLock<T>(
    key: string,
    options: { ttlMs: number; waitMs: number },
    fn: () => Promise<T>,
  ): Promise<T> {
    const holder = randomUUID();
    const giveUpAt = Date.now() + options.waitMs;
    for (let attempt = 0; ; attempt++) {
      if (await this.#tryAcquire(key, holder, options.ttlMs)) break;
      if (Date.now() > giveUpAt) {
        throw new ConflictError(
          'Another action on this container is still running. Try again in a moment.',
        );
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(25 * 2 ** attempt, 250)),
      );
    }
    // Renewed while `fn` runs, so the lock cannot expire under a live
    // holder however long Docker takes; only a holder that died loses it.
    const renewal = setInterval(() => {
      this.#db(TABLE)
        .where({ lock_key: key, holder })
        .update({ expires_at: Date.now() + options.ttlMs })
        .catch(() => {
          // A busy database: the next renewal tries again.
        });
    }, Math.max(50, Math.floor(options.ttlMs / 3)));
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      // Retried a few times (a busy database); failing that, it expires.
      for (let i = 0; i < 5; i++) {
        try {
          await this.#db(TABLE).where({ lock_key: key, holder }).delete();
          break;
        } catch {
          await new Promise(resolve => setTimeout(resolve, 50));
        }
      }
    }
  }

  async #tryAcquire(
    key: string,
    holder: string,
    ttlMs: number,
  ): Promise<boolean> {
    const now = Date.now();
    try {
      await this.#db(TABLE)
        .where('lock_key', key)
        .andWhere('expires_at', '<', now)
        .delete();
      await this.#db(TABLE).insert({
        lock_key: key,
        holder,
        expires_at: now + ttlMs,
      });
      return true;
    } catch {
      // Held by someone else (unique key), or the database is busy: wait and retry.
      return false;
    }
  }
}
