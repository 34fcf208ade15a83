/**
 * Signals that end a process unless it handles them: what `docker stop`
 * (TERM, then KILL), `docker kill` (KILL by default), Compose and a daemon
 * shutting down send. A `docker kill -s HUP` asks something else.
 */
const STOPPING_SIGNALS = new Set(['2', '3', '9', '15']);
const STOPPING_NAMES = /^(SIG)?(INT|QUIT|KILL|TERM)$/i;

/**
 * The containers someone sent a stopping signal through Docker (a `kill`
 * event), waiting for the `die` that follows: that run was stopped, not
 * failed. Docker's own restart policy makes the same distinction (it does
 * not restart a container stopped by hand). Bounded: the oldest are
 * forgotten first.
 */
export class PendingKills {
  readonly #pending = new Set<string>();
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  /** A `kill` event with Docker's `signal` attribute (a number or a name). */
  note(container: string, signal: string | undefined): void {
    if (signal !== undefined && !isStopping(signal)) return;
    this.#pending.delete(container);
    this.#pending.add(container);
    if (this.#pending.size > this.#max) {
      const oldest = this.#pending.values().next().value;
      if (oldest !== undefined) this.#pending.delete(oldest);
    }
  }

  /** At a `die`: whether a kill came first (and it is used up). */
  take(container: string): boolean {
    return this.#pending.delete(container);
  }

  /** At a `start`: a kill noted before it ended an earlier run. */
  forget(container: string): void {
    this.#pending.delete(container);
  }

  get size(): number {
    return this.#pending.size;
  }
}

function isStopping(signal: string): boolean {
  return STOPPING_SIGNALS.has(signal) || STOPPING_NAMES.test(signal);
}
