import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  BindingConflict,
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  ContainerSelector,
  ContainerStats,
  ContainerSummary,
  ENTITY_LABEL,
  HostResult,
  InvalidSelectorError,
  parseContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import {
  DockerHost,
  EngineContainer,
  EngineContainerInspect,
  EngineLogOptions,
} from '../docker/DockerHost';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { boundInIndex } from '../containerIndex/boundInIndex';
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
  readonly #lockTtlMs: number;
  readonly #bindings: ContainerBindings;
  readonly #index?: ContainerIndex;

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

  private constructor(options: {
    hosts: DockerHostRegistry;
    logger: LoggerService;
    hostDeadlineMs: number;
    stopTimeoutSeconds: number;
    lock: DatabaseLock;
    lockTtlMs: number;
    bindings: ContainerBindings;
    index?: ContainerIndex;
  }) {
    this.#index = options.index;
    this.#hosts = options.hosts;
    this.#lockTtlMs = options.lockTtlMs;
    this.#bindings = options.bindings;
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
    await this.#checkStillBound(
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
  }: {
    target: ResolvedContainer;
    action: ContainerAction;
    mayStartStopped: boolean;
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
    const [found] = await this.#call(host, request.id.slice(0, 12), () =>
      this.#boundOnHost(host, entityRef, selector, request.id),
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

  async #checkStillBound(
    host: string,
    entityRef: string,
    labels: Record<string, string>,
    id: string,
  ): Promise<void> {
    const owners = await this.#bindings.ownersOf(host, labels);
    const decision = this.#bindings.decide(entityRef, owners, host);
    if (decision.kind === 'conflict') {
      throw new ConflictError(decision.conflict.message);
    }
    if (decision.kind === 'not-bound') {
      throw new NotFoundError(
        `No container ${id.slice(
          0,
          12,
        )} of ${entityRef} was found on host ${host}`,
      );
    }
  }

  /**
   * The containers on `host` bound to the entity (or in conflict over it),
   * from the host's live index when there is one, else from Docker: one
   * labelled list per way of binding, then each container's owners decided
   * from its labels.
   */
  async #boundOnHost(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
    id?: string,
  ): Promise<
    Array<{
      listed: EngineContainer;
      labelFilters: string[];
      conflict?: BindingConflict;
      /** Set when read from the index, with what it knew of the inspect. */
      indexed?: { inspected?: EngineContainerInspect };
    }>
  > {
    const view = this.#index?.view(host.name);
    if (view?.live) {
      const containers = id
        ? view.containers.filter(c => c.listed.Id === id)
        : view.containers;
      const bound = await boundInIndex({
        containers,
        bindings: this.#bindings,
        entityRef,
        selector,
        host: host.name,
      });
      return bound.map(({ inspected, ...rest }) => ({
        ...rest,
        indexed: { inspected },
      }));
    }
    const filterSets = this.#bindings.candidateFilters(
      entityRef,
      selector,
      host.name,
    );
    const found = new Map<
      string,
      { listed: EngineContainer; labelFilters: string[] }
    >();
    for (const labelFilters of filterSets) {
      const listed = await host.listContainers(
        labelFilters,
        id ? { id } : undefined,
      );
      for (const entry of listed) {
        if (id && entry.Id !== id) continue;
        if (!found.has(entry.Id))
          found.set(entry.Id, { listed: entry, labelFilters });
      }
    }
    const results = [];
    for (const candidate of found.values()) {
      const owners = await this.#bindings.ownersOf(
        host.name,
        candidate.listed.Labels ?? {},
      );
      const decision = this.#bindings.decide(entityRef, owners, host.name);
      if (decision.kind === 'bound') results.push(candidate);
      if (decision.kind === 'conflict') {
        results.push({ ...candidate, conflict: decision.conflict });
      }
    }
    return results;
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
        signal => this.#listWithDetails(host, entityRef, selector, signal),
        this.#hostDeadlineMs,
      );
      return containers.length > 0
        ? { name: host.name, status: 'ok', containers }
        : {
            name: host.name,
            status: 'ok',
            containers,
            emptyReason: this.#emptyReason(host.name, entityRef),
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

  async #listWithDetails(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
    signal: AbortSignal,
  ): Promise<ContainerSummary[]> {
    const bound = await this.#boundOnHost(host, entityRef, selector);
    const summaries = await mapWithConcurrency(
      bound,
      INSPECT_CONCURRENCY,
      async ({ listed, conflict, indexed }) => {
        // From the index, the inspect fields are there already; from Docker,
        // a container removed between list and inspect still shows what the
        // list knew.
        const inspected = indexed
          ? indexed.inspected
          : await host.inspectContainer(listed.Id).catch(() => undefined);
        const summary = toContainerSummary(host.name, listed, inspected);
        return conflict ? { ...summary, conflict } : summary;
      },
      { signal },
    );
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Why a host shows nothing for the entity, in words for its owners. */
  #emptyReason(host: string, entityRef: string): string {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const ways = `A container belongs to ${ref} when it carries the label ${ENTITY_LABEL}=${ref} (set where it is deployed, such as in its Compose file) or when a portal admin binds it with a rule`;
    return this.#bindings.trustsAnnotations(host)
      ? `No container on host ${host} matches this entity's annotations. ${ways}; on this host, a container no label or rule binds also belongs to the entity whose annotations match it.`
      : `No container on host ${host} is bound to this entity. ${ways}. This host does not take catalog annotations alone as proof, so an annotation only narrows what is shown.`;
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
