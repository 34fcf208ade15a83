import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  dockerContainerLogsPermission,
  dockerContainerRestartPermission,
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerJobSchedulePermission,
  dockerServiceScalePermission,
} from '@docker-services/backstage-plugin-docker-services-common';

/** Whether the permission policy lets the user do one thing, once known. */
export interface PermissionState {
  loading: boolean;
  allowed: boolean;
}

/** The policy's answer for one of the plugin's permissions on the entity. */
function useEntityPermission(
  // All of them are resource permissions on a catalog entity.
  permission: typeof dockerContainerStartPermission,
  entity: Entity,
): PermissionState {
  const { loading, allowed } = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
  return { loading, allowed };
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
  return {
    start: useEntityPermission(dockerContainerStartPermission, entity),
    stop: useEntityPermission(dockerContainerStopPermission, entity),
    restart: useEntityPermission(dockerContainerRestartPermission, entity),
    logs: useEntityPermission(dockerContainerLogsPermission, entity),
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
  return {
    scale: useEntityPermission(dockerServiceScalePermission, entity),
    restart,
    logs,
  };
}

/** What the user may do to the entity's jobs: one answer per button. */
export type JobPermissions = Record<
  'run' | 'schedule' | 'logs',
  PermissionState
>;

/**
 * The user's permissions on the entity's jobs: running one now is starting
 * its container (the start permission); its schedule has its own
 * permission; its runs' logs are its container's.
 */
export function useJobPermissions(entity: Entity): JobPermissions {
  const { start, logs } = useActionPermissions(entity);
  return {
    run: start,
    schedule: useEntityPermission(dockerJobSchedulePermission, entity),
    logs,
  };
}
