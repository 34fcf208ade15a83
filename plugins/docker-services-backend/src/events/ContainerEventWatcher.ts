import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  containerChannel,
  ContainerChangeSignal,
} from '@internal/backstage-plugin-docker-services-common';
import { DockerHost } from '../docker/DockerHost';

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];
const ID = /^[0-9a-f]{64}$/;

/** Docker's container actions worth telling open pages about. */
const CHANGE_OF: Record<string, ContainerChangeSignal['change']> = {
  create: 'created',
  start: 'state',
  restart: 'state',
  die: 'state',
  stop: 'state',
  kill: 'state',
  oom: 'state',
  pause: 'state',
  unpause: 'state',
  destroy: 'removed',
};

/**
 * Follows each host's Docker events and tells the pages showing a container
 * that it changed (Backstage signals), so they re-read it through the
 * permission-checked API instead of waiting for their next poll. The signal
 * says only which container changed and how, never its details.
 */
export class ContainerEventWatcher {
  readonly #hosts: DockerHost[];
  readonly #signals: SignalsService;
  readonly #logger: LoggerService;
  readonly #controller = new AbortController();

  constructor(options: {
    hosts: DockerHost[];
    signals: SignalsService;
    logger: LoggerService;
  }) {
    this.#hosts = options.hosts;
    this.#signals = options.signals;
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
      Actor?: { ID?: string };
    };
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    const id = event.Actor?.ID ?? event.id;
    const action = event.Action ?? '';
    const change = action.startsWith('health_status')
      ? 'health'
      : CHANGE_OF[action];
    if (event.Type !== 'container' || !change || !id || !ID.test(id)) return;
    const message: ContainerChangeSignal = { host, id, change };
    try {
      await this.#signals.publish({
        recipients: { type: 'broadcast' },
        channel: containerChannel(host, id),
        message,
      });
    } catch (error) {
      this.#logger.debug('Could not publish a container change', {
        error: String(error),
      });
    }
  }
}
