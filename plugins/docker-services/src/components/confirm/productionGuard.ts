import { Entity } from '@backstage/catalog-model';
import { ContainerAction } from '@docker-services/backstage-plugin-docker-services-common';

/**
 * The name a user must type before stopping a container of a production
 * entity (`spec.lifecycle: production`), or undefined when no typing is
 * asked for: other lifecycles, and start or restart.
 */
export function nameToType(
  entity: Entity,
  action: ContainerAction,
): string | undefined {
  return action === 'stop' && entity.spec?.lifecycle === 'production'
    ? entity.metadata.name
    : undefined;
}
