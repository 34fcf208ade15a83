import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ServiceUnavailableError } from '@backstage/errors';
import { TooManyRequestsError } from '../TooManyRequestsError';

/**
 * The registry, with each action's limit refusals said in the routes' words.
 * A route's 429 carries its sentence to the page; the MCP actions plugin
 * passes on only the errors it knows, and turns any other into a bare
 * "Request failed with 429", so a limit (too many logs open, too many
 * actions at once) is rethrown as Backstage's 503 with the same sentence
 * and when to try again.
 */
export function sayingLimits(
  registry: ActionsRegistryService,
): ActionsRegistryService {
  return {
    register: options =>
      registry.register({
        ...options,
        action: async context => {
          try {
            return await options.action(context);
          } catch (error) {
            if (!(error instanceof TooManyRequestsError)) throw error;
            throw new ServiceUnavailableError(
              /try again/i.test(error.message)
                ? error.message
                : `${error.message} Try again in ${error.retryAfterSeconds} seconds.`,
            );
          }
        },
      }),
  };
}
