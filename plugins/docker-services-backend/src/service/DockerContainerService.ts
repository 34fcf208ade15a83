import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  ContainerSelector,
  ContainerStats,
  ContainerSummary,
  HostResult,
  InvalidSelectorError,
  parseContainerSelector,
  toLabelFilters,
} from '@internal/backstage-plugin-docker-services-common';
import { DockerHost, EngineLogOptions } from '../docker/DockerHost';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { describeHostError } from '../docker/describeHostError';
import { toActionError } from '../docker/toActionError';
import { performAction } from './performAction';
import { mapWithConcurrency, withDeadline } from './concurrency';
import { ActionQueue } from './ActionQueue';
import { DatabaseLock } from '../database/DatabaseLock';
import { ContainerService, ResolvedContainer } from './ContainerService';
import { toContainerDetails, toContainerSummary } from './toContainerSummary';
import { toContainerStats } from './toContainerStats';

/** How many inspect calls run at once against one host. */
const INSPECT_CONCURRENCY = 8;

/** {@link ContainerService} over the configured Docker hosts. */
export class DockerContainerService implements ContainerService {
  readonly #hosts: DockerHostRegistry;
  readonly #logger: LoggerService;
  readonly #hostDeadlineMs: number;
  readonly #stopTimeoutSeconds: number;
  readonly #queue = new ActionQueue<ContainerActionResponse>();
  readonly #lock: DatabaseLock;

  /**
   * @param options.lock - serializes actions across backend replicas; the
   *   in-process queue in front of it coalesces identical waiting requests.
   */
  static create(options: {
    hosts: DockerHostRegistry;
    logger: LoggerService;
    hostDeadlineMs: number;
    stopTimeoutSeconds: number;
    lock: DatabaseLock;
  }): DockerContainerService {
    return new DockerContainerService(options);
  }

  private constructor(options: {
    hosts: DockerHostRegistry;
    logger: LoggerService;
    hostDeadlineMs: number;
    stopTimeoutSeconds: number;
    lock: DatabaseLock;
  }) {
    this.#hosts = options.hosts;
    this.#logger = options.logger;
    this.#hostDeadlineMs = options.hostDeadlineMs;
    this.#stopTimeoutSeconds = options.stopTimeoutSeconds;
    this.#lock = options.lock;
  }

  async resolveContainer(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ResolvedContainer> {
    const { host, entityRef, listed, labelFilters } = await this.#find(request);
    const inspected = await this.#call(
      host,
      listed.Names[0] ?? request.id,
      () => host.inspectContainer(listed.Id),
    );
    return {
      entityRef,
      host: host.name,
      labelFilters,
      container: toContainerSummary(host.name, listed, inspected),
    };
  }

  async getContainerDetails(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ContainerDetails> {
    const { host, listed } = await this.#find(request);
    const inspected = await this.#call(
      host,
      listed.Names[0] ?? request.id,
      () => host.inspectContainer(listed.Id),
    );
    return toContainerDetails(host.name, listed, inspected);
  }

  async getContainerStats(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ContainerStats> {
    const { host, listed } = await this.#find(request);
    const name = (listed.Names[0] ?? listed.Id.slice(0, 12)).replace(/^\//, '');
    if (listed.State !== 'running') {
      throw new ConflictError(
        `${name} is not running, so it uses no CPU or memory to show.`,
      );
    }
    return toContainerStats(
      await this.#call(host, name, () => host.containerStats(listed.Id)),
    );
  }

  async prepareLogs(request: { entity: Entity; host: string; id: string }) {
    const { host, listed } = await this.#find(request);
    const containerName = (listed.Names[0] ?? listed.Id.slice(0, 12)).replace(
      /^\//,
      '',
    );
    const inspected = await this.#call(host, containerName, () =>
      host.inspectContainer(listed.Id),
    );
    return {
      containerName,
      tty: inspected.Config.Tty,
      open: (options: EngineLogOptions, signal: AbortSignal) =>
        this.#call(host, containerName, () =>
          host.containerLogs(listed.Id, options, signal),
        ),
    };
  }

