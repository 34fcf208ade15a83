import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { KeptAnswers } from './KeptAnswers';

type CatalogService = typeof catalogServiceRef.T;

/** How often the entities answers are held about are checked for changes. */
const DEFAULT_CHECK_MS = 1_000;

/** Where to check for catalog changes, and how often. */
export interface CatalogChanges {
  /** The catalog itself, not the cached one. */
  catalog: CatalogService;
  /** The plugin's auth, for its own credentials. */
  auth: AuthService;
  logger: LoggerService;
  /** Default 1,000 ms. */
  checkMs?: number;
}

/**
 * Keeps `answers` in step with the catalog, by the etag of each entity they
 * are about (`metadata.etag`, which changes with any of its fields,
 * relations or status): as a caller's read shows it, and, given `changes`,
 * as one batched read with the plugin's own credentials confirms it every
 * `checkMs` while answers are held. Every answer about an entity whose etag
 * moved on (or which is gone) is dropped, for every caller; a check that
 * fails drops everything.
 */
export class EtagChecks {
  readonly #answers: KeptAnswers;
  readonly #changes?: Required<CatalogChanges>;
  readonly #now: () => number;
  /** Each entity's etag as last confirmed, for the entities answers are about. */
  readonly #etags = new Map<string, string | undefined>();
  #timer?: NodeJS.Timeout;
  #checking?: Promise<void>;

  constructor(options: {
    answers: KeptAnswers;
    changes?: CatalogChanges;
    now: () => number;
  }) {
    this.#answers = options.answers;
    if (options.changes) {
      this.#changes = {
        ...options.changes,
        checkMs: options.changes.checkMs ?? DEFAULT_CHECK_MS,
      };
    }
    this.#now = options.now;
  }

  /**
   * Asks the catalog for the etags of the entities answers are about, and
   * drops every answer about one that changed.
   */
  async check(): Promise<void> {
    const changes = this.#changes;
    if (!changes) return;
    const startedAt = this.#now();
    const entityRefs = [...this.#answers.entityRefs()].filter(Boolean);
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
        this.#answers.drop(entityRef, known ? Infinity : startedAt);
        this.#etags.set(entityRef, etag);
      });
    } catch (error) {
      changes.logger.warn(
        'Could not check the catalog for changes; forgetting every cached permission answer',
        { error: String(error) },
      );
      this.#answers.clear();
      this.clear();
    }
  }

  /**
   * A caller's read returned the entity with `etag` (none: not visible to
   * them, which says nothing of its version): a new one drops what was kept
   * about the old.
   */
  seen(entityRef: string, etag: string | undefined) {
    if (etag === undefined) return;
    if (this.#etags.has(entityRef) && this.#etags.get(entityRef) !== etag) {
      this.#answers.drop(entityRef, this.#now());
    }
    this.#etags.set(entityRef, etag);
  }

  /** Checks in `checkMs`, if there is a catalog to check and answers to check, and no check is due yet. */
  schedule() {
    if (!this.#changes || this.#timer || this.#answers.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#checking = this.check().finally(() => {
        this.#timer = undefined;
        this.#checking = undefined;
        this.#forgetEtagsOfNothing();
        this.schedule();
      });
    }, this.#changes.checkMs);
    this.#timer.unref?.();
  }

  /** Forgets every etag. */
  clear(): void {
    this.#etags.clear();
  }

  /** Stops checking; waits for a check under way. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#checking;
  }

  #forgetEtagsOfNothing() {
    const held = this.#answers.entityRefs();
    for (const entityRef of this.#etags.keys()) {
      if (!held.has(entityRef)) this.#etags.delete(entityRef);
    }
  }
}
