import { LoggerService } from '@backstage/backend-plugin-api';
import { toActionError } from './toActionError';

/**
 * Runs one Engine API call for a route: a failure goes to the server log
 * with Docker's words, and reaches the browser only as the safe error of
 * {@link toActionError} (503 when the host is down).
 */
export async function engineCall<T>(
  fn: () => Promise<T>,
  context: {
    host: string;
    /** The container's or service's name, for the message. */
    containerName: string;
    what?: 'container' | 'service';
    logger: LoggerService;
  },
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    context.logger.warn(`Docker request to ${context.host} failed`, {
      host: context.host,
      error: String(error),
    });
    throw toActionError(error, context);
  }
}
