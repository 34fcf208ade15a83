import {
  BindingConflict,
  ContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { DockerHost, EngineService } from '../docker/DockerHost';

/** A service bound to the entity on one manager, or in conflict over it. */
export interface BoundService {
  service: EngineService;
  conflict?: BindingConflict;
}

/**
 * Which Swarm services on a manager are an entity's: decided from the
 * service's own labels (its `Spec.Labels`, where `docker stack deploy` puts
 * `deploy.labels`) exactly as a container's are, by
 * {@link ContainerBindings}: the `docker-services.entity` label, an admin
 * rule, or the entity's annotation on a host that trusts annotations. One
 * labelled list per way of binding; never an unfiltered list.
 */
export class BoundServices {
  readonly #bindings: ContainerBindings;

  constructor(bindings: ContainerBindings) {
    this.#bindings = bindings;
  }

  /** The entity's services on `host`, narrowed by its selector; with `id`, at most that one. */
  async onHost(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
    id?: string,
  ): Promise<BoundService[]> {
    const found = new Map<string, BoundService>();
    for (const labelFilters of this.#bindings.candidateFilters(
      entityRef,
      selector,
      host.name,
    )) {
      const services = await host.listServices(
        labelFilters,
        id ? { id } : undefined,
      );
      for (const service of services) {
        if (found.has(service.ID) || (id && service.ID !== id)) continue;
        const decision = await this.decide(host.name, entityRef, service);
        if (decision.kind === 'bound') found.set(service.ID, { service });
        if (decision.kind === 'conflict') {
          found.set(service.ID, { service, conflict: decision.conflict });
        }
      }
    }
    return [...found.values()].sort((a, b) =>
      a.service.Spec.Name.localeCompare(b.service.Spec.Name),
    );
  }

  /** What `service` (with the labels it has now) is to `entityRef`. */
  async decide(host: string, entityRef: string, service: EngineService) {
    const owners = await this.#bindings.ownersOf(
      host,
      service.Spec.Labels ?? {},
    );
    return this.#bindings.decide(entityRef, owners, host, 'service');
  }
}
