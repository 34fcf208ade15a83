import { LoggerService } from '@backstage/backend-plugin-api';
import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings, Owner } from '../binding/ContainerBindings';
import { DockerHost, EngineService } from '../docker/DockerHost';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { withDeadline } from '../service/concurrency';
import { SharedAnswers } from '../status/SharedAnswers';
import { SwarmServices } from '../swarm/SwarmServices';
import { nodeDirectory, toServiceSummary } from '../swarm/toServiceSummary';

/** The label `docker stack deploy` puts on a stack's services. */
export const STACK_LABEL = 'com.docker.stack.namespace';

/**
 * Swarm services are not in the container index: the fleet's list of them
 * is asked of the managers at most once in this time, whoever searches
 * (typing in the search box asks once per pause).
 */
const FLEET_SWARM_ANSWER_MS = 2_000;

/** A Swarm service that may be bound to an entity, and to which. */
export interface FleetServiceCandidate {
  summary: SwarmServiceSummary;
  stack?: string;
  /** The entities it is bound to (by label, admin rule or trusted annotation). */
  refs: string[];
  /** Each binding of it, with how it was made (to explain a conflict). */
  owners: Owner[];
  /** Its own labels, so an entity's selector can narrow the list as its tab does. */
  labels: Record<string, string>;
}

/**
 * Every Swarm service on the configured managers that may be bound to some
 * entity, found as the container index finds containers: one labelled list
 * per way of binding (never an unfiltered list), then each service's owners
 * decided from its own labels. Visibility is the caller's business. Both
 * the search and "My services" read this one list.
 */
export class FleetSwarm {
  readonly #hosts: DockerHostRegistry;
  readonly #services: SwarmServices;
  readonly #bindings: ContainerBindings;
  readonly #logger: LoggerService;
  readonly #hostDeadlineMs: number;
  readonly #answers = new SharedAnswers<FleetServiceCandidate[]>({
    ttlMs: FLEET_SWARM_ANSWER_MS,
    maxEntries: 1,
  });

  constructor(options: {
    hosts: DockerHostRegistry;
    services: SwarmServices;
    bindings: ContainerBindings;
    logger: LoggerService;
    hostDeadlineMs: number;
  }) {
    this.#hosts = options.hosts;
    this.#services = options.services;
    this.#bindings = options.bindings;
    this.#logger = options.logger;
    this.#hostDeadlineMs = options.hostDeadlineMs;
  }

  /** The candidates of every manager that answers in time; the others are left out. */
  list(): Promise<FleetServiceCandidate[]> {
    return this.#answers.get('all', async () =>
      (
        await Promise.all(
          this.#hosts.select().map(host =>
            withDeadline(this.#onHost(host), this.#hostDeadlineMs).catch(
              error => {
                this.#logger.warn(
                  `Swarm services on ${host.name} could not be listed for the fleet view`,
                  { host: host.name, error: String(error) },
                );
                return [];
              },
            ),
          ),
        )
      ).flat(),
    );
  }

  async #onHost(host: DockerHost): Promise<FleetServiceCandidate[]> {
    const role = await this.#services.managers.roleOf(host);
    if (role.kind !== 'manager') return [];
    const found = new Map<string, EngineService>();
    for (const filters of await this.#bindings.allCandidateFilters(host.name)) {
      for (const service of await host.listServices(filters)) {
        found.set(service.ID, service);
      }
    }
    const services = [...found.values()];
    if (services.length === 0) return [];
    const [tasks, nodes] = await Promise.all([
      host.listTasks(services.map(s => s.ID)),
      host.listNodes(),
    ]);
    const directory = nodeDirectory(nodes);
    return Promise.all(
      services.map(async service => {
        const labels = service.Spec.Labels ?? {};
        const owners = await this.#bindings.ownersOf(host.name, labels);
        const stack = labels[STACK_LABEL];
        return {
          summary: toServiceSummary({
            host: host.name,
            service,
            tasks,
            nodes: directory,
            limits: this.#services.settings,
          }),
          ...(stack ? { stack } : {}),
          refs: [...new Set(owners.map(o => o.entityRef))],
          owners,
          labels,
        };
      }),
    );
  }
}