  async runAction({
    target,
    action,
  }: {
    target: ResolvedContainer;
    action: ContainerAction;
  }): Promise<ContainerActionResponse> {
    const key = `${target.host}/${target.container.id}`;
    // Long enough for a stop that takes the whole stop timeout, and more.
    const lockMs = this.#stopTimeoutSeconds * 1000 + 3 * this.#hostDeadlineMs;
    const { result } = this.#queue.run(key, action, () =>
      this.#lock.withLock(key, { ttlMs: lockMs, waitMs: lockMs }, () =>
        performAction({
          host: this.#hosts.select([target.host])[0],
          target,
          action,
          stopTimeoutSeconds: this.#stopTimeoutSeconds,
          logger: this.#logger,
        }),
      ),
    );
    return result;
  }

  /** Finds `id` on `host` through the entity's selector, or throws the one 404. */
  async #find(request: { entity: Entity; host: string; id: string }) {
    const entityRef = stringifyEntityRef(request.entity);
    const notFound = new NotFoundError(
      `No container ${request.id.slice(
        0,
        12,
      )} of ${entityRef} was found on host ${request.host}`,
    );
    const selector = selectorOf(request.entity);
    const allowed = selector.hosts ?? this.#hosts.names();
    if (
      !allowed.includes(request.host) ||
      !this.#hosts.names().includes(request.host)
    ) {
      throw notFound;
    }
    const [host] = this.#hosts.select([request.host]);
    const labelFilters = toLabelFilters(selector);
    const matches = await this.#call(host, request.id.slice(0, 12), () =>
      host.listContainers(labelFilters, { id: request.id }),
    );
    const listed = matches.find(c => c.Id === request.id);
    if (!listed) {
      throw notFound;
    }
    return { host, entityRef, listed, labelFilters };
  }

  /** A read on one host; failures become safe errors (503 when the host is down). */
  async #call<T>(
    host: DockerHost,
    containerName: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.#logger.warn(`Docker request to ${host.name} failed`, {
        host: host.name,
        error: String(error),
      });
      throw toActionError(error, { host: host.name, containerName });
    }
  }

  async listContainers({
    entity,
  }: {
    entity: Entity;
  }): Promise<ContainerListResponse> {
    const selector = selectorOf(entity);
    const filters = toLabelFilters(selector);
    const hosts = this.#hosts.select(selector.hosts);
    // Hosts are queried side by side; one slow or dead host only costs its own deadline.
    const results = await Promise.all(
      hosts.map(host => this.#listOnHost(host, filters)),
    );
    return {
      entityRef: stringifyEntityRef(entity),
      selector: filters,
      hosts: results,
    };
  }

  async #listOnHost(host: DockerHost, filters: string[]): Promise<HostResult> {
    try {
      const containers = await withDeadline(
        listWithDetails(host, filters),
        this.#hostDeadlineMs,
      );
      return { name: host.name, status: 'ok', containers };
    } catch (error) {
      this.#logger.warn(`Docker host ${host.name} could not be listed`, {
        host: host.name,
        error: String(error),
      });
      return {
        name: host.name,
        status: 'unavailable',
        error: describeHostError(error, host.name),
      };
    }
  }
}

function selectorOf(entity: Entity): ContainerSelector {
  try {
    return parseContainerSelector(entity.metadata.annotations);
  } catch (error) {
    if (error instanceof InvalidSelectorError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

async function listWithDetails(
  host: DockerHost,
  filters: string[],
): Promise<ContainerSummary[]> {
  const listed = await host.listContainers(filters);
  const summaries = await mapWithConcurrency(
    listed,
    INSPECT_CONCURRENCY,
    async entry => {
      // A container removed between list and inspect still shows what the list knew.
      const inspected = await host
        .inspectContainer(entry.Id)
        .catch(() => undefined);
      return toContainerSummary(host.name, entry, inspected);
    },
  );
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}
