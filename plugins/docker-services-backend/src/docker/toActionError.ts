import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { describeHostError } from './describeHostError';

/** Docker did not confirm an action in time; it may still complete. */
export class ActionTimeoutError extends Error {
  name = 'ActionTimeoutError';
}

export function isTimeout(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  return (
    error instanceof ActionTimeoutError ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'ETIMEDOUT' ||
    code === 'ESOCKETTIMEDOUT'
  );
}

/** The connection to the engine broke before its answer came. */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: string;
    message?: string;
  };
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ECONNABORTED' ||
    message === 'socket hang up' ||
    message === 'aborted'
  );
}

/**
 * Whether an action Docker was asked to do may have happened anyway: it did
 * not answer in time, or the connection broke while it was working (the
 * engine died mid-stop, say). Only meaningful for a failure of the call
 * that asks for the change; a failed read before it changed nothing.
 */
export function mayHaveHappened(error: unknown): boolean {
  return isTimeout(error) || isConnectionLost(error);
}

/**
 * The one mapping from an Engine API failure to an error the browser may
 * see. Docker's status codes and messages never pass through: dockerode's
 * errors carry `statusCode`, which Backstage's error handler would otherwise
 * send as is, with Docker's message as the body.
 */
export function toActionError(
  error: unknown,
  context: {
    host: string;
    containerName: string;
    /** What `containerName` names; a container unless said. */
    what?: 'container' | 'service';
  },
): Error {
  const statusCode = (error as { statusCode?: number } | undefined)?.statusCode;
  const noun = context.what === 'service' ? 'Service' : 'Container';
  if (statusCode === 404) {
    return new NotFoundError(
      `${noun} ${context.containerName} no longer exists on host ${context.host}`,
    );
  }
  if (statusCode === 409) {
    return new ConflictError(
      context.what === 'service'
        ? `Service ${context.containerName} is in a state that does not allow this action`
        : `Container ${context.containerName} is in a state that does not allow this action (it may be paused or being removed)`,
    );
  }
  if (statusCode === 503 && context.what === 'service') {
    return new ServiceUnavailableError(
      `Docker on host ${context.host} is no longer a Swarm manager, so it cannot change ${context.containerName}. Details are in the portal's server log.`,
    );
  }
  if (statusCode !== undefined) {
    return new ServiceUnavailableError(
      `Docker on host ${context.host} could not carry out the action on ${context.containerName}. Details are in the portal's server log.`,
    );
  }
  return new ServiceUnavailableError(describeHostError(error, context.host));
}
