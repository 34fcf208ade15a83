import { Entity } from '@backstage/catalog-model';

/**
 * The name a user must type before stopping a production entity's
 * (`spec.lifecycle: production`) container or service, or undefined when no
 * typing is asked for (other lifecycles; a start, or a restart, which brings
 * it back by itself). It is the name of what goes down: the container's, or
 * the service's; the component's own name would be asked only by an action
 * on the whole component, and there is none.
 */
export function nameToType(
  entity: Entity,
  action: 'start' | 'stop' | 'restart',
  targetName: string,
): string | undefined {
  if (entity.spec?.lifecycle !== 'production') return undefined;
  return action === 'stop' ? targetName : undefined;
}
