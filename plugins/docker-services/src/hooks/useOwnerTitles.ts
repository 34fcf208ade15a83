import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  entityPresentationApiRef,
  getEntityRelations,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** An owner of an entity: its ref and the name people know it by. */
export interface OwnerTitle {
  ref: string;
  title: string;
}

/**
 * The entity's owners with their display names ("Shop team"), as the
 * catalog presents them (EntityRefLink shows the same); their refs' short
 * form until those are known, or in an app without that presentation API.
 */
export function useOwnerTitles(entity: Entity): OwnerTitle[] {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  const quick = owners.map(ref => ({
    ref: stringifyEntityRef(ref),
    title: humanizeEntityRef(ref, { defaultKind: 'group' }),
  }));
  const key = quick.map(o => o.ref).join(',');
  const { value } = useAsync(async () => {
    if (!presentation) return undefined;
    return Promise.all(
      quick.map(async ({ ref }) => ({
        ref,
        title: (
          await presentation.forEntity(ref, { defaultKind: 'group' }).promise
        ).primaryTitle,
      })),
    );
    // key stands for the owners' refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presentation, key]);
  return value ?? quick;
}
