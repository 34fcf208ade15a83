import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerSummary,
  isRunningState,
} from '@docker-services/backstage-plugin-docker-services-common';
import { EngineFacts } from '../database/HistoryStore';
import { DockerHost } from '../docker/DockerHost';
import {
  isTimeout,
  mayHaveHappened,
  toActionError,
} from '../docker/toActionError';
import { ResolvedContainer } from './ContainerService';
import { toContainerSummary } from './toContainerSummary';

const PAST: Record<ContainerAction, string> = {
  start: 'was started',
  stop: 'was stopped',
  restart: 'was restarted',
};
const ALREADY: Record<ContainerAction, string> = {
  start: 'was already running',
  stop: 'was already stopped',
  restart: 'was restarted', // restart always acts
};

class RestartOfStoppedError extends Error {}

/**
 * Start, stop or restart, one code path. The state is read first, so a
 * request for the state the container already has never reaches Docker; a
 * Docker answer that does not come in time is "state unknown", never
 * "failed", and the container is re-read either way.
 */
export async function performAction(options: {
  host: DockerHost;
  target: ResolvedContainer;
  action: ContainerAction;
  /** A restart of a stopped container starts it: allowed only with this. */
  mayStartStopped: boolean;
  stopTimeoutSeconds: number;
  logger: LoggerService;
  /**
   * Told what Docker said of the container before the call (awaited before
   * Docker is called) and after it: the record's proof of which run the
   * action ended or began, in Docker's own times.
   */
  onEngine?: (facts: EngineFacts) => Promise<void>;
}): Promise<ContainerActionResponse> {
  const { host, target, action, stopTimeoutSeconds, logger } = options;
  const { id, name } = target.container;
  let changed: boolean;
  // Whether the change was asked of Docker: before that, a failure changed nothing.
  let sent = false;
  try {
    const before = await host.inspectContainer(id);
    const running = isRunningState(before.State.Status);
    await options.onEngine?.({
      before: { running, startedAt: before.State.StartedAt },
    });
    if (action === 'start') {
      sent = !running;
      changed = running ? false : await host.startContainer(id);
    } else if (action === 'stop') {
      sent = running;
      changed = running
        ? await host.stopContainer(id, stopTimeoutSeconds)
        : false;
    } else {
      if (!running && !options.mayStartStopped) {
        throw new RestartOfStoppedError(
          `${name} is stopped, so restarting it would start it; starting it needs the permission to start this entity's containers, which you do not have. Ask its owners.`,
        );
      }
      sent = true;
      await host.restartContainer(id, stopTimeoutSeconds);
      changed = true;
    }
  } catch (error) {
    if (error instanceof RestartOfStoppedError) {
      throw new ConflictError(error.message);
    }
    logger.warn(`Docker ${action} of ${name} on ${host.name} failed`, {
      host: host.name,
      container: id,
      error: String(error),
    });
    if (!(sent && mayHaveHappened(error))) {
      throw toActionError(error, { host: host.name, containerName: name });
    }
    const container = await reread(host, target, options.onEngine);
    return {
      action,
      changed: false,
      stateUnknown: true,
      ...(container ? { container } : {}),
      message: isTimeout(error)
        ? `Docker did not confirm in time that ${name} ${PAST[action]}. It may still be happening; its state is being refreshed.`
        : `The connection to Docker on host ${host.name} broke while ${name} was being changed, so it may or may not have happened. Its state is being refreshed.`,
    };
  }
  const container = await reread(host, target, options.onEngine);
  return {
    action,
    changed,
    ...(container ? { container } : {}),
    message: changed
      ? `${name} ${PAST[action]}.`
      : `${name} ${ALREADY[action]}; nothing was changed.`,
  };
}

async function reread(
  host: DockerHost,
  target: ResolvedContainer,
  onEngine: ((facts: EngineFacts) => Promise<void>) | undefined,
): Promise<ContainerSummary | undefined> {
  try {
    const { id } = target.container;
    const [listed] = await host.listContainers(target.labelFilters, { id });
    const inspected = await host.inspectContainer(id);
    await onEngine?.({
      after: {
        running: isRunningState(inspected.State.Status),
        startedAt: inspected.State.StartedAt,
        finishedAt: inspected.State.FinishedAt,
      },
    });
    return listed
      ? toContainerSummary(host.name, listed, inspected)
      : undefined;
  } catch {
    return undefined;
  }
}
