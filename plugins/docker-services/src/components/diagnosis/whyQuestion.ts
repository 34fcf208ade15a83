import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';

/**
 * The question the diagnosis answers for a container, as its button says
 * it, or undefined when there is nothing to explain (it runs, healthy or
 * without a health check, or was never started).
 */
export function whyQuestion(container: ContainerSummary): string | undefined {
  switch (container.state) {
    case 'exited':
      return 'Why did it stop?';
    case 'dead':
      return 'Why did it die?';
    case 'restarting':
      return 'Why does it keep restarting?';
    default:
      return container.health === 'unhealthy'
        ? 'Why is it unhealthy?'
        : undefined;
  }
}
