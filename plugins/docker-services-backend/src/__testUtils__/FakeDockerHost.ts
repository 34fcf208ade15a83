import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  DockerHost,
  EngineContainer,
  EngineContainerInspect,
  EngineLogOptions,
  EngineStats,
  EngineSwarmInfo,
} from '../docker/DockerHost';

/** What an engine that is not a Swarm manager answers to the Swarm calls. */
async function notAManager(): Promise<never> {
  const error = new Error('This node is not a swarm manager.') as Error & {
    statusCode: number;
  };
  error.statusCode = 503;
  throw error;
}

/** A container the fake engine holds. */
export interface FakeContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: 'created' | 'running' | 'exited';
  /** stdout lines its log holds. */
  log: string[];
  /** Set when the fake starts it (inspect's `State.StartedAt`). */
  startedAt?: string;
}

/**
 * FAKE (named): an in-memory Docker engine for the unit tier, which runs
 * without Docker. It answers the {@link DockerHost} calls the way the real
 * engine does (label filters, 304 as `false`), counts every call, and can be
 * told to fail. Integration suites use real engines instead.
 */
export class FakeDockerHost implements DockerHost {
  readonly name: string;
  readonly containers = new Map<string, FakeContainer>();
  readonly calls: string[] = [];
  /** When set, every call rejects with this error (pings too). */
  failWith?: Error;
  /** Pings answered so far (not in {@link FakeDockerHost.calls}: they run on a timer). */
  pings = 0;
  /**
   * The host's request deadline for a ping: one held longer (see
   * {@link FakeDockerHost.hold}, pattern `/^ping$/`) rejects then.
   */
  pingTimeoutMs = 1000;
  readonly #holds: Array<{ pattern: RegExp; released: Promise<void> }> = [];

  constructor(name = 'local') {
    this.name = name;
  }

  add(options: {
    name: string;
    labels: Record<string, string>;
    state?: FakeContainer['state'];
    log?: string[];
  }): FakeContainer {
    const container: FakeContainer = {
      id: randomBytes(32).toString('hex'),
      name: options.name,
      labels: options.labels,
      state: options.state ?? 'running',
      log: options.log ?? [],
    };
    this.containers.set(container.id, container);
    return container;
  }

  /** Removes a container, as `docker rm` outside the plugin would. */
  remove(id: string): void {
    this.containers.delete(id);
  }

  /**
   * Calls (list, inspect) matching `pattern` are answered with what the
   * engine held when they were made, but only once the returned function
   * is called: an answer that arrives late, after later changes.
   */
  hold(pattern: RegExp): () => void {
    let release!: () => void;
    const released = new Promise<void>(r => (release = r));
    const hold = { pattern, released };
    this.#holds.push(hold);
    return () => {
      this.#holds.splice(this.#holds.indexOf(hold), 1);
      release();
    };
  }

  /**
   * Not a Swarm manager, so the other Swarm calls are never made to it.
   * Not in {@link FakeDockerHost.calls}: the Swarm watcher asks on a timer.
   */
  async swarmInfo(): Promise<EngineSwarmInfo> {
    if (this.failWith) throw this.failWith;
    return { LocalNodeState: 'inactive', ControlAvailable: false };
  }

  listServices = notAManager;
  inspectService = notAManager;
  listTasks = notAManager;
  listNodes = notAManager;
  updateService = notAManager;
  serviceLogs = notAManager;
  swarmEvents = notAManager;

  async ping(signal: AbortSignal): Promise<void> {
    if (this.failWith) throw this.failWith;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await Promise.race([
        this.#held('ping'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const error = new Error('The fake engine did not answer in time');
            error.name = 'TimeoutError';
            reject(error);
          }, this.pingTimeoutMs);
          onAbort = () => reject(signal.reason);
          if (signal.aborted) onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
    if (this.failWith) throw this.failWith;
    this.pings++;
  }

