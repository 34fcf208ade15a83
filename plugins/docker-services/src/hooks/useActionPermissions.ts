import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  dockerContainerLogsPermission,
  dockerContainerRestartPermission,
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerServiceScalePermission,
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

/** What the user may do to the entity's Swarm services: one answer per button. */
export type ServicePermissions = Record<
  'scale' | 'restart' | 'logs',
  PermissionState
>;

/**
 * The user's permissions on the entity's Swarm services: scale has its own
 * permission; a rolling restart needs the restart permission and reading a
 * service's log the logs permission, as for containers.
 */
export function useServicePermissions(entity: Entity): ServicePermissions {
  const { restart, logs } = useActionPermissions(entity);
  const scale = usePermission({
    permission: dockerServiceScalePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return {
    scale: { loading: scale.loading, allowed: scale.allowed },
    restart,
    logs,
  };
}
