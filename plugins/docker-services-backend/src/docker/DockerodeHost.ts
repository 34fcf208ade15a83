import Docker from 'dockerode';
import { ENTITY_LABEL } from '@docker-services/backstage-plugin-docker-services-common';
import { DockerHostConfig } from '../config';
import { createDockerClient } from './createDockerClient';
import { dialStream } from './dialStream';
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

/** Ids reach this class validated; this is the last line of defence for paths. */
function checkId(id: string): string {
  if (!/^[0-9a-f]{64}$/.test(id)) {
    throw new Error('Refusing a container id that is not 64 hex characters');
  }
  return id;
}

/** Swarm ids (services, tasks, nodes) are 25 lower-case letters and digits. */
function checkSwarmId(id: string): string {
  if (!/^[a-z0-9]{25}$/.test(id)) {
    throw new Error('Refusing a Swarm id that is not 25 letters and digits');
  }
  return id;
}

/**
 * Label filters as for containers: `key=value` pairs, or the bare binding
 * label; never one that everything passes.
 */
function checkLabelFilters(labelFilters: string[], what: string): string[] {
  if (
    labelFilters.length === 0 ||
    labelFilters.some(f => f !== ENTITY_LABEL && !/^[^=]+=.+$/.test(f))
  ) {
    throw new Error(`Refusing to list ${what} without a label filter`);
  }
  return labelFilters;
}

/** Docker answers 304 when a container already is in the requested state. */
async function changedUnless304(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 304) {
      return false;
    }
    throw error;
  }
}

/**
 * A {@link DockerHost} over dockerode. This class and the helpers beside
 * it are the only code that touches dockerode, so the allow-list is what
 * this class exposes.
 */
export class DockerodeHost implements DockerHost {
  readonly name: string;
  readonly #docker: Docker;
  readonly #timeoutMs: number;
  #negotiated?: Promise<void>;

  static create(config: DockerHostConfig): DockerodeHost {
    return new DockerodeHost(config);
  }

  private constructor(config: DockerHostConfig) {
    this.name = config.name;
    this.#timeoutMs = config.requestTimeoutMs;
    this.#docker = createDockerClient(config);
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

  async listServices(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineService[]> {
    checkLabelFilters(labelFilters, 'services');
    await this.#negotiate();
    return (await this.#docker.listServices({
      filters: {
        label: labelFilters,
        ...(options?.id ? { id: [checkSwarmId(options.id)] } : {}),
      },
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    } as never)) as unknown as EngineService[];
  }

  async inspectService(id: string): Promise<EngineService> {
    await this.#negotiate();
    return (await this.#docker.getService(checkSwarmId(id)).inspect({
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    })) as EngineService;
  }

  async listTasks(serviceIds: string[]): Promise<EngineTask[]> {
    if (serviceIds.length === 0) {
      throw new Error('Refusing to list tasks without naming their services');
    }
    await this.#negotiate();
    return (await this.#docker.listTasks({
      filters: { service: serviceIds.map(checkSwarmId) },
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    } as never)) as unknown as EngineTask[];
  }

  async listNodes(): Promise<EngineNode[]> {
    await this.#negotiate();
    return (await this.#docker.listNodes({
      abortSignal: AbortSignal.timeout(this.#timeoutMs),
    } as never)) as unknown as EngineNode[];
  }

  async updateService(
    id: string,
    version: number,
    change: ServiceChange,
  ): Promise<void> {
    if (!Number.isInteger(version) || version < 0) {
      throw new Error('Refusing a service version that is not a whole number');
    }
    await this.#negotiate();
    // The spec goes back as Docker has it, whole: only the one field the
    // change names differs, so nothing else of the service can be altered.
    const current = (await this.#docker
      .getService(checkSwarmId(id))
      .inspect({ abortSignal: AbortSignal.timeout(this.#timeoutMs) })) as {
      Spec: {
        Mode?: { Replicated?: { Replicas?: number } };
        TaskTemplate?: { ForceUpdate?: number };
      };
    };
    const spec = structuredClone(current.Spec);
    if (change.kind === 'scale') {
      if (!spec.Mode?.Replicated) {
        throw new Error('Refusing to scale a service that is not replicated');
      }
      if (!Number.isInteger(change.replicas) || change.replicas < 0) {
        throw new Error('Refusing a replica count that is not a whole number');
      }
      spec.Mode.Replicated.Replicas = change.replicas;
    } else {
      spec.TaskTemplate = {
        ...spec.TaskTemplate,
        ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1,
      };
    }
    await new Promise<void>((resolve, reject) => {
      this.#docker.modem.dial(
        {
          path: `/services/${checkSwarmId(id)}/update?`,
          method: 'POST',
          options: { _query: { version }, _body: spec },
          abortSignal: AbortSignal.timeout(this.#timeoutMs),
          statusCodes: {
            200: true,
            400: 'bad parameter',
            404: 'no such service',
            500: 'server error',
            503: 'node is not part of a swarm',
          },
        } as never,
        error => (error ? reject(error) : resolve()),
      );
    });
  }

  async serviceLogs(
    id: string,
    options: EngineServiceLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    await this.#negotiate();
    const query: Record<string, string | number | boolean> = {
      // Each line then names its task and node.
      details: true,
      follow: options.follow,
      stdout: options.stdout,
      stderr: options.stderr,
      timestamps: options.timestamps,
      tail: options.tail ?? 'all',
    };
    if (options.since) query.since = options.since;
    return dialStream(this.#docker, {
      path: `/services/${checkSwarmId(id)}/logs?`,
      options: query,
      statusCodes: {
        200: true,
        404: 'no such service',
        500: 'server error',
        503: 'node is not part of a swarm',
      },
      signal,
      headersTimeout: options.follow
        ? undefined
        : {
            ms: this.#timeoutMs,
            message: 'Docker did not start answering in time',
          },
    });
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
