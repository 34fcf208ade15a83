import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  getEntityRelations,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  ContainerAction,
  ContainerSummary,
  isRunningState,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ActionPermissions } from '../hooks/useActionPermissions';

/** The button of a row: a lifecycle action, or the logs. */
export type RowButton = ContainerAction | 'logs';

/** The states the backend treats as running (start does nothing, stop acts). */

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
  const permission = permissions[button];
  if (permission.loading) return 'Checking what you may do…';
  if (button === 'logs') {
    return permission.allowed
      ? undefined
      : `The portal's policy does not let you read the logs of ${
          entity.metadata.name
        }. Its owners (${ownersOf(entity)}) can.`;
  }
  if (!permission.allowed) {
    return `${whoMay(entity)} may ${button} its containers. Ask them.`;
  }
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
