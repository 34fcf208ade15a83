/** What went wrong with a container, as its owners are told. */
export type IncidentKind = 'exited' | 'unhealthy' | 'restart-loop';

/** One incident: opened by a Docker event, closed when it stays fine. */
export interface Incident {
  /** Derived from the opening event: alike in every backend replica. */
  key: string;
  kind: IncidentKind;
  /** The exit code that opened it, for `exited`. */
  exitCode?: number;
  deaths: number;
}

/** What a tracked event means for the owners: tell them, or nothing. */
export type IncidentChange =
  | { type: 'opened'; incident: Incident }
  | { type: 'escalated'; incident: Incident };

interface ContainerState {
  /** Times (ms) of recent deaths, within the loop window. */
  deaths: number[];
  incident?: Incident;
  recovery?: ReturnType<typeof setTimeout>;
  /** When (this process's clock, ms) an event of it was last heard. */
  heardAt: number;
}

/** Containers remembered at most, by default. */
export const DEFAULT_MAX_TRACKED_CONTAINERS = 10_000;
/** How long an open incident nothing is heard of is kept, by default. */
export const DEFAULT_FORGET_INCIDENT_AFTER_MS = 7 * 86_400_000;
/** Forgotten containers are looked for at most this often. */
const SWEEP_EVERY_MS = 60_000;

export interface IncidentTrackerOptions {
  /** How long a container must stay up and healthy to count as recovered. */
  quietMs: number;
  /** Deaths within `loopWindowMs` that make a restart loop. */
  loopDeaths: number;
  loopWindowMs: number;
  /** Called once per incident, after it stayed fine for `quietMs`. */
  onRecovered(container: string, incident: Incident): void;
  /**
   * Containers remembered at most (default 10,000); past it, the one heard
   * of least recently is forgotten first, open incident or not.
   */
  maxContainers?: number;
  /**
   * An open incident nothing was heard of for this long (default 7 days,
   * at least the loop window) is forgotten: the container was removed, or
   * stays down.
   */
  forgetIncidentAfterMs?: number;
  /**
   * A container was forgotten with an incident open (see the two above):
   * nobody will hear that it is back.
   */
  onForgotten?(container: string, incident: Incident): void;
  /** This process's clock (ms); tests set their own. */
  now?: () => number;
}

/**
 * Turns a container's Docker events into incidents, one at a time per
 * container: an unexpected exit or a failed health check opens one, deaths
 * that come back quickly make it a restart loop, and staying up (and
 * healthy) for the quiet period closes it. Everything here is per replica;
 * the incident keys come from Docker's event times so that replicas agree.
 *
 * Memory follows incidents: a container is remembered while an incident is
 * open or its deaths may still make a loop, and forgotten once it stayed
 * quiet for the loop window (an open incident after
 * `forgetIncidentAfterMs`); never more than `maxContainers` at once.
 */
export class IncidentTracker {
  readonly #options: IncidentTrackerOptions;
  readonly #maxContainers: number;
  readonly #forgetIncidentAfterMs: number;
  readonly #now: () => number;
  /** Ordered by when each was last heard of, least recent first. */
  readonly #containers = new Map<string, ContainerState>();
  #sweptAt: number;

