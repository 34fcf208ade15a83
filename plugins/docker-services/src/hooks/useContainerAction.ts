import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ContainerAction,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { useActionRunner } from './useActionRunner';

const keyOf = (container: ContainerSummary) =>
  `${container.host}/${container.id}`;

/**
 * Runs lifecycle actions for the container rows of one entity: which rows
 * are busy, a toast with the outcome (also given to `onOutcome`, for the
 * page's live region), and `onDone` to refresh what the page shows.
 */
export function useContainerAction(
  entity: Entity,
  onDone: () => void,
  onOutcome?: (message: string) => void,
) {
  const api = useApi(dockerServicesApiRef);
  const runner = useActionRunner<ContainerAction>(onDone, onOutcome);
  const { run: runAction, busyAction: busyOf } = runner;

  const run = useCallback(
    (container: ContainerSummary, action: ContainerAction, reason?: string) =>
      runAction({
        key: keyOf(container),
        action,
        failureTitle: `Could not ${action} ${container.name}`,
        perform: () =>
          api.runAction({
            entityRef: getCompoundEntityRef(entity),
            host: container.host,
            id: container.id,
            action,
            reason,
          }),
      }),
    [api, entity, runAction],
  );

  const busyAction = useCallback(
    (container: ContainerSummary) => busyOf(keyOf(container)),
    [busyOf],
  );

  return { run, busyAction };
}
