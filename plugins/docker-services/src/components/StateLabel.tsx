import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { describeState } from './describeState';

/**
 * Backstage's status components hide themselves, text included, from screen
 * readers (`aria-hidden`) and put a generic "Status ok" label on a span;
 * props given to them come last, so these undo both and the state is read
 * out in words.
 */
const readable = { 'aria-hidden': undefined, 'aria-label': undefined };

/** A coloured status dot with the container's state in words. */
export function StateLabel({ container }: { container: ContainerSummary }) {
  const text = describeState(container);
  switch (container.state) {
    case 'running':
      if (container.health === 'unhealthy')
        return <StatusError {...readable}>{text}</StatusError>;
      if (container.health === 'starting')
        return <StatusPending {...readable}>{text}</StatusPending>;
      return <StatusOK {...readable}>{text}</StatusOK>;
    case 'exited':
    case 'dead':
      return container.exitCode === 0 ? (
        <StatusAborted {...readable}>{text}</StatusAborted>
      ) : (
        <StatusError {...readable}>{text}</StatusError>
      );
    case 'restarting':
    case 'created':
      return <StatusPending {...readable}>{text}</StatusPending>;
    default:
      return <StatusWarning {...readable}>{text}</StatusWarning>;
  }
}
