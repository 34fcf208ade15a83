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
}

export interface IncidentTrackerOptions {
  /** How long a container must stay up and healthy to count as recovered. */
  quietMs: number;
  /** Deaths within `loopWindowMs` that make a restart loop. */
  loopDeaths: number;
  loopWindowMs: number;
  /** Called once per incident, after it stayed fine for `quietMs`. */
  onRecovered(container: string, incident: Incident): void;
}

/**
 * Turns a container's Docker events into incidents, one at a time per
 * container: an unexpected exit or a failed health check opens one, deaths
 * that come back quickly make it a restart loop, and staying up (and
 * healthy) for the quiet period closes it. Everything here is per replica;
 * the incident keys come from Docker's event times so that replicas agree.
 */
export class IncidentTracker {
  readonly #options: IncidentTrackerOptions;
  readonly #containers = new Map<string, ContainerState>();

  constructor(options: IncidentTrackerOptions) {
    this.#options = options;
  }

  /** A `die` event not caused by the portal; `at` is Docker's time (ms). */
  died(
    container: string,
    at: number,
    exitCode: number,
    key: string,
  ): IncidentChange | undefined {
    const state = this.#state(container);
    this.#cancelRecovery(state);
    state.deaths = state.deaths
      .filter(time => at - time < this.#options.loopWindowMs)
      .concat(at);
    const looping = state.deaths.length >= this.#options.loopDeaths;
    if (state.incident) {
      state.incident.deaths += 1;
      if (looping && state.incident.kind !== 'restart-loop') {
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
      deaths: 1,
    };
    return { type: 'opened', incident: { ...state.incident } };
  }

  /** A `health_status: unhealthy` event. */
  unhealthy(container: string, key: string): IncidentChange | undefined {
    const state = this.#state(container);
    this.#cancelRecovery(state);
    if (state.incident) return undefined;
    state.incident = { key, kind: 'unhealthy', deaths: 0 };
    return { type: 'opened', incident: { ...state.incident } };
  }

  /** A `start` or `health_status: healthy` event: recovery, if it lasts. */
  fine(container: string): void {
    const state = this.#containers.get(container);
    if (!state?.incident) return;
    this.#cancelRecovery(state);
    const incident = state.incident;
    state.recovery = setTimeout(() => {
      state.recovery = undefined;
      if (state.incident !== incident) return;
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

  #state(container: string): ContainerState {
    let state = this.#containers.get(container);
    if (!state) {
      state = { deaths: [] };
      this.#containers.set(container, state);
    }
    return state;
  }

  #cancelRecovery(state: ContainerState) {
    if (state.recovery) clearTimeout(state.recovery);
    state.recovery = undefined;
  }

  /** Forgets a container with nothing open, so memory follows incidents. */
  #prune(container: string, state: ContainerState): undefined {
    if (!state.incident && !state.recovery && state.deaths.length === 0) {
      this.#containers.delete(container);
    }
    return undefined;
  }
}
