import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  SwarmServiceAction,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback } from 'react';
import {
  dockerServicesApiRef,
  SwarmServiceActionRequest,
} from '../api/DockerServicesApi';
import { serviceActionOutcome } from '../components/swarm/serviceWords';
import { useActionRunner } from './useActionRunner';

const keyOf = (service: SwarmServiceSummary) => `${service.host}/${service.id}`;

/**
 * Scales and restarts the entity's Swarm services: which rows are busy, a
 * toast with the outcome (also given to `onOutcome`, for the page's live
 * region), and `onDone` to refresh what the page shows.
 */
export function useServiceAction(
  entity: Entity,
  onDone: () => void,
  onOutcome?: (message: string) => void,
) {
  const api = useApi(dockerServicesApiRef);
  const { run: runAction, busyAction: busyOf } =
    useActionRunner<SwarmServiceAction>(onDone, onOutcome);

  const run = useCallback(
    (service: SwarmServiceSummary, request: SwarmServiceActionRequest) =>
      runAction({
        key: keyOf(service),
        action: request.action,
        failureTitle: `Could not ${request.action} ${service.name}`,
        perform: async () =>
          serviceActionOutcome(
            service,
            request,
            await api.runSwarmServiceAction({
              entityRef: getCompoundEntityRef(entity),
              host: service.host,
              id: service.id,
              ...request,
            }),
          ),
      }),
    [api, entity, runAction],
  );

  const busyAction = useCallback(
    (service: SwarmServiceSummary) => busyOf(keyOf(service)),
    [busyOf],
  );

  return { run, busyAction };
}
