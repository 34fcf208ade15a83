import { DockerHost } from '../docker/DockerHost';

/** How long a host's answer to "are you a Swarm manager?" is reused. */
const DEFAULT_TTL_MS = 15_000;

/** What a host was found to be, the last time it answered. */
export type SwarmRole =
  | { kind: 'manager' }
  | { kind: 'not-manager' }
  /** It did not answer; `wasManager` when it was one the last time it did. */
  | { kind: 'unreachable'; error: unknown; wasManager: boolean };

/**
 * Which hosts are Swarm managers: only a manager answers for services and
 * tasks. Asked with `GET /info` and remembered per host for a short time,
 * so a host that joins or leaves a swarm (or stops being a manager) is seen
 * within that time; a host that stops being a manager just drops out.
 */
export class SwarmManagers {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #known = new Map<
    string,
    { at: number; role: Promise<SwarmRole>; manager: boolean }
  >();

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The host's role; a failed answer is not remembered. */
  roleOf(host: DockerHost): Promise<SwarmRole> {
    const known = this.#known.get(host.name);
    if (known && this.#now() - known.at < this.#ttlMs) return known.role;
    const wasManager = known?.manager ?? false;
    const entry = {
      at: this.#now(),
      manager: wasManager,
      role: host.swarmInfo().then(
        (info): SwarmRole => {
          const manager =
            info.LocalNodeState === 'active' && info.ControlAvailable;
          entry.manager = manager;
          return manager ? { kind: 'manager' } : { kind: 'not-manager' };
        },
        (error): SwarmRole => {
          // Asked again next time rather than remembered.
          if (this.#known.get(host.name) === entry) {
            this.#known.set(host.name, { ...entry, at: -Infinity });
          }
          return { kind: 'unreachable', error, wasManager };
        },
      ),
    };
    this.#known.set(host.name, entry);
    return entry.role;
  }

  /** Forgets what is known of `host`, after a change its events announced. */
  forget(host: string): void {
    const known = this.#known.get(host);
    if (known) this.#known.set(host, { ...known, at: -Infinity });
  }
}
