import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  getEntityRelations,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  ContainerAction,
  ContainerSummary,
  isRunningState,
  JobSummary,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import {
  ActionPermissions,
  JobPermissions,
  PermissionState,
  ServicePermissions,
} from '../hooks/useActionPermissions';

/** The button of a row: a lifecycle action, or the logs. */
export type RowButton = ContainerAction | 'logs';

function ownersOf(entity: Entity): string {
  const owners = getEntityRelations(entity, RELATION_OWNED_BY).map(ref =>
    humanizeEntityRef(ref, { defaultKind: 'group' }),
  );
  return owners.length ? owners.join(', ') : 'nobody in the catalog';
}

function whoMay(entity: Entity): string {
  return `Only the owners of ${entity.metadata.name} (${ownersOf(
    entity,
  )}) or an administrator`;
}

function logsRefusal(entity: Entity): string {
  return `The portal's policy does not let you read the logs of ${
    entity.metadata.name
  }. Its owners (${ownersOf(entity)}) can.`;
}

/**
 * Why the permission policy keeps the user from a button, in words, or
 * undefined once it lets them: the same for containers and services.
 */
function permissionRefusal(
  button: string,
  permission: PermissionState,
  entity: Entity,
  things: 'containers' | 'services' | 'jobs',
): string | undefined {
  if (permission.loading) return 'Checking what you may do…';
  if (permission.allowed) return undefined;
  return button === 'logs'
    ? logsRefusal(entity)
    : `${whoMay(entity)} may ${button} its ${things}. Ask them.`;
}

/**
 * Why a row's button is disabled, in words, or undefined when it may be
 * used. The same rules as the backend's, so that a click never ends in a
 * refusal the page could have foreseen.
 */
export function whyDisabled(options: {
  button: RowButton;
  container: ContainerSummary;
  entity: Entity;
  permissions: ActionPermissions;
}): string | undefined {
  const { button, container, entity, permissions } = options;
  // Nobody may act on a container bound to several entities.
  if (container.conflict) return container.conflict.message;
  const refusal = permissionRefusal(
    button,
    permissions[button],
    entity,
    'containers',
  );
  if (refusal || button === 'logs') return refusal;
  const running = isRunningState(container.state);
  if (button === 'start' && running)
    return `${container.name} is already running.`;
  if (button === 'stop' && !running) return `${container.name} is not running.`;
  if (button === 'restart' && !running) {
    if (permissions.start.loading) return 'Checking what you may do…';
    if (!permissions.start.allowed) {
      return `${
        container.name
      } is not running, so restarting it would start it. ${whoMay(
        entity,
      )} may start its containers. Ask them.`;
    }
  }
  return undefined;
}

/** The button of a Swarm service's row. */
export type ServiceButton = 'logs' | 'scale' | 'restart';

/**
 * Why a Swarm service's button is disabled, in words, or undefined when it
 * may be used; the backend refuses the same.
 */
export function whyServiceButtonDisabled(options: {
  button: ServiceButton;
  service: SwarmServiceSummary;
  entity: Entity;
  permissions: ServicePermissions;
}): string | undefined {
  const { button, service, entity, permissions } = options;
  if (service.conflict) return service.conflict.message;
  const refusal = permissionRefusal(
    button,
    permissions[button],
    entity,
    'services',
  );
  if (refusal || button !== 'scale') return refusal;
  if (service.mode === 'global') {
    return `${service.name} is a global service: Swarm runs one task of it on every eligible node, so it has no number of replicas to change.`;
  }
  return undefined;
}

/** A job's button: run it now, change its schedule, or a run's log. */
export type JobButton = 'run' | 'schedule' | 'logs';

/**
 * Why a job's button is disabled, in words, or undefined when it may be
 * used; the backend refuses the same (a run of a running job, a schedule on
 * a host whose schedules are off).
 */
export function whyJobButtonDisabled(options: {
  button: JobButton;
  job: JobSummary;
  entity: Entity;
  permissions: JobPermissions;
}): string | undefined {
  const { button, job, entity, permissions } = options;
  const refusal = permissionRefusal(
    button,
    permissions[button],
    entity,
    'jobs',
  );
  if (refusal) return refusal;
  if (button === 'run' && job.running)
    return `${job.containerName} is already running.`;
  if (button === 'schedule' && !job.schedulesEnabled)
    return `Schedules are off on host ${job.host} in the portal's configuration.`;
  return undefined;
}