  constructor(options: IncidentTrackerOptions) {
    this.#options = options;
    this.#maxContainers =
      options.maxContainers ?? DEFAULT_MAX_TRACKED_CONTAINERS;
    this.#forgetIncidentAfterMs = Math.max(
      options.forgetIncidentAfterMs ?? DEFAULT_FORGET_INCIDENT_AFTER_MS,
      options.loopWindowMs,
    );
    this.#now = options.now ?? (() => Date.now());
    this.#sweptAt = this.#now();
  }

  /** Containers remembered now. */
  get size(): number {
    return this.#containers.size;
  }

  /** A `die` event not caused by the portal; `at` is Docker's time (ms). */
  died(
    container: string,
    at: number,
    exitCode: number,
    key: string,
  ): IncidentChange | undefined {
    this.#sweep();
    const state = this.#state(container);
    this.#cancelRecovery(state);
    state.deaths = state.deaths
      .filter(time => at - time < this.#options.loopWindowMs)
      .concat(at);
    const looping = state.deaths.length >= this.#options.loopDeaths;
    if (state.incident) {
      state.incident.deaths += 1;
      if (looping && state.incident.kind !== 'restart-loop') {
        // A loop says how many deaths made it, never fewer than it takes.
        state.incident.deaths = Math.max(
          state.incident.deaths,
          state.deaths.length,
        );
        state.incident.kind = 'restart-loop';
        return { type: 'escalated', incident: { ...state.incident } };
      }
      return undefined;
    }
    if (!looping && exitCode === 0) return this.#prune(container, state);
    state.incident = {
      key,
      kind: looping ? 'restart-loop' : 'exited',
      exitCode,
      // Deaths before this incident (within the window) count toward a loop.
      deaths: looping ? state.deaths.length : 1,
    };
    return { type: 'opened', incident: { ...state.incident } };
  }

  /** A `health_status: unhealthy` event. */
  unhealthy(container: string, key: string): IncidentChange | undefined {
    this.#sweep();
    const state = this.#state(container);
    this.#cancelRecovery(state);
    if (state.incident) return undefined;
    state.incident = { key, kind: 'unhealthy', deaths: 0 };
    return { type: 'opened', incident: { ...state.incident } };
  }

  /** A `start` or `health_status: healthy` event: recovery, if it lasts. */
  fine(container: string): void {
    this.#sweep();
    if (!this.#containers.has(container)) return;
    const state = this.#state(container);
    if (!state.incident) return;
    this.#cancelRecovery(state);
    const incident = state.incident;
    state.recovery = setTimeout(() => {
      state.recovery = undefined;
      if (state.incident !== incident) return;
      if (this.#containers.get(container) !== state) return;
      state.incident = undefined;
      this.#prune(container, state);
      this.#options.onRecovered(container, { ...incident });
    }, this.#options.quietMs);
    state.recovery.unref?.();
  }

  /** Stopped from the portal: whatever was open is the owners' doing now. */
  stoppedByPortal(container: string): void {
    const state = this.#containers.get(container);
    if (!state) return;
    this.#cancelRecovery(state);
    this.#containers.delete(container);
  }

  /** Open incidents, for tests and diagnostics. */
  openIncident(container: string): Incident | undefined {
    const incident = this.#containers.get(container)?.incident;
    return incident ? { ...incident } : undefined;
  }

  stop(): void {
    for (const state of this.#containers.values()) this.#cancelRecovery(state);
    this.#containers.clear();
  }

  /** The container's state, heard of now: it moves to the end of the order. */
  #state(container: string): ContainerState {
    const state = this.#containers.get(container) ?? { deaths: [], heardAt: 0 };
    state.heardAt = this.#now();
    this.#containers.delete(container);
    this.#containers.set(container, state);
    for (const [oldest, old] of this.#containers) {
      if (this.#containers.size <= this.#maxContainers) break;
      this.#forget(oldest, old);
    }
    return state;
  }

  /**
   * Forgets, least recently heard of first, what stayed quiet for the loop
   * window, and open incidents unheard of for `forgetIncidentAfterMs`. At
   * most once a minute (or loop window), on the next event.
   */
  #sweep() {
    const now = this.#now();
    const { loopWindowMs } = this.#options;
    if (now - this.#sweptAt < Math.min(SWEEP_EVERY_MS, loopWindowMs)) return;
    this.#sweptAt = now;
    for (const [container, state] of this.#containers) {
      const quietFor = now - state.heardAt;
      // The rest were heard of later still.
      if (quietFor < loopWindowMs) break;
      if (state.recovery) continue;
      if (!state.incident || quietFor >= this.#forgetIncidentAfterMs) {
        this.#forget(container, state);
      }
    }
  }

  #forget(container: string, state: ContainerState) {
    this.#cancelRecovery(state);
    this.#containers.delete(container);
    if (state.incident) {
      this.#options.onForgotten?.(container, { ...state.incident });
    }
  }

  #cancelRecovery(state: ContainerState) {
    if (state.recovery) clearTimeout(state.recovery);
    state.recovery = undefined;
  }

  /**
   * Forgets a container with nothing open whose deaths can no longer make
   * a loop (the last was heard of a loop window ago), so memory follows
   * incidents; the sweep forgets the others once they are that old.
   */
  #prune(container: string, state: ContainerState): undefined {
    const quietFor = this.#now() - state.heardAt;
    if (
      !state.incident &&
      !state.recovery &&
      (state.deaths.length === 0 || quietFor >= this.#options.loopWindowMs)
    ) {
      this.#containers.delete(container);
    }
    return undefined;
  }
}
