import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  entityChannel,
  EntityChangeSignal,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { DockerHost } from '../docker/DockerHost';
import { ContainerEvent } from './ContainerEventWatcher';

/**
 * Tells the pages of an entity that one of its containers changed: one
 * signal on the entity's channel, carrying nothing but "changed". Changes
 * of containers bound to no entity are not published at all.
 */
export class EntityChangePublisher {
  readonly #bindings: ContainerBindings;
  readonly #signals: SignalsService;
  readonly #logger: LoggerService;
  /** Per host, the entities that had Swarm services there when last told. */
  readonly #serviceOwners = new Map<string, string[]>();

  static create(options: {
    bindings: ContainerBindings;
    signals: SignalsService;
    logger: LoggerService;
  }) {
    return new EntityChangePublisher(options);
  }

  private constructor(options: {
    bindings: ContainerBindings;
    signals: SignalsService;
    logger: LoggerService;
  }) {
    this.#bindings = options.bindings;
    this.#signals = options.signals;
    this.#logger = options.logger;
  }

  async publish(event: ContainerEvent): Promise<void> {
    const owners = await this.#bindings.ownersOf(event.host, event.labels);
    await this.#tell(owners.map(o => o.entityRef));
  }

  /**
   * After a host's events were interrupted, changes made meanwhile may not
   * be replayed: every entity with a container on the host is told.
   */
  async republishHost(host: DockerHost): Promise<void> {
    const refs = new Set<string>();
    for (const filters of await this.#bindings.allCandidateFilters(host.name)) {
      for (const container of await host.listContainers(filters)) {
        const owners = await this.#bindings.ownersOf(
          host.name,
          container.Labels ?? {},
        );
        owners.forEach(o => refs.add(o.entityRef));
      }
    }
    await this.#tell([...refs]);
  }

  /**
   * A Swarm manager reported service or node changes (its events name no
   * labels, and task changes come with no event at all): every entity with
   * a service on the host is told, and those that had one when last told,
   * so a removed service's page hears of it too.
   */
  async publishServicesOf(host: DockerHost): Promise<void> {
    const refs = new Set<string>();
    for (const filters of await this.#bindings.allCandidateFilters(host.name)) {
      for (const service of await host.listServices(filters)) {
        const owners = await this.#bindings.ownersOf(
          host.name,
          service.Spec.Labels ?? {},
        );
        owners.forEach(o => refs.add(o.entityRef));
      }
    }
    const before = this.#serviceOwners.get(host.name) ?? [];
    this.#serviceOwners.set(host.name, [...refs]);
    await this.#tell([...before, ...refs]);
  }

  /**
   * Something of the entity changed that no container event tells, such
   * as a pipeline run that ended: its pages re-read.
   */
  async publishEntity(entityRef: string): Promise<void> {
    await this.#tell([entityRef]);
  }

  async #tell(entityRefs: string[]): Promise<void> {
    const message: EntityChangeSignal = { change: 'changed' };
    for (const entityRef of new Set(entityRefs)) {
      try {
        await this.#signals.publish({
          recipients: { type: 'broadcast' },
          channel: entityChannel(entityRef),
          message,
        });
      } catch (error) {
        this.#logger.debug('Could not publish a container change', {
          error: String(error),
        });
      }
    }
  }
}
