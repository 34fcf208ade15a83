import { mockServices } from '@backstage/backend-test-utils';
import { PassThrough } from 'node:stream';
import { DockerHost } from '../docker/DockerHost';
import {
  ContainerEvent,
  ContainerEventWatcher,
} from '../events/ContainerEventWatcher';

export const ID_A = 'a'.repeat(64);
export const ID_B = 'b'.repeat(64);

/** What the fake engine does with the next connection attempt. */
type Next =
  | { kind: 'fail' }
  | { kind: 'stream'; headers?: Record<string, string> }
  | { kind: 'hang' };

/**
 * A DockerHost whose only working call is containerEvents, scripted per
 * attempt: fail, hang until aborted, or open a stream the test writes to.
 */
export function fakeEventsHost(name = 'fake') {
  const plan: Next[] = [];
  const attempts: Array<{ since?: string; signal: AbortSignal }> = [];
  const streams: PassThrough[] = [];
  const unsupported = () => Promise.reject(new Error('not in this fake'));
  const host: DockerHost = {
    name,
    listContainers: unsupported,
    inspectContainer: unsupported,
    ping: unsupported,
    startContainer: unsupported,
    stopContainer: unsupported,
    restartContainer: unsupported,
    containerLogs: unsupported,
    containerStats: unsupported,
    containerStatsStream: unsupported,
    swarmInfo: unsupported,
    listServices: unsupported,
    inspectService: unsupported,
    listTasks: unsupported,
    listNodes: unsupported,
    updateService: unsupported,
    serviceLogs: unsupported,
    swarmEvents: unsupported,
    containerEvents: async (signal, options) => {
      attempts.push({ since: options?.since, signal });
      const next = plan.shift() ?? { kind: 'hang' };
      if (next.kind === 'fail') {
        const error = new Error('connect ECONNREFUSED') as Error & {
          code: string;
        };
        error.code = 'ECONNREFUSED';
        throw error;
      }
      if (next.kind === 'hang') {
        return new Promise((_, reject) => {
          const abort = () => {
            const error = new Error('aborted');
            error.name = 'AbortError';
            reject(error);
          };
          if (signal.aborted) abort();
          signal.addEventListener('abort', abort, { once: true });
        });
      }
      const stream = new PassThrough();
      Object.assign(stream, { headers: next.headers ?? {} });
      signal.addEventListener(
        'abort',
        () => {
          const error = new Error('aborted');
          error.name = 'AbortError';
          stream.destroy(error);
        },
        { once: true },
      );
      streams.push(stream);
      return stream;
    },
  };
  return { host, plan, attempts, streams };
}

/** One line of Docker's events stream, its `timeNano` as exact digits. */
export function eventLine(
  id: string,
  action: string,
  timeNano: string,
  labels: Record<string, string> = {},
) {
  return `${JSON.stringify({
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: labels },
    time: Number(timeNano.slice(0, -9)),
  }).slice(0, -1)},"timeNano":${timeNano}}\n`;
}

/** Waits up to 2 s for `condition`; throws naming `what` when it never holds. */
export async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

/**
 * A watcher over `fake` that records its events and the back-off waits it
 * asked for, without waiting them.
 */
export function watcherOver(
  fake: ReturnType<typeof fakeEventsHost>,
  extra: {
    onResync?: (host: string) => void;
    onConnect?: (host: string) => void;
    onDisconnect?: (host: string) => void;
  } = {},
) {
  const events: ContainerEvent[] = [];
  const waits: number[] = [];
  const watcher = new ContainerEventWatcher({
    hosts: [fake.host],
    onEvent: async e => void events.push(e),
    logger: mockServices.logger.mock(),
    retryDelaysMs: [100, 200, 300],
    wait: async (ms, signal) => {
      waits.push(ms);
      // Yield, so that a test sees each attempt; the delay itself is not waited.
      await new Promise(r => setTimeout(r, signal.aborted ? 0 : 5));
    },
    ...extra,
  });
  return { watcher, events, waits };
}
