import { PermissionsService } from '@backstage/backend-plugin-api';
import { cachedCatalog, EntityMemo } from './cachedCatalog';
import { cachedPermissions } from './cachedPermissions';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { CatalogChanges, EtagChecks } from './EtagChecks';
import { KeptAnswers } from './KeptAnswers';
import { refreshAhead } from './refreshAhead';

type CatalogService = typeof catalogServiceRef.T;

/** How long before its end an answer still in use is asked again. */
const DEFAULT_REFRESH_AHEAD_MS = 1_000;

/**
 * A short-lived memory of what a caller was allowed to see: the entity as
 * the catalog gave it to them (to the plugin itself, shared by everyone,
 * when read through catalogAsCallerSees) and the permission
 * decisions about it, so that a person reloading a tab does not pay a
 * catalog read and a permission round trip on every request.
 *
 * It never widens what anyone sees: every entry belongs to one caller (the
 * user and the token's expiry, which tells their tokens apart; or the
 * service), a caller without a principal is never cached, and an entry
 * lives `ttlMs` (5 s by default) at most, so a reader whose access is
 * revoked sees nothing once that life has passed. The token itself is still
 * checked on every request: only what follows it is remembered.
 *
 * Dropped when the catalog changes (given `changes`): the catalog offers
 * no event when an entity changes (its events service carries only
 * conflicts and processing errors), but each entity carries
 * `metadata.etag`, a hash of the stitched entity that changes with any of
 * its fields, relations (such as its owner) or status. So, while answers
 * are held, one batched read every `checkMs` (1 s by default) asks the
 * catalog, with the plugin's own credentials and only that field, for the
 * etags of the entities they are about, and every answer about an entity
 * whose etag moved on (or which is gone) is dropped, for every caller: one
 * catalog call a second for the whole backend, however many people reload.
 * A check that fails drops everything. A revoked reader thus sees nothing
 * a check later (about 1 s), well within the life. Decisions that do not
 * come from the entity (the policy's code, a user's group memberships,
 * which reach the policy through the token's ownership claims) are bounded
 * by the life and the token alone.
 *
 * An answer used in its last `refreshAheadMs` (1 s by default) is asked
 * again in the background, with the same caller's credentials, while that
 * request gets the kept one: a person reloading their tab does not wait
 * for the catalog and the permission plugin each time an answer's life
 * ends. The new answer gets a life of its own from when it was asked, and
 * is kept only if the old one was not dropped in the meantime (a catalog
 * change, a failed check), so nothing lives longer than `ttlMs` from its
 * asking.
 */
export class AuthorizationCache {
  readonly #answers: KeptAnswers;
  readonly #checks: EtagChecks;
  readonly #refreshAheadMs: number;
  readonly #now: () => number;
  readonly #onlyPermissions?: Set<string>;
  /** What the cached catalog and permissions keep here, and how. */
  readonly #memo: EntityMemo = {
    fresh: key => this.#answers.fresh(key),
    store: (key, entityRef, value) => this.#store(key, entityRef, value),
    refresh: (keys, ask) =>
      refreshAhead({
        answers: this.#answers,
        keys,
        ask,
        refreshAheadMs: this.#refreshAheadMs,
        now: this.#now(),
      }),
    seen: (entityRef, etag) => this.#checks.seen(entityRef, etag),
  };

  /**
   * @param options.onlyPermissions - the permissions whose decisions may be
   *   reused (default: all); the others are asked every time, such as those
   *   that let someone act
   * @param options.ttlMs - how long an answer is reused (default 5,000 ms)
   * @param options.lifeJitter - the share of the life taken off each
   *   answer at random (default 0.2: 4 to 5 s), so that people who came
   *   together do not all have their answers asked again in the same second
   * @param options.refreshAheadMs - an answer used this close to its end
   *   is asked again in the background (default 1,000 ms, at most half
   *   the life)
   * @param options.maxEntries - the most answers kept; the oldest go first (default 10,000)
   * @param options.now - the clock, for tests
   * @param options.changes - where to check for catalog changes (the
   *   catalog itself, not the cached one; the plugin's auth for its own
   *   credentials), and how often (`checkMs`, default 1,000 ms); without
   *   it, answers are only bounded by their life
   */
  static create(options: AuthorizationCacheOptions = {}) {
    return new AuthorizationCache(options);
  }

  private constructor(options: AuthorizationCacheOptions) {
    this.#onlyPermissions = options.onlyPermissions
      ? new Set(options.onlyPermissions)
      : undefined;
    const ttlMs = options.ttlMs ?? 5_000;
    this.#refreshAheadMs = Math.min(
      options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
      ttlMs / 2,
    );
    this.#now = options.now ?? Date.now;
    this.#answers = new KeptAnswers({
      ttlMs,
      lifeJitter: Math.min(Math.max(options.lifeJitter ?? 0.2, 0), 0.5),
      random: options.random ?? Math.random,
      maxEntries: options.maxEntries ?? 10_000,
      now: this.#now,
    });
    this.#checks = new EtagChecks({
      answers: this.#answers,
      changes: options.changes,
      now: this.#now,
    });
  }

  /**
   * The catalog service, with a caller's reads of whole entities by ref
   * (single or batched) answered from the cache.
   */
  catalog(inner: CatalogService): CatalogService {
    return cachedCatalog(inner, this.#memo);
  }

  /**
   * The permissions service, with definitive decisions (`authorize`)
   * answered from the cache per item; conditional ones pass through.
   */
  permissions(inner: PermissionsService): PermissionsService {
    return cachedPermissions(inner, this.#memo, this.#onlyPermissions);
  }

  /** Forgets every answer. */
  clear(): void {
    this.#answers.clear();
    this.#checks.clear();
  }

  /** Stops checking for catalog changes (the backend stops); forgets everything. */
  async stop(): Promise<void> {
    await this.#checks.stop();
    this.clear();
  }

  /**
   * Asks the catalog for the etags of the entities answers are about, and
   * drops every answer about one that changed. Run every `checkMs` while
   * answers are held; exposed for tests.
   */
  checkForChanges(): Promise<void> {
    return this.#checks.check();
  }

  /** Keeps `value` for its life, and checks the catalog for changes while answers are held. */
  #store<T>(key: string, entityRef: string, value: Promise<T>): Promise<T> {
    this.#answers.store(key, entityRef, value);
    this.#checks.schedule();
    return value;
  }
}

/** The options of {@link AuthorizationCache.create}. */
export interface AuthorizationCacheOptions {
  ttlMs?: number;
  /** The share of the life taken off each answer at random (default 0.2; at most 0.5). */
  lifeJitter?: number;
  /** A number in [0, 1) at random, for tests. */
  random?: () => number;
  /** How long before its end an answer in use is asked again (default 1,000 ms; at most half the life). */
  refreshAheadMs?: number;
  maxEntries?: number;
  now?: () => number;
  onlyPermissions?: string[];
  changes?: CatalogChanges;
}
