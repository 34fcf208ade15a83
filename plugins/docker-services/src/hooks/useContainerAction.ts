import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { toastApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  ContainerAction,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback, useState } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { backendMessage } from './backendMessage';

/**
 * Runs lifecycle actions for the rows of one entity: which rows are busy,
 * a toast with the outcome (also given to `onOutcome`, for the page's live
 * region), and `onDone` to refresh what the page shows.
 */
export function useContainerAction(
  entity: Entity,
  onDone: () => void,
  onOutcome?: (message: string) => void,
) {
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
        onOutcome?.(result.message);
        toastApi.post({
          title: result.message,
          status: result.stateUnknown ? 'warning' : 'success',
          timeout: 6000,
        });
      } catch (error) {
        const title = `Could not ${action} ${container.name}`;
        onOutcome?.(`${title}: ${backendMessage(error)}`);
        toastApi.post({
          title,
          description: backendMessage(error),
          status: 'danger',
        });
      } finally {
        setBusy(({ [key]: _done, ...rest }) => rest);
        onDone();
      }
    },
    [api, toastApi, entity, onDone, onOutcome],
  );

  const busyAction = useCallback(
    (container: ContainerSummary): ContainerAction | undefined =>
      busy[`${container.host}/${container.id}`],
    [busy],
  );

  return { run, busyAction };
}
