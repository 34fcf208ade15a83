import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  dockerContainerLogsPermission,
  dockerContainerRestartPermission,
  dockerContainerStartPermission,
  dockerContainerStopPermission,
} from '@docker-services/backstage-plugin-docker-services-common';

/** Whether the permission policy lets the user do one thing, once known. */
export interface PermissionState {
  loading: boolean;
  allowed: boolean;
}

/** What the user may do to the entity's containers: one answer per button. */
export type ActionPermissions = Record<
  'start' | 'stop' | 'restart' | 'logs',
  PermissionState
>;

/**
 * The user's permissions on the entity's containers. Restart is asked for
 * together with start: restarting a stopped container starts it.
 */
export function useActionPermissions(entity: Entity): ActionPermissions {
  const resourceRef = stringifyEntityRef(entity);
  const start = usePermission({
    permission: dockerContainerStartPermission,
    resourceRef,
  });
  const stop = usePermission({
    permission: dockerContainerStopPermission,
    resourceRef,
  });
  const restart = usePermission({
    permission: dockerContainerRestartPermission,
    resourceRef,
  });
  const logs = usePermission({
    permission: dockerContainerLogsPermission,
    resourceRef,
  });
  return {
    start: { loading: start.loading, allowed: start.allowed },
    stop: { loading: stop.loading, allowed: stop.allowed },
    restart: { loading: restart.loading, allowed: restart.allowed },
    logs: { loading: logs.loading, allowed: logs.allowed },
  };
}
