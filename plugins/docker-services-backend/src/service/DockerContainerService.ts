import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  ContainerSelector,
  ContainerStats,
  HostResult,
} from '@docker-services/backstage-plugin-docker-services-common';
import { DockerHost, EngineLogOptions } from '../docker/DockerHost';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { BoundContainers } from './BoundContainers';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { describeHostError } from '../docker/describeHostError';
import { engineCall } from '../docker/engineCall';
import { performAction } from './performAction';
import { withDeadline } from './concurrency';
import { ActionQueue } from './ActionQueue';
import { DatabaseLock } from '../database/DatabaseLock';
import { ContainerService, ResolvedContainer } from './ContainerService';
import { toContainerDetails, toContainerSummary } from './toContainerSummary';
import { toContainerStats } from './toContainerStats';
import { selectorOf } from './selectorOf';
import { entityHost } from './entityHost';
import { EngineFacts } from '../database/HistoryStore';

/** {@link ContainerService} over the configured Docker hosts. */
export class DockerContainerService implements ContainerService {
  readonly #hosts: DockerHostRegistry;
  readonly #logger: LoggerService;
  readonly #hostDeadlineMs: number;
  readonly #stopTimeoutSeconds: number;
  readonly #queue = new ActionQueue<ContainerActionResponse>();
  readonly #lock: DatabaseLock;
  readonly #lockTtlMs: number;
  readonly #bound: BoundContainers;

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
    lockTtlMs: number;
    bindings: ContainerBindings;
    /** When given, lists and binding checks read it while its host is live. */
    index?: ContainerIndex;
  }): DockerContainerService {
    return new DockerContainerService(options);
  }

  private constructor(
    options: Parameters<typeof DockerContainerService.create>[0],
  ) {
    this.#bound = BoundContainers.create({
      bindings: options.bindings,
      index: options.index,
    });
    this.#hosts = options.hosts;
    this.#lockTtlMs = options.lockTtlMs;
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
    // Actions re-check with the engine: the labels it has now must still
    // bind the container to this entity alone.
    await this.#bound.checkStillBound(
      host.name,
      entityRef,
      inspected.Config.Labels ?? {},
      request.id,
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
    mayStartStopped,
    onEngine,
  }: {
    target: ResolvedContainer;
    action: ContainerAction;
    mayStartStopped: boolean;
    onEngine?: (facts: EngineFacts) => Promise<void>;
  }): Promise<ContainerActionResponse> {
    const key = `${target.host}/${target.container.id}`;
    // Wait as long as another action may legitimately take: a stop that
    // uses the whole stop timeout, plus the Docker calls around it.
    const waitMs = this.#stopTimeoutSeconds * 1000 + 5 * this.#hostDeadlineMs;
    const { result } = this.#queue.run(key, action, () =>
      this.#lock.withLock(key, { ttlMs: this.#lockTtlMs, waitMs }, () =>
        performAction({
          host: this.#hosts.select([target.host])[0],
          target,
          action,
          mayStartStopped,
          stopTimeoutSeconds: this.#stopTimeoutSeconds,
          logger: this.#logger,
          onEngine,
        }),
      ),
    );
    return result;
  }

  /**
   * Finds `id` on `host` among the containers bound to the entity, or
   * throws the one 404 (not found and not this entity's are the same
   * answer). A container bound to several entities is a 409 that says why.
   */
  async #find(request: { entity: Entity; host: string; id: string }) {
    const { host, entityRef, selector, notFound } = entityHost(
      this.#hosts,
      request,
      'container',
    );
    const [found] = await this.#call(host, request.id.slice(0, 12), () =>
      this.#bound.onHost(host, entityRef, selector, request.id),
    );
    if (!found) {
      throw notFound;
    }
    if (found.conflict) {
      throw new ConflictError(found.conflict.message);
    }
    return {
      host,
      entityRef,
      listed: found.listed,
      labelFilters: found.labelFilters,
    };
  }

  /** A read on one host; failures become safe errors (503 when the host is down). */
  async #call<T>(
    host: DockerHost,
    containerName: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    return engineCall(fn, {
      host: host.name,
      containerName,
      logger: this.#logger,
    });
  }

  listVersion({ entity }: { entity: Entity }): string | undefined {
    const selector = selectorOf(entity);
    const versions: string[] = [];
    for (const host of this.#hosts.select(selector.hosts)) {
      const version = this.#bound.versionOn(host.name);
      if (version === undefined) return undefined;
      versions.push(`${host.name}@${version}`);
    }
    return JSON.stringify([stringifyEntityRef(entity), selector, versions]);
  }

  async listContainers({
    entity,
  }: {
    entity: Entity;
  }): Promise<ContainerListResponse> {
    const selector = selectorOf(entity);
    const entityRef = stringifyEntityRef(entity);
    const hosts = this.#hosts.select(selector.hosts);
    // Hosts are queried side by side; one slow or dead host only costs its own deadline.
    const results = await Promise.all(
      hosts.map(host => this.#listOnHost(host, entityRef, selector)),
    );
    return {
      entityRef,
      selector: Object.entries(selector.labels).map(([k, v]) => `${k}=${v}`),
      hosts: results,
    };
  }

  async #listOnHost(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
  ): Promise<HostResult> {
    try {
      // At the deadline the host is reported unavailable, and its
      // inspects still waiting are not started.
      const containers = await withDeadline(
        signal =>
          this.#bound.summariesOnHost(host, entityRef, selector, signal),
        this.#hostDeadlineMs,
      );
      return containers.length > 0
        ? { name: host.name, status: 'ok', containers }
        : {
            name: host.name,
            status: 'ok',
            containers,
            emptyReason: this.#bound.emptyReason(host.name, entityRef),
          };
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
