import {
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
 * Every docker-services permission, for registration with the permissions registry.
 * @public
 */
export const dockerServicesPermissions = [
  dockerContainerReadPermission,
  dockerContainerLogsPermission,
  dockerContainerStartPermission,
  dockerContainerStopPermission,
  dockerContainerRestartPermission,
];
