import { LoggerService } from '@backstage/backend-plugin-api';
import { StringDecoder } from 'node:string_decoder';
import { DockerHost } from '../docker/DockerHost';
import { pause, ReconnectBackoff } from '../events/ReconnectBackoff';
import { SwarmManagers } from './SwarmManagers';

/** How often a host that is not a manager is asked again. */
const NOT_MANAGER_RECHECK_MS = 30_000;
/** Events that come together are passed on once. */
const SETTLE_MS = 500;
/**
 * Task states change without events of their own: after a service or node
 * event, the host's services are told again at these delays, so that open
 * pages see tasks start, move and settle (a scale, a rolling restart, a
 * node that went down).
 */
const FOLLOW_UPS_MS = [3_000, 10_000, 30_000];

/**
 * Follows the service and node events of each host that is a Swarm
 * manager, and calls `onChange(host)` when its services may have changed:
 * once a burst of events settled, then again a few times while their tasks
 * converge. A host that is not a manager is asked again now and then; one
 * that stops being a manager is simply no longer followed.
 */
export class SwarmEventWatcher {
  readonly #hosts: DockerHost[];
  readonly #managers: SwarmManagers;
  readonly #onChange: (host: DockerHost) => Promise<void>;
  readonly #logger: LoggerService;
  readonly #backoff = new ReconnectBackoff();
  readonly #controller = new AbortController();
  readonly #timers = new Map<string, NodeJS.Timeout[]>();
  #running: Promise<void>[] = [];

  constructor(options: {
    hosts: DockerHost[];
    managers: SwarmManagers;
    onChange: (host: DockerHost) => Promise<void>;
    logger: LoggerService;
  }) {
    this.#hosts = options.hosts;
    this.#managers = options.managers;
    this.#onChange = options.onChange;
    this.#logger = options.logger;
  }

  start(): void {
    if (this.#controller.signal.aborted) return;
    this.#running = this.#hosts.map(host =>
      this.#watch(host).catch(error =>
        this.#logger.error(`Watching Swarm events of ${host.name} failed`, {
          error: String(error),
        }),
      ),
    );
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    for (const timers of this.#timers.values()) timers.forEach(clearTimeout);
    this.#timers.clear();
    await Promise.all(this.#running);
  }

  async #watch(host: DockerHost): Promise<void> {
    const signal = this.#controller.signal;
    for (let attempt = 0; !signal.aborted; attempt++) {
      // A hung engine's answer is not waited for on shutdown.
      const role = await untilAborted(this.#managers.roleOf(host), signal);
      if (role === undefined) return;
      if (role.kind !== 'manager') {
        await pause(NOT_MANAGER_RECHECK_MS, signal);
        attempt = -1;
        continue;
      }
      try {
        const stream = await host.swarmEvents(signal);
        attempt = 0;
        const decoder = new StringDecoder('utf8');
        let buffer = '';
        for await (const chunk of stream as AsyncIterable<Buffer | string>) {
          buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          if (lines.some(line => isSwarmEvent(line))) this.#changed(host);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.#logger.debug(`Swarm events of host ${host.name} interrupted`, {
          error: String(error),
        });
      }
      // It may have left the swarm, or stopped being a manager.
      this.#managers.forget(host.name);
      // Whatever changed while the stream was down is told once it is back.
      this.#changed(host);
      await pause(this.#backoff.delayMs(attempt), signal);
    }
  }

  /** Schedules the settled call and its follow-ups, replacing pending ones. */
  #changed(host: DockerHost): void {
    this.#timers.get(host.name)?.forEach(clearTimeout);
    const tell = () =>
      void this.#onChange(host).catch(error =>
        this.#logger.debug(`Could not pass on a Swarm change on ${host.name}`, {
          error: String(error),
        }),
      );
    this.#timers.set(
      host.name,
      [SETTLE_MS, ...FOLLOW_UPS_MS].map(ms => setTimeout(tell, ms)),
    );
  }
}

function isSwarmEvent(line: string): boolean {
  if (!line.trim()) return false;
  try {
    const event = JSON.parse(line) as { Type?: string };
    return event.Type === 'service' || event.Type === 'node';
  } catch {
    return false;
  }
}

/** Resolves with `promise`'s value, or undefined as soon as `signal` aborts. */
function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T | undefined> {
  return new Promise(resolve => {
    const onAbort = () => resolve(undefined);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(undefined);
      },
    );
  });
}
