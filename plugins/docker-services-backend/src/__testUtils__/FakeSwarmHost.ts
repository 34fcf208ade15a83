import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  DockerHost,
  EngineService,
  EngineServiceLogOptions,
  EngineSwarmInfo,
  EngineTask,
  ServiceChange,
} from '../docker/DockerHost';

/** What the fake manager answers to the container calls: it holds none. */
async function noContainers(): Promise<never> {
  throw Object.assign(new Error('no such container'), { statusCode: 404 });
}

/**
 * FAKE (named): a Swarm manager in memory for the unit tier, holding
 * services only. It answers the {@link DockerHost} Swarm calls the way the
 * real manager does (label filters, 404, versions), records every update,
 * and keeps each opened service log open (follow) until it is aborted or
 * the test ends it. The real Swarm is in swarm/*.integration.test.ts.
 */
export class FakeSwarmHost implements DockerHost {
  readonly name: string;
  readonly services = new Map<string, EngineService>();
  readonly updates: Array<{ id: string; change: ServiceChange }> = [];
  /** Every service log opened, newest last, with the abort it was given. */
  readonly logs: Array<{
    id: string;
    stream: PassThrough;
    signal: AbortSignal;
  }> = [];
  /** The tasks `listTasks` answers with (none unless a test adds them). */
  readonly tasks: EngineTask[] = [];
  /** Every `listServices` call, as `list <filters>`. */
  readonly calls: string[] = [];

  constructor(name = 'swarm') {
    this.name = name;
  }

  addService(options: {
    name: string;
    labels: Record<string, string>;
    mode?: NonNullable<EngineService['Spec']['Mode']>;
  }): EngineService {
    const service: EngineService = {
      ID: randomBytes(13).toString('hex').slice(0, 25),
      Version: { Index: 1 },
      CreatedAt: '2026-12-01T10:00:00Z',
      UpdatedAt: '2026-12-01T10:00:00Z',
      Spec: {
        Name: options.name,
        Labels: { ...options.labels },
        TaskTemplate: { ContainerSpec: { Image: 'fake/image:1' } },
        Mode: options.mode ?? { Replicated: { Replicas: 1 } },
      },
    };
    this.services.set(service.ID, service);
    return service;
  }

  /** Changes a service's labels, as `docker service update --label-add` does. */
  relabel(id: string, labels: Record<string, string>): void {
    const service = this.services.get(id)!;
    service.Spec.Labels = { ...service.Spec.Labels, ...labels };
    service.Version.Index += 1;
  }

  async ping(): Promise<void> {}

  async swarmInfo(): Promise<EngineSwarmInfo> {
    return { LocalNodeState: 'active', ControlAvailable: true };
  }

  async listServices(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineService[]> {
    this.calls.push(`list ${labelFilters.join(',')}`);
    if (labelFilters.length === 0) {
      throw new Error('Refusing to list services without a label filter');
    }
    return [...this.services.values()]
      .filter(s => !options?.id || s.ID === options.id)
      .filter(s =>
        labelFilters.every(f => {
          const labels = s.Spec.Labels ?? {};
          const eq = f.indexOf('=');
          return eq < 0
            ? f in labels
            : labels[f.slice(0, eq)] === f.slice(eq + 1);
        }),
      )
      .map(s => structuredClone(s));
  }

  async inspectService(id: string): Promise<EngineService> {
    const service = this.services.get(id);
    if (!service) {
      throw Object.assign(new Error('no such service'), { statusCode: 404 });
    }
    return structuredClone(service);
  }

  async listTasks(serviceIds: string[]): Promise<EngineTask[]> {
    if (serviceIds.length === 0) {
      throw new Error('Refusing to list tasks without a service filter');
    }
    return this.tasks
      .filter(t => serviceIds.includes(t.ServiceID))
      .map(t => structuredClone(t));
  }

  async listNodes() {
    return [];
  }

  async updateService(
    id: string,
    version: number,
    change: ServiceChange,
  ): Promise<void> {
    const service = await this.inspectService(id);
    if (service.Version.Index !== version) {
      throw Object.assign(new Error('update out of sequence'), {
        statusCode: 500,
      });
    }
    this.updates.push({ id, change });
    const stored = this.services.get(id)!;
    stored.Version.Index += 1;
    if (change.kind === 'scale') {
      stored.Spec.Mode = { Replicated: { Replicas: change.replicas } };
    } else {
      const template = stored.Spec.TaskTemplate!;
      template.ForceUpdate = (template.ForceUpdate ?? 0) + 1;
    }
  }

  async serviceLogs(
    id: string,
    options: EngineServiceLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    await this.inspectService(id);
    const stream = new PassThrough();
    this.logs.push({ id, stream, signal });
    signal.addEventListener('abort', () => stream.destroy(), { once: true });
    if (!options.follow) stream.end();
    return stream;
  }

  async swarmEvents(signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    const stream = new PassThrough();
    signal.addEventListener('abort', () => stream.end(), { once: true });
    return stream;
  }

  listContainers = noContainers;
  inspectContainer = noContainers;
  startContainer = noContainers;
  stopContainer = noContainers;
  restartContainer = noContainers;
  containerLogs = noContainers;
  containerStats = noContainers;
  containerStatsStream = noContainers;
  containerEvents = noContainers;
}
