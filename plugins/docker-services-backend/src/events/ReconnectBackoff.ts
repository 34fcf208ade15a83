// Short and capped: a host that comes back is seen again within seconds,
// so open pages show its true state soon after (a failed connect is cheap).
const RETRY_DELAYS_MS = [500, 1000, 2000, 3000];

/**
 * How long to wait before each reconnect attempt: `delaysMs` in turn, the
 * last one repeating; the default when none are given.
 */
export class ReconnectBackoff {
  readonly #delaysMs: number[];

  constructor(delaysMs?: number[]) {
    this.#delaysMs =
      delaysMs && delaysMs.length > 0 ? delaysMs : RETRY_DELAYS_MS;
  }

  /** The wait before attempt `attempt` (0 after a stream was open). */
  delayMs(attempt: number): number {
    return this.#delaysMs[Math.min(attempt, this.#delaysMs.length - 1)];
  }
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted) done();
  });
}
