import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { toastApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  ContainerAction,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback, useState } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/** The backend's own message when there is one, not the HTTP wrapper's. */
function errorMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message ?? (error as Error).message;
}

/**
 * Runs lifecycle actions for the rows of one entity: which rows are busy,
 * a toast with the outcome, and `onDone` to refresh what the page shows.
 */
export function useContainerAction(entity: Entity, onDone: () => void) {
  const api = useApi(dockerServicesApiRef);
  const toastApi = useApi(toastApiRef);
  const [busy, setBusy] = useState<Record<string, ContainerAction>>({});

  const run = useCallback(
    async (
      container: ContainerSummary,
      action: ContainerAction,
      reason?: string,
    ) => {
      const key = `${container.host}/${container.id}`;
      setBusy(b => ({ ...b, [key]: action }));
      try {
        const result = await api.runAction({
          entityRef: getCompoundEntityRef(entity),
          host: container.host,
          id: container.id,
          action,
          reason,
        });
        toastApi.post({
          title: result.message,
          status: result.stateUnknown ? 'warning' : 'success',
          timeout: 6000,
        });
      } catch (error) {
        toastApi.post({
          title: `Could not ${action} ${container.name}`,
          description: errorMessage(error),
          status: 'danger',
        });
      } finally {
        setBusy(({ [key]: _done, ...rest }) => rest);
        onDone();
      }
    },
    [api, toastApi, entity, onDone],
  );

  const busyAction = useCallback(
    (container: ContainerSummary): ContainerAction | undefined =>
      busy[`${container.host}/${container.id}`],
    [busy],
  );

  return { run, busyAction };
}
