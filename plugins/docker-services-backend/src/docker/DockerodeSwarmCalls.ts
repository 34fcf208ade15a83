import Docker from 'dockerode';
import { dialStream } from './dialStream';
import {
  EngineNode,
  EngineService,
  EngineServiceLogOptions,
  EngineTask,
  ServiceChange,
} from './DockerHost';
import { checkLabelFilters, checkSwarmId } from './engineGuards';

/**
 * The Swarm calls of a {@link DockerodeHost}: services, tasks, nodes, a
 * service's update and logs, on an engine that is a Swarm manager. Part of
 * the one dockerode wrapper, so of the allow-list.
 */
export class DockerodeSwarmCalls {
  readonly #docker: Docker;
  readonly #timeoutMs: number;
  readonly #negotiate: () => Promise<void>;

  constructor(
    docker: Docker,
    timeoutMs: number,
    negotiate: () => Promise<void>,
  ) {
    this.#docker = docker;
    this.#timeoutMs = timeoutMs;
    this.#negotiate = negotiate;
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
}
