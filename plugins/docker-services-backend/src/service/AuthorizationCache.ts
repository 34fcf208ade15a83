import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizePermissionResponse } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

type CatalogService = typeof catalogServiceRef.T;

interface Entry {
  expiresAt: number;
  value: Promise<unknown>;
}

/**
 * A short-lived memory of what a caller was allowed to see: the entity as
 * the catalog gave it to them and the permission decisions about it, so
 * that a person reloading a tab does not pay a catalog read and a
 * permission round trip on every request.
 *
 * It never widens what anyone sees: every entry belongs to one caller (the
 * user and the token's expiry, which tells their tokens apart; or the
 * service), a caller without a principal is never cached, and an entry
 * lives `ttlMs` (5 s by default) at most, so a reader whose access is
 * revoked sees nothing once that life has passed. `clear()` drops
 * everything, for when the catalog changes. The token itself is still
 * checked on every request: only what follows it is remembered.
 */
export class AuthorizationCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #onlyPermissions?: Set<string>;

  /**
   * @param options.onlyPermissions - the permissions whose decisions may be
   *   reused (default: all); the others are asked every time, such as those
   *   that let someone act
   * @param options.ttlMs - how long an answer is reused (default 5,000 ms)
   * @param options.maxEntries - the most answers kept; the oldest go first (default 10,000)
   * @param options.now - the clock, for tests
   */
  static create(
    options: {
      ttlMs?: number;
      maxEntries?: number;
      now?: () => number;
      onlyPermissions?: string[];
    } = {},
  ) {
    return new AuthorizationCache(options);
  }

  private constructor(options: {
    ttlMs?: number;
    maxEntries?: number;
    now?: () => number;
    onlyPermissions?: string[];
  }) {
    this.#onlyPermissions = options.onlyPermissions
      ? new Set(options.onlyPermissions)
      : undefined;
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The catalog service, with `getEntityByRef` answered from the cache. */
  catalog(inner: CatalogService): CatalogService {
    const getEntityByRef: CatalogService['getEntityByRef'] = (ref, options) => {
      const caller = callerKey(options.credentials);
      if (!caller) return inner.getEntityByRef(ref, options);
      const entityRef = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return this.#remember(`entity\n${caller}\n${entityRef}`, () =>
        inner.getEntityByRef(ref, options),
      ) as Promise<Entity | undefined>;
    };
    return new Proxy(inner, {
      get(target, property) {
        if (property === 'getEntityByRef') return getEntityByRef;
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /**
   * The permissions service, with definitive decisions (`authorize`)
   * answered from the cache per item; conditional ones pass through.
   */
  permissions(inner: PermissionsService): PermissionsService {
    return {
      authorize: async (requests, options) => {
        const caller = callerKey(options.credentials);
        const only = this.#onlyPermissions;
        if (
          !caller ||
          (only && requests.some(r => !only.has(r.permission.name)))
        ) {
          return inner.authorize(requests, options);
        }
        const keys = requests.map(
          r =>
            `decision\n${caller}\n${r.permission.name}\n${
              'resourceRef' in r ? r.resourceRef ?? '' : ''
            }`,
        );
        const answers = keys.map(key => this.#fresh(key));
        const missing = answers.flatMap((a, i) => (a ? [] : [i]));
        if (missing.length > 0) {
          const asked = inner.authorize(
            missing.map(i => requests[i]),
            options,
          );
          missing.forEach((i, j) => {
            answers[i] = this.#store(
              keys[i],
              asked.then(decisions => decisions[j]),
            );
          });
        }
        return (await Promise.all(answers)) as AuthorizePermissionResponse[];
      },
      authorizeConditional: (requests, options) =>
        inner.authorizeConditional(requests, options),
    };
  }

  /** Forgets every answer (the catalog changed). */
  clear(): void {
    this.#entries.clear();
  }

  #remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    return (this.#fresh(key) as Promise<T>) ?? this.#store(key, load());
  }

  #fresh(key: string): Promise<unknown> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Keeps `value` for its life; a failure is not kept, so the next request asks again. */
  #store<T>(key: string, value: Promise<T>): Promise<T> {
    const entry = { expiresAt: this.#now() + this.#ttlMs, value };
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
}

/**
 * Whose answer this is: the user with their token's expiry (and the
 * service acting for them, if any), or the service; undefined for no
 * principal, which is never cached.
 */
function callerKey(credentials: BackstageCredentials): string | undefined {
  const { principal } = credentials as BackstageCredentials<any>;
  const expiry = credentials.expiresAt?.getTime() ?? '';
  if (principal?.type === 'user') {
    return `user:${principal.userEntityRef}:${expiry}:${
      principal.actor?.subject ?? ''
    }`;
  }
  if (principal?.type === 'service') {
    return `service:${principal.subject}:${expiry}:${JSON.stringify(
      principal.accessRestrictions ?? null,
    )}`;
  }
  return undefined;
}
