import {
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_DEPENDENCY_OF,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** A catalog entity that relies on the one being acted on, and through what. */
export interface Dependent {
  ref: string;
  /** The API of ours it consumes, when that is the link. */
  viaApi?: string;
}

/**
 * The catalog entities that would notice if this one stopped: those that
 * depend on it (`dependencyOf`), and those that consume an API it provides
 * (`providesApi` → the API's `apiConsumedBy`), each listed once.
 */
export function useDependents(entity: Entity) {
  // Optional: without a catalog API (a bare test app), only direct dependents.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const self = stringifyEntityRef(entity);
  const direct = getEntityRelations(entity, RELATION_DEPENDENCY_OF).map(ref =>
    stringifyEntityRef(ref),
  );
  const apis = getEntityRelations(entity, RELATION_PROVIDES_API).map(ref =>
    stringifyEntityRef(ref),
  );
  const key = `${direct.join(',')}|${apis.join(',')}`;
  return useAsync(async (): Promise<Dependent[]> => {
    const dependents = new Map<string, Dependent>(
      direct.map(ref => [ref, { ref }]),
    );
    if (catalogApi && apis.length > 0) {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: apis,
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      });
      items.forEach((api, index) => {
        if (!api) return;
        for (const consumer of getEntityRelations(
          api,
          RELATION_API_CONSUMED_BY,
        )) {
          const ref = stringifyEntityRef(consumer);
          if (ref !== self && !dependents.has(ref)) {
            dependents.set(ref, { ref, viaApi: apis[index] });
          }
        }
      });
    }
    return [...dependents.values()];
    // key stands for the relations read above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, self, key]);
}
