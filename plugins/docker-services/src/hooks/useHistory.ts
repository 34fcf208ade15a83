import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/**
 * The entity's actions, newest first: the latest page, reloaded by `retry`,
 * and older pages appended by `loadOlder`.
 */
export function useHistory(entity: Entity, limit = 10) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  const [older, setOlder] = useState<{
    items: HistoryEntry[];
    nextBefore?: number;
  }>();
  const latest = useAsyncRetry(async () => {
    setOlder(undefined);
    return api.getHistory(ref, { limit });
  }, [api, ref.kind, ref.namespace, ref.name, limit]);

  const nextBefore = older ? older.nextBefore : latest.value?.nextBefore;
  const loadOlder = useCallback(async () => {
    if (!nextBefore) return;
    const page = await api.getHistory(ref, { limit, before: nextBefore });
    setOlder(previous => ({
      items: [...(previous?.items ?? []), ...page.items],
      nextBefore: page.nextBefore,
    }));
    // ref's parts identify the entity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, nextBefore, ref.kind, ref.namespace, ref.name, limit]);

  return {
    items: latest.value
      ? [...latest.value.items, ...(older?.items ?? [])]
      : undefined,
    error: latest.error,
    retry: latest.retry,
    hasOlder: Boolean(nextBefore),
    loadOlder,
  };
}
