import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ContainerSummary } from '@internal/backstage-plugin-docker-services-common';
import { describeState } from './describeState';

/** A coloured status dot with the container's state in words. */
export function StateLabel({ container }: { container: ContainerSummary }) {
  const text = describeState(container);
  switch (container.state) {
    case 'running':
      if (container.health === 'unhealthy')
        return <StatusError>{text}</StatusError>;
      if (container.health === 'starting')
        return <StatusPending>{text}</StatusPending>;
      return <StatusOK>{text}</StatusOK>;
    case 'exited':
    case 'dead':
      return container.exitCode === 0 ? (
        <StatusAborted>{text}</StatusAborted>
      ) : (
        <StatusError>{text}</StatusError>
      );
    case 'restarting':
    case 'created':
      return <StatusPending>{text}</StatusPending>;
    default:
      return <StatusWarning>{text}</StatusWarning>;
  }
}