  async listContainers(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineContainer[]> {
    this.#call(`list ${labelFilters.join(',')}`);
    if (labelFilters.length === 0) {
      throw new Error('Refusing to list containers without a label filter');
    }
    const answer = [...this.containers.values()]
      .filter(c => !options?.id || c.id === options.id)
      .filter(c =>
        labelFilters.every(f => {
          const eq = f.indexOf('=');
          return eq < 0
            ? f in c.labels
            : c.labels[f.slice(0, eq)] === f.slice(eq + 1);
        }),
      )
      .map(c => ({
        Id: c.id,
        Names: [`/${c.name}`],
        Image: 'fake/image:1',
        State: c.state,
        Status: c.state === 'running' ? 'Up 1 minute' : 'Exited (0)',
        Created: 1_790_000_000,
        Ports: [],
        Labels: c.labels,
      }));
    const id = options?.id ? ` id=${options.id}` : '';
    await this.#held(`list ${labelFilters.join(',')}${id}`);
    return answer;
  }

  async inspectContainer(id: string): Promise<EngineContainerInspect> {
    const c = this.#get(id, 'inspect');
    const answer: EngineContainerInspect = {
      Id: c.id,
      Created: '2026-09-21T10:00:00Z',
      RestartCount: 0,
      State: {
        Status: c.state,
        ExitCode: 0,
        OOMKilled: false,
        StartedAt: c.startedAt ?? '2026-09-21T10:00:01Z',
        FinishedAt: '0001-01-01T00:00:00Z',
      },
      Config: { Labels: c.labels, Tty: true },
    };
    await this.#held(`inspect ${id}`);
    return answer;
  }

  async startContainer(id: string): Promise<boolean> {
    const c = this.#get(id, 'start');
    if (c.state === 'running') return false;
    c.state = 'running';
    c.startedAt = new Date().toISOString();
    return true;
  }

  async stopContainer(id: string): Promise<boolean> {
    const c = this.#get(id, 'stop');
    if (c.state !== 'running') return false;
    c.state = 'exited';
    return true;
  }

  async restartContainer(id: string): Promise<void> {
    this.#get(id, 'restart').state = 'running';
  }

  async containerLogs(
    id: string,
    options: EngineLogOptions,
  ): Promise<NodeJS.ReadableStream> {
    const c = this.#get(id, 'logs');
    // A TTY container's log is the bare text, as Docker sends it.
    const lines =
      options.tail === undefined ? c.log : c.log.slice(-options.tail);
    return Readable.from(lines.map(l => Buffer.from(`${l}\n`)));
  }

  async containerStats(id: string): Promise<EngineStats> {
    this.#get(id, 'stats');
    return {
      read: '2026-09-21T10:00:00Z',
      cpu_stats: {
        cpu_usage: { total_usage: 2_000_000 },
        system_cpu_usage: 20_000_000,
        online_cpus: 2,
      },
      precpu_stats: {
        cpu_usage: { total_usage: 1_000_000 },
        system_cpu_usage: 10_000_000,
      },
      memory_stats: { usage: 1024, limit: 4096 },
    };
  }

  /** Stats streams opened and not yet aborted; a test writes samples into them. */
  readonly statsStreams: Array<{ id: string; stream: PassThrough }> = [];

  async containerStatsStream(
    id: string,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    this.#get(id, 'stats-stream');
    const stream = new PassThrough();
    const open = { id, stream };
    this.statsStreams.push(open);
    const close = () => {
      this.statsStreams.splice(this.statsStreams.indexOf(open), 1);
      stream.end();
    };
    if (signal.aborted) close();
    else signal.addEventListener('abort', close, { once: true });
    return stream;
  }

  async containerEvents(signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    this.#call('events');
    const stream = new PassThrough();
    signal.addEventListener('abort', () => stream.end(), { once: true });
    return stream;
  }

  async #held(call: string): Promise<void> {
    await Promise.all(
      this.#holds.filter(h => h.pattern.test(call)).map(h => h.released),
    );
  }

  #call(call: string) {
    this.calls.push(call);
    if (this.failWith) throw this.failWith;
  }

  #get(id: string, call: string): FakeContainer {
    this.#call(`${call} ${id}`);
    const c = this.containers.get(id);
    if (!c) {
      throw Object.assign(new Error('no such container'), { statusCode: 404 });
    }
    return c;
  }
}
