import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { describeState } from './describeState';
import { useNow } from './time/NowProvider';
import { Tone, ToneLabel } from './ToneLabel';

/** How a container's state looks beside its words. */
export function toneOf(container: ContainerSummary): Tone {
  switch (container.state) {
    case 'running':
      if (container.health === 'unhealthy') return 'error';
      if (container.health === 'starting') return 'pending';
      return 'ok';
    case 'exited':
    case 'dead':
      return container.exitCode === 0 ? 'ended' : 'error';
    case 'restarting':
    case 'created':
      return 'pending';
    default:
      return 'warning';
  }
}

/** A coloured status dot with the container's state in words. */
export function StateLabel({ container }: { container: ContainerSummary }) {
  const now = useNow();
  return (
    <ToneLabel tone={toneOf(container)}>
      {describeState(container, now)}
    </ToneLabel>
  );
}
