import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import {
  ContainerSelector,
  SwarmHostResult,
  SwarmServiceActionResponse,
  SwarmServiceListResponse,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { SwarmSettings } from '../config';
import { DatabaseLock } from '../database/DatabaseLock';
import { DockerHost, EngineService, ServiceChange } from '../docker/DockerHost';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { describeHostError } from '../docker/describeHostError';
import { engineCall } from '../docker/engineCall';
import { toActionError } from '../docker/toActionError';
import { ActionQueue } from '../service/ActionQueue';
import { withDeadline } from '../service/concurrency';
import { entityHost } from '../service/entityHost';
import { selectorOf } from '../service/selectorOf';
import { BoundServices } from './BoundServices';
import { performServiceAction } from './performServiceAction';
import {
  ServiceLogSource,
  serviceLogSource,
  unboundBecause,
} from './ServiceLogSource';
import { SwarmManagers } from './SwarmManagers';
import { nodeDirectory, toServiceSummary } from './toServiceSummary';

/** A Swarm service bound to an entity on one manager. */
export interface ResolvedService {
  entityRef: string;
  host: string;
  service: EngineService;
}

/**
 * The entity's Swarm services, on the configured hosts that are Swarm
 * managers, in catalog terms: every call takes the entity, and services are
 * only found through it (a service of another entity is the same 404 as one
 * that does not exist).
 */
export class SwarmServices {
  readonly #hosts: DockerHostRegistry;
  readonly #managers: SwarmManagers;
  readonly #bound: BoundServices;
  readonly #logger: LoggerService;
  readonly #hostDeadlineMs: number;
  readonly #settings: SwarmSettings;
  readonly #lock: DatabaseLock;
  readonly #lockTtlMs: number;
  readonly #bindingCheckMs?: number;
  readonly #queue = new ActionQueue<SwarmServiceActionResponse>();

  static create(options: {
    hosts: DockerHostRegistry;
    bindings: ContainerBindings;
    logger: LoggerService;
    hostDeadlineMs: number;
    settings: SwarmSettings;
    lock: DatabaseLock;
    lockTtlMs: number;
    managers?: SwarmManagers;
    /** How often a followed log asks whether its service is still the entity's. */
    bindingCheckMs?: number;
  }): SwarmServices {
    return new SwarmServices(options);
  }

  private constructor(options: Parameters<typeof SwarmServices.create>[0]) {
    this.#hosts = options.hosts;
    this.#managers = options.managers ?? new SwarmManagers();
    this.#bound = new BoundServices(options.bindings);
    this.#logger = options.logger;
    this.#hostDeadlineMs = options.hostDeadlineMs;
    this.#settings = options.settings;
    this.#lock = options.lock;
    this.#lockTtlMs = options.lockTtlMs;
    this.#bindingCheckMs = options.bindingCheckMs;
  }

  /** Which hosts are managers, remembered for a short while. */
  get managers(): SwarmManagers {
    return this.#managers;
  }

  get settings(): SwarmSettings {
    return this.#settings;
  }

  /**
   * The entity's services on each of its hosts that is a Swarm manager;
   * other hosts are left out, and a manager that does not answer is
   * reported unavailable without delaying the others.
   */
  async listServices({
    entity,
  }: {
    entity: Entity;
  }): Promise<SwarmServiceListResponse> {
    const selector = selectorOf(entity);
    const entityRef = stringifyEntityRef(entity);
    const results = await Promise.all(
      this.#hosts
        .select(selector.hosts)
        .map(host => this.#listOnHost(host, entityRef, selector)),
    );
    return {
      entityRef,
      hosts: results.filter((r): r is SwarmHostResult => r !== undefined),
    };
  }

  async #listOnHost(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
  ): Promise<SwarmHostResult | undefined> {
    try {
      return await withDeadline(async () => {
        const role = await this.#managers.roleOf(host);
        if (role.kind === 'not-manager') return undefined;
        if (role.kind === 'unreachable') {
          if (!role.wasManager) return undefined;
          throw role.error;
        }
        const bound = await this.#bound.onHost(host, entityRef, selector);
        const services = await this.#summaries(
          host,
          bound.map(b => b.service),
        );
        return {
          name: host.name,
          status: 'ok' as const,
          services: services.map((summary, i) =>
            bound[i].conflict
              ? { ...summary, conflict: bound[i].conflict }
              : summary,
          ),
        };
      }, this.#hostDeadlineMs);
    } catch (error) {
      this.#logger.warn(`Swarm services on ${host.name} could not be listed`, {
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

  /** Summaries of `services` on one manager: one task list and one node list for all. */
  async #summaries(
    host: DockerHost,
    services: EngineService[],
  ): Promise<SwarmServiceSummary[]> {
    if (services.length === 0) return [];
    const [tasks, nodes] = await Promise.all([
      host.listTasks(services.map(s => s.ID)),
      host.listNodes(),
    ]);
    const directory = nodeDirectory(nodes);
    return services.map(service =>
      toServiceSummary({
        host: host.name,
        service,
        tasks,
        nodes: directory,
        limits: this.#settings,
      }),
    );
  }

  /**
   * The service `id` on `host`, if it is the entity's there; otherwise the
   * one 404 (not found and not this entity's are the same answer), or a
   * 409 that says who else claims it.
   */
  async resolveService(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ResolvedService> {
    const { host, entityRef, selector, notFound } = entityHost(
      this.#hosts,
      request,
      'Swarm service',
    );
    const role = await this.#managers.roleOf(host);
    if (role.kind === 'unreachable') {
      throw toActionError(role.error, {
        host: host.name,
        containerName: request.id.slice(0, 12),
        what: 'service',
      });
    }
    if (role.kind !== 'manager') throw notFound;
    const [found] = await this.#call(host, request.id.slice(0, 12), () =>
      this.#bound.onHost(host, entityRef, selector, request.id),
    );
    if (!found) throw notFound;
    if (found.conflict) throw new ConflictError(found.conflict.message);
    return { entityRef, host: host.name, service: found.service };
  }

  /**
   * Scales or restarts a resolved service; serialized per service, across
   * backend replicas too (the same lock as containers' actions).
   */
  async runAction(request: {
    entity: Entity;
    target: ResolvedService;
    change: ServiceChange;
  }): Promise<SwarmServiceActionResponse> {
    const { entity, target, change } = request;
    const [host] = this.#hosts.select([target.host]);
    const key = `service:${target.host}/${target.service.ID}`;
    const waiting =
      change.kind === 'scale' ? `scale ${change.replicas}` : 'restart';
    const { result } = this.#queue.run(key, waiting, () =>
      this.#lock.withLock(
        key,
        { ttlMs: this.#lockTtlMs, waitMs: 5 * this.#hostDeadlineMs },
        () =>
          performServiceAction({
            host,
            change,
            // Read afresh under the lock: another action may have just run.
            current: () =>
              this.resolveService({
                entity,
                host: target.host,
                id: target.service.ID,
              }),
            summarize: async service => {
              const [summary] = await this.#summaries(host, [service]);
              return summary;
            },
            logger: this.#logger,
          }),
      ),
    );
    return result;
  }

  /**
   * Finds one of the entity's services for reading its log. A followed log
   * ends once the service is no longer the entity's.
   */
  async prepareLogs(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ServiceLogSource> {
    const { service, entityRef } = await this.resolveService(request);
    const [host] = this.#hosts.select([request.host]);
    const name = service.Spec.Name;
    const [tasks, nodes] = await this.#call(host, name, () =>
      Promise.all([host.listTasks([service.ID]), host.listNodes()]),
    );
    return serviceLogSource({
      service,
      tasks,
      nodes: nodeDirectory(nodes),
      openLog: (options, signal) =>
        this.#call(host, name, () =>
          host.serviceLogs(service.ID, options, signal),
        ),
      stillBound: () =>
        unboundBecause({
          resolve: () => this.resolveService(request),
          inspect: () => host.inspectService(service.ID),
          name,
          entityRef,
          host: host.name,
        }),
      bindingCheckMs: this.#bindingCheckMs,
    });
  }

  /** A read on one manager; failures become safe errors (503 when it is down). */
  async #call<T>(
    host: DockerHost,
    serviceName: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    return engineCall(fn, {
      host: host.name,
      containerName: serviceName,
      what: 'service',
      logger: this.#logger,
    });
  }
}
