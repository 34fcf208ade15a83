import {
  BasicPermission,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Resource type of every docker-services permission: the catalog entity. */
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

function entityPermission(
  action: string,
  kind: 'read' | 'update',
): ResourcePermission<'catalog-entity'> {
  return createPermission({
    name: `docker-services.container.${action}`,
    attributes: { action: kind },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });
}

/**
 * See an entity's containers and their state.
 * @public
 */
export const dockerContainerReadPermission = entityPermission('read', 'read');

/**
 * Read an entity's container logs.
 * @public
 */
export const dockerContainerLogsPermission = entityPermission('logs', 'read');

/**
 * Start an entity's containers.
 * @public
 */
export const dockerContainerStartPermission = entityPermission(
  'start',
  'update',
);

/**
 * Stop an entity's containers.
 * @public
 */
export const dockerContainerStopPermission = entityPermission('stop', 'update');

/**
 * Restart an entity's containers.
 * @public
 */
export const dockerContainerRestartPermission = entityPermission(
  'restart',
  'update',
);

/**
 * The lifecycle actions, each with its own permission so that a policy can
 * allow, say, restart only.
 * @public
 */
export const dockerContainerActionPermissions = {
  start: dockerContainerStartPermission,
  stop: dockerContainerStopPermission,
  restart: dockerContainerRestartPermission,
} as const;

/**
 * Scale an entity's Swarm services (within the limits in config). A rolling
 * restart of a service needs the restart permission, as for containers.
 * @public
 */
export const dockerServiceScalePermission = createPermission({
  name: 'docker-services.service.scale',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Set, change, pause and remove a job's schedule. Running a job now takes
 * the start permission, as starting any container does.
 * @public
 */
export const dockerJobSchedulePermission = createPermission({
  name: 'docker-services.job.schedule',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * See, in the fleet view, containers bound to no entity or to several (so
 * that admins can bind them). A basic permission: it is about the fleet, not
 * one entity. Bound containers are shown to whoever may read their entity.
 * @public
 */
export const dockerFleetReadPermission = createPermission({
  name: 'docker-services.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Every docker-services permission, for registration with the permissions
 * registry. (Typed here: an inferred union's order differs between builds,
 * and so would the API report.)
 * @public
 */
export const dockerServicesPermissions: Array<
  BasicPermission | ResourcePermission<'catalog-entity'>
> = [
  dockerFleetReadPermission,
  dockerContainerReadPermission,
  dockerContainerLogsPermission,
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerContainerRestartPermission,
  dockerServiceScalePermission,
  dockerJobSchedulePermission,
];
