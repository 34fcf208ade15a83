import { CustomErrorBase } from '@backstage/errors';

/** 429: too many live log followers on one host. */
export class TooManyFollowersError extends CustomErrorBase {
  name = 'TooManyRequestsError';
  /** Read by Backstage's error handler for the response status. */
  statusCode = 429;
}

/**
 * Counts live log followers per Docker host: each holds a Docker request
 * open for as long as the browser tab stays, so their number is bounded.
 * Per backend process; each replica bounds its own.
 */
export class FollowerLimiter {
  readonly #max: number;
  readonly #counts = new Map<string, number>();

  constructor(maxPerHost: number) {
    this.#max = maxPerHost;
  }

  /** Takes a slot on `host`; the returned function gives it back (once). */
  acquire(host: string): () => void {
    const count = this.#counts.get(host) ?? 0;
    if (count >= this.#max) {
      throw new TooManyFollowersError(
        `${
          this.#max
        } people are already following logs on host ${host}, the most this portal allows. Try again in a moment, or read the logs without following.`,
      );
    }
    this.#counts.set(host, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#counts.set(host, (this.#counts.get(host) ?? 1) - 1);
    };
  }
}
