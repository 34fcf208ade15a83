import { CustomErrorBase } from '@backstage/errors';

/**
 * 429 with a sentence why; the router puts `retryAfterSeconds` in the
 * `Retry-After` header.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError';
  /** Read by Backstage's error handler for the response status. */
  statusCode = 429;
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
