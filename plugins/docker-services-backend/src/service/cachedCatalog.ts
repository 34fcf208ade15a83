import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { callerKey, refOf } from './authorizationCacheKeys';

type CatalogService = typeof catalogServiceRef.T;

/** What the catalog's reads and the permission decisions keep in AuthorizationCache, and how. */
export interface EntityMemo {
  /** A kept answer still within its life, if any. */
  fresh(key: string): Promise<unknown> | undefined;
  /** Keeps an answer about `entityRef` for its life. */
  store<T>(key: string, entityRef: string, value: Promise<T>): Promise<T>;
  /**
   * The kept answers of `keys` near their end are asked again in the
   * background, in one call of `ask` with their positions in `keys`.
   */
  refresh(keys: string[], ask: (due: number[]) => Promise<unknown[]>): void;
  /** A read returned `entityRef` at `etag`: a new one drops the old answers. */
  seen(entityRef: string, etag: string | undefined): void;
}

/** One caller's read of one whole entity: the same key for a single and a batched read. */
const entityKey = (caller: string, entityRef: string) =>
  `entity\n${caller}\n${entityRef}`;

/**
 * The catalog service with a caller's reads of whole entities by ref
 * (`getEntityByRef`, and `getEntitiesByRefs` per item, which the fleet view
 * uses) answered from `memo`. Reads of some fields or with a filter, and
 * reads without a principal, pass through.
 */
export function cachedCatalog(
  inner: CatalogService,
  memo: EntityMemo,
): CatalogService {
  const read = (entityRef: string, entity: Entity | undefined) => {
    memo.seen(entityRef, entity?.metadata.etag);
    return entity;
  };
  const getEntityByRef: CatalogService['getEntityByRef'] = (ref, options) => {
    const caller = callerKey(options.credentials);
    if (!caller) return inner.getEntityByRef(ref, options);
    const entityRef = refOf(ref);
    const key = entityKey(caller, entityRef);
    const ask = () =>
      inner.getEntityByRef(ref, options).then(e => read(entityRef, e));
    const kept = memo.fresh(key) as Promise<Entity | undefined> | undefined;
    if (!kept) return memo.store(key, entityRef, ask());
    memo.refresh([key], () => ask().then(entity => [entity]));
    return kept;
  };
  const getEntitiesByRefs: CatalogService['getEntitiesByRefs'] = async (
    request,
    options,
  ) => {
    const caller = callerKey(options.credentials);
    if (!caller || request.fields || request.filter) {
      return inner.getEntitiesByRefs(request, options);
    }
    const refs = request.entityRefs.map(ref => refOf(ref));
    const keys = refs.map(entityRef => entityKey(caller, entityRef));
    const answers = keys.map(
      key => memo.fresh(key) as Promise<Entity | undefined> | undefined,
    );
    const missing = answers.flatMap((answer, i) => (answer ? [] : [i]));
    if (missing.length > 0) {
      const asked = inner.getEntitiesByRefs(
        { entityRefs: missing.map(i => request.entityRefs[i]) },
        options,
      );
      missing.forEach((i, j) => {
        answers[i] = memo.store(
          keys[i],
          refs[i],
          asked.then(({ items }) => read(refs[i], items[j] ?? undefined)),
        );
      });
    }
    return {
      items: await Promise.all(answers as Promise<Entity | undefined>[]),
    };
  };
  return withEntityReads(inner, { getEntityByRef, getEntitiesByRefs });
}

/** `inner` with its reads of whole entities by ref replaced; the rest as they are. */
export function withEntityReads(
  inner: CatalogService,
  reads: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs'>,
): CatalogService {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'getEntityByRef') return reads.getEntityByRef;
      if (property === 'getEntitiesByRefs') return reads.getEntitiesByRefs;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
