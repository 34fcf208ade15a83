import {
  ContainerSummary,
  isRunningState,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ActionPermissions } from '../../hooks/useActionPermissions';

/**
 * What a user who may not act can ask the owners to do for a container:
 * start it when it is stopped and they may not start it, restart it when it
 * runs and they may not restart it; nothing while their permissions are
 * being checked, when they may act themselves, or when the container is
 * bound to several entities (nobody may act on it then).
 */
export function askableAction(
  container: ContainerSummary,
  permissions: ActionPermissions,
): 'start' | 'restart' | undefined {
  if (container.conflict) return undefined;
  const action = isRunningState(container.state) ? 'restart' : 'start';
  const permission = permissions[action];
  if (permission.loading || permission.allowed) return undefined;
  return action;
}
