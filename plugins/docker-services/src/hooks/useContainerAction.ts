import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ContainerAction,
  ContainerListResponse,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { useActionRunner } from './useActionRunner';
import { useUntilReread } from './useUntilReread';

const keyOf = (container: ContainerSummary) =>
  `${container.host}/${container.id}`;

/**
 * Runs lifecycle actions for the container rows of one entity: a toast
 * with the outcome (also given to `onOutcome`, for the page's live region),
 * and `onDone` to refresh what the page shows. `pendingAction` names a
 * row's action from the moment it is sent until the answer came and `list`
 * (the entity's containers) was read again after it.
 */
export function useContainerAction(options: {
  entity: Entity;
  list: ContainerListResponse | undefined;
  onDone: () => void;
  onOutcome?: (message: string) => void;
}) {
  const { entity, list, onDone, onOutcome } = options;
  const api = useApi(dockerServicesApiRef);
  const runner = useActionRunner<ContainerAction>(onDone, onOutcome);
  const { run: runAction, busyAction: busyOf } = runner;
  const { currentList, keep, keptAction } =
    useUntilReread<ContainerAction>(list);

  const run = useCallback(
    async (
      container: ContainerSummary,
      action: ContainerAction,
      reason?: string,
    ) => {
      let answeredWith: unknown;
      await runAction({
        key: keyOf(container),
        action,
        failureTitle: `Could not ${action} ${container.name}`,
        perform: async () => {
          try {
            return await api.runAction({
              entityRef: getCompoundEntityRef(entity),
              host: container.host,
              id: container.id,
              action,
              reason,
            });
          } finally {
            answeredWith = currentList();
          }
        },
      });
      keep(keyOf(container), action, answeredWith);
    },
    [api, entity, runAction, currentList, keep],
  );

  const pendingAction = useCallback(
    (container: ContainerSummary) =>
      busyOf(keyOf(container)) ?? keptAction(keyOf(container)),
    [busyOf, keptAction],
  );

  return { run, pendingAction };
}
