import { LoggerService } from '@backstage/backend-plugin-api';
import { DockerHost } from '../docker/DockerHost';

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];
const ID = /^[0-9a-f]{64}$/;

/** Docker's container actions worth telling open pages about. */
const WORTH_TELLING = new Set([
  'create',
  'start',
  'restart',
  'die',
  'stop',
  'kill',
  'oom',
  'pause',
  'unpause',
  'destroy',
]);

/** One container change Docker reported, with the labels the container carries. */
export interface ContainerEvent {
  host: string;
  id: string;
  /** Docker's action, such as `start`, `die` or `health_status: healthy`. */
  action: string;
  /** The container's labels, as Docker attaches them to the event. */
  labels: Record<string, string>;
}

/**
 * Follows each host's Docker events (containers only) and hands every
 * change worth telling to `onEvent`; reconnects with back-off when a stream
 * ends or fails.
 */
export class ContainerEventWatcher {
  readonly #hosts: DockerHost[];
  readonly #onEvent: (event: ContainerEvent) => Promise<void>;
  readonly #logger: LoggerService;
  readonly #controller = new AbortController();

  constructor(options: {
    hosts: DockerHost[];
    onEvent: (event: ContainerEvent) => Promise<void>;
    logger: LoggerService;
  }) {
    this.#hosts = options.hosts;
    this.#onEvent = options.onEvent;
    this.#logger = options.logger;
  }

  start(): void {
    for (const host of this.#hosts) {
      void this.#watch(host);
    }
  }

  stop(): void {
    this.#controller.abort();
  }

  async #watch(host: DockerHost): Promise<void> {
    const signal = this.#controller.signal;
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const stream = await host.containerEvents(signal);
        attempt = 0;
        let buffer = '';
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          buffer += chunk.toString('utf8');
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) await this.#forward(host.name, line);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.#logger.debug(`Docker events of host ${host.name} interrupted`, {
          error: String(error),
        });
      }
      const delay =
        RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
      await new Promise(resolve => setTimeout(resolve, delay).unref());
    }
  }

  async #forward(host: string, line: string): Promise<void> {
    if (!line.trim()) return;
    let event: {
      Type?: string;
      Action?: string;
      id?: string;
      Actor?: { ID?: string; Attributes?: Record<string, string> };
    };
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    const id = event.Actor?.ID ?? event.id;
    const action = event.Action ?? '';
    const worthTelling =
      action.startsWith('health_status') || WORTH_TELLING.has(action);
    if (event.Type !== 'container' || !worthTelling || !id || !ID.test(id)) {
      return;
    }
    try {
      // Docker puts the container's labels among the event's attributes.
      await this.#onEvent({
        host,
        id,
        action,
        labels: event.Actor?.Attributes ?? {},
      });
    } catch (error) {
      this.#logger.debug('Could not pass on a container change', {
        error: String(error),
      });
    }
  }
}
