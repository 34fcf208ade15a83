import {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { cachedCatalog, EntityMemo } from './cachedCatalog';
import { cachedPermissions } from './cachedPermissions';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

type CatalogService = typeof catalogServiceRef.T;

interface Entry {
  expiresAt: number;
  value: Promise<unknown>;
  /** The entity the answer is about ('' for none). */
  entityRef: string;
  storedAt: number;
  /** Being asked again, near its end (refreshAheadMs). */
  refreshing?: boolean;
}

/** How often the entities answers are held about are checked for changes. */
const DEFAULT_CHECK_MS = 1_000;
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
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #lifeJitter: number;
  readonly #random: () => number;
  readonly #refreshAheadMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #onlyPermissions?: Set<string>;
  readonly #changes?: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    checkMs: number;
  };
  /** Each entity's etag as last confirmed, for the entities answers are about. */
  readonly #etags = new Map<string, string | undefined>();
  #timer?: NodeJS.Timeout;
  /** What the cached catalog and permissions keep here, and how. */
  readonly #memo: EntityMemo = {
    fresh: key => this.#fresh(key),
    store: (key, entityRef, value) => this.#store(key, entityRef, value),
    refresh: (keys, ask) => this.#refresh(keys, ask),
    seen: (entityRef, etag) => this.#seen(entityRef, etag),
  };
  #checking?: Promise<void>;

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
    if (options.changes) {
      this.#changes = {
        ...options.changes,
        checkMs: options.changes.checkMs ?? DEFAULT_CHECK_MS,
      };
    }
    this.#onlyPermissions = options.onlyPermissions
      ? new Set(options.onlyPermissions)
      : undefined;
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#lifeJitter = Math.min(Math.max(options.lifeJitter ?? 0.2, 0), 0.5);
    this.#random = options.random ?? Math.random;
    this.#refreshAheadMs = Math.min(
      options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
      this.#ttlMs / 2,
    );
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
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
    this.#entries.clear();
    this.#etags.clear();
  }

  /** Stops checking for catalog changes (the backend stops); forgets everything. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#checking;
    this.clear();
  }

  /**
   * Asks the catalog for the etags of the entities answers are about, and
   * drops every answer about one that changed. Run every `checkMs` while
   * answers are held; exposed for tests.
   */
  async checkForChanges(): Promise<void> {
    const changes = this.#changes;
    if (!changes) return;
    const startedAt = this.#now();
    const entityRefs = [
      ...new Set([...this.#entries.values()].map(e => e.entityRef)),
    ].filter(Boolean);
    if (entityRefs.length === 0) return;
    try {
      const { items } = await changes.catalog.getEntitiesByRefs(
        { entityRefs, fields: ['metadata.etag'] },
        { credentials: await changes.auth.getOwnServiceCredentials() },
      );
      entityRefs.forEach((entityRef, i) => {
        const etag = items[i]?.metadata?.etag;
        const known = this.#etags.has(entityRef);
        if (known && this.#etags.get(entityRef) === etag) return;
        // Changed: everything about it goes. Never seen before (only
        // decisions were asked about it): what was kept before this check
        // began goes, since nothing says which version it was about.
        this.#drop(entityRef, known ? Infinity : startedAt);
        this.#etags.set(entityRef, etag);
      });
    } catch (error) {
      changes.logger.warn(
        'Could not check the catalog for changes; forgetting every cached permission answer',
        { error: String(error) },
      );
      this.clear();
    }
  }

  /**
   * A caller's read returned the entity with `etag` (none: not visible to
   * them, which says nothing of its version): a new one drops what was kept
   * about the old.
   */
  #seen(entityRef: string, etag: string | undefined) {
    if (etag === undefined) return;
    if (this.#etags.has(entityRef) && this.#etags.get(entityRef) !== etag) {
      this.#drop(entityRef, this.#now());
    }
    this.#etags.set(entityRef, etag);
  }

  /** Drops the answers about `entityRef` kept before `before`. */
  #drop(entityRef: string, before: number) {
    for (const [key, entry] of this.#entries) {
      if (entry.entityRef === entityRef && entry.storedAt < before) {
        this.#entries.delete(key);
      }
    }
  }

  #scheduleCheck() {
    if (!this.#changes || this.#timer || this.#entries.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#checking = this.checkForChanges().finally(() => {
        this.#timer = undefined;
        this.#checking = undefined;
        this.#forgetEtagsOfNothing();
        this.#scheduleCheck();
      });
    }, this.#changes.checkMs);
    this.#timer.unref?.();
  }

  #forgetEtagsOfNothing() {
    const held = new Set([...this.#entries.values()].map(e => e.entityRef));
    for (const entityRef of this.#etags.keys()) {
      if (!held.has(entityRef)) this.#etags.delete(entityRef);
    }
  }

  #fresh(key: string): Promise<unknown> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /**
   * Asks again, in one call of `ask` (with the positions in `keys`), for
   * the kept answers of `keys` in their last `refreshAheadMs` that are not
   * being asked already. Each new answer replaces its entry, with a life
   * from now, unless the entry was dropped or replaced meanwhile; a
   * failure leaves the entries to their end.
   */
  #refresh(keys: string[], ask: (due: number[]) => Promise<unknown[]>) {
    const now = this.#now();
    const due = keys.flatMap((key, i) => {
      const entry = this.#entries.get(key);
      if (
        !entry ||
        entry.refreshing ||
        entry.expiresAt <= now ||
        entry.expiresAt - now > this.#refreshAheadMs
      ) {
        return [];
      }
      entry.refreshing = true;
      return [{ key, i, entry }];
    });
    if (due.length === 0) return;
    ask(due.map(d => d.i)).then(
      answers =>
        due.forEach(({ key, entry }, j) => {
          if (this.#entries.get(key) !== entry) return;
          // Deleted first, so the map's order stays the order of asking.
          this.#entries.delete(key);
          this.#entries.set(key, {
            expiresAt: now + this.#life(),
            value: Promise.resolve(answers[j]),
            entityRef: entry.entityRef,
            storedAt: now,
          });
        }),
      () =>
        due.forEach(({ entry }) => {
          entry.refreshing = false;
        }),
    );
  }

  /** An answer's life: `ttlMs`, less up to `lifeJitter` of it at random; never more. */
  #life(): number {
    return this.#ttlMs * (1 - this.#lifeJitter * this.#random());
  }

  /** Keeps `value` for its life; a failure is not kept, so the next request asks again. */
  #store<T>(key: string, entityRef: string, value: Promise<T>): Promise<T> {
    const storedAt = this.#now();
    const entry = {
      expiresAt: storedAt + this.#life(),
      value,
      entityRef,
      storedAt,
    };
    this.#entries.set(key, entry);
    this.#scheduleCheck();
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
  changes?: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    checkMs?: number;
  };
}
