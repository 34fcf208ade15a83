import Docker from 'dockerode';
import { DockerHostConfig } from '../config';
import { createDockerClient } from './createDockerClient';
import { dialStream } from './dialStream';
import { DockerodeSwarmCalls } from './DockerodeSwarmCalls';
import { changedUnless304, checkId, checkLabelFilters } from './engineGuards';
import { negotiateApiVersion } from './engineApiVersion';
import {
  DockerHost,
  EngineContainer,
  EngineContainerInspect,
  EngineLogOptions,
  EngineNode,
  EngineService,
  EngineServiceLogOptions,
  EngineStats,
  EngineSwarmInfo,
  EngineTask,
  ServiceChange,
} from './DockerHost';

/**
 * A {@link DockerHost} over dockerode. This class and the helpers beside
 * it are the only code that touches dockerode, so the allow-list is what
 * this class exposes.
 */
export class DockerodeHost implements DockerHost {
  readonly name: string;
  readonly #docker: Docker;
  readonly #timeoutMs: number;
  readonly #swarm: DockerodeSwarmCalls;
  #negotiated?: Promise<void>;

  static create(config: DockerHostConfig): DockerodeHost {
    return new DockerodeHost(config);
  }

  private constructor(config: DockerHostConfig) {
    this.name = config.name;
    this.#timeoutMs = config.requestTimeoutMs;
    this.#docker = createDockerClient(config);
    this.#swarm = new DockerodeSwarmCalls(this.#docker, this.#timeoutMs, () =>
      this.#negotiate(),
    );
  }

  async ping(signal: AbortSignal): Promise<void> {
    // No version negotiation: /_ping takes none, and a ping should test the
    // engine alone.
    const deadline = new AbortController();
    const forward = () => deadline.abort(signal.reason);
    if (signal.aborted) forward();
    signal.addEventListener('abort', forward, { once: true });
    const timer = setTimeout(() => {
      const error = new Error('Docker did not answer its ping in time');
      error.name = 'TimeoutError';
      deadline.abort(error);
    }, this.#timeoutMs);
    try {
      // dockerode accepts options here; its type definitions lag behind.
      const pingWithOptions = this.#docker.ping as unknown as (options: {
        abortSignal: AbortSignal;
      }) => Promise<unknown>;
      await pingWithOptions.call(this.#docker, {
        abortSignal: deadline.signal,
      });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
    }
  }

  async listContainers(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineContainer[]> {
    checkLabelFilters(labelFilters, 'containers');
    await this.#negotiate();
    return (await this.#docker.listContainers({
      all: true,
      filters: {
        label: labelFilters,
        ...(options?.id ? { id: [checkId(options.id)] } : {}),
      },
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    })) as EngineContainer[];
  }

  async inspectContainer(id: string): Promise<EngineContainerInspect> {
    await this.#negotiate();
    return (await this.#docker.getContainer(checkId(id)).inspect({
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    })) as EngineContainerInspect;
  }

  async startContainer(id: string): Promise<boolean> {
    await this.#negotiate();
    return changedUnless304(
      this.#docker
        .getContainer(checkId(id))
        .start({ abortSignal: AbortSignal.timeout(this.#timeoutMs) }),
    );
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<boolean> {
    await this.#negotiate();
    return changedUnless304(
      this.#docker.getContainer(checkId(id)).stop({
        t: timeoutSeconds,
        abortSignal: AbortSignal.timeout(this.#actionTimeoutMs(timeoutSeconds)),
      }),
    );
  }

  async restartContainer(id: string, timeoutSeconds: number): Promise<void> {
    await this.#negotiate();
    await this.#docker.getContainer(checkId(id)).restart({
      t: timeoutSeconds,
      abortSignal: AbortSignal.timeout(this.#actionTimeoutMs(timeoutSeconds)),
    });
  }

  async containerLogs(
    id: string,
    options: EngineLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    await this.#negotiate();
    // Only the answer's headers must come within the request timeout; the
    // body then streams for as long as the caller reads it. When following,
    // Docker holds even the headers back until the container writes, so
    // there the caller's signal is the only limit.
    const query: Record<string, string | number | boolean> = {
      follow: options.follow,
      stdout: options.stdout,
      stderr: options.stderr,
      timestamps: options.timestamps,
      tail: options.tail ?? 'all',
    };
    if (options.since) query.since = options.since;
    if (options.until) query.until = options.until;
    // dockerode buffers a whole non-follow log in memory; dial streams it.
    return dialStream(this.#docker, {
      path: `/containers/${checkId(id)}/logs?`,
      options: query,
      statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      signal,
      headersTimeout: options.follow
        ? undefined
        : {
            ms: this.#timeoutMs,
            message: 'Docker did not start answering in time',
          },
    });
  }

  async containerStats(id: string): Promise<EngineStats> {
    await this.#negotiate();
    return (await this.#docker.getContainer(checkId(id)).stats({
      stream: false,
      // Docker samples twice, a second apart, to measure CPU use.
      abortSignal: AbortSignal.timeout(this.#timeoutMs + 2000),
    } as { stream: false })) as unknown as EngineStats;
  }

  async containerStatsStream(
    id: string,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    await this.#negotiate();
    return dialStream(this.#docker, {
      path: `/containers/${checkId(id)}/stats?`,
      options: { stream: true },
      statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      signal,
      headersTimeout: {
        ms: this.#timeoutMs,
        message: 'Docker did not start sending measurements in time',
      },
    });
  }

  async containerEvents(
    signal: AbortSignal,
    options?: { since?: string },
  ): Promise<NodeJS.ReadableStream> {
    return this.#events(['container'], signal, options?.since);
  }

  async swarmInfo(): Promise<EngineSwarmInfo> {
    await this.#negotiate();
    const info = (await this.#docker.info({
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    } as never)) as unknown as { Swarm?: Partial<EngineSwarmInfo> };
    return {
      LocalNodeState: info.Swarm?.LocalNodeState ?? 'inactive',
      ControlAvailable: info.Swarm?.ControlAvailable === true,
      ...(info.Swarm?.NodeID ? { NodeID: info.Swarm.NodeID } : {}),
    };
  }

  listServices(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineService[]> {
    return this.#swarm.listServices(labelFilters, options);
  }

  inspectService(id: string): Promise<EngineService> {
    return this.#swarm.inspectService(id);
  }

  listTasks(serviceIds: string[]): Promise<EngineTask[]> {
    return this.#swarm.listTasks(serviceIds);
  }

  listNodes(): Promise<EngineNode[]> {
    return this.#swarm.listNodes();
  }

  updateService(
    id: string,
    version: number,
    change: ServiceChange,
  ): Promise<void> {
    return this.#swarm.updateService(id, version, change);
  }

  serviceLogs(
    id: string,
    options: EngineServiceLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    return this.#swarm.serviceLogs(id, options, signal);
  }

  async swarmEvents(
    signal: AbortSignal,
    options?: { since?: string },
  ): Promise<NodeJS.ReadableStream> {
    return this.#events(['service', 'node'], signal, options?.since);
  }

  async #events(
    types: string[],
    signal: AbortSignal,
    since: string | undefined,
  ): Promise<NodeJS.ReadableStream> {
    if (since !== undefined && !/^\d{1,12}(\.\d{1,9})?$/.test(since)) {
      throw new Error('Refusing an events "since" that is not UNIX seconds');
    }
    await this.#negotiate();
    // Docker sends the headers at once; an engine that does not is hung, and
    // the caller should hear so instead of waiting forever. The body then
    // streams until `signal` aborts.
    return dialStream(this.#docker, {
      path: '/events?',
      options: {
        filters: JSON.stringify({ type: types }),
        ...(since !== undefined ? { since } : {}),
      },
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      signal,
      headersTimeout: {
        ms: this.#timeoutMs,
        message: 'Docker did not start sending events in time',
      },
    });
  }

  /** Docker may take the whole stop timeout before it answers. */
  #actionTimeoutMs(stopTimeoutSeconds: number): number {
    return stopTimeoutSeconds * 1000 + this.#timeoutMs;
  }

  /**
   * Agrees on an API version with the engine once; retried on the next call
   * when it fails.
   */
  #negotiate(): Promise<void> {
    this.#negotiated ??= negotiateApiVersion(
      this.#docker,
      this.#timeoutMs,
    ).catch(error => {
      this.#negotiated = undefined;
      throw error;
    });
    return this.#negotiated;
  }
}
