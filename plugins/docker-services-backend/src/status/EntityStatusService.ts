import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EntityStatus,
  SwarmServiceListResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { JobService } from '../jobs/JobService';
import { mapWithConcurrency } from '../service/concurrency';
import { ContainerService } from '../service/ContainerService';
import { selectorOf } from '../service/selectorOf';
import { SwarmServices } from '../swarm/SwarmServices';
import { SharedAnswers } from './SharedAnswers';
import {
  countContainers,
  countJobs,
  countService,
  levelRank,
  worstLevel,
} from './summarizeStatus';

/** How many entities of one request are looked at side by side. */
const ENTITY_CONCURRENCY = 8;
/**
 * Swarm services are not in the container index: an entity's are asked of
 * its managers at most once in this time, whoever asks. Short enough that
 * the follow-up signals after a Swarm change (at 3, 10 and 30 s) find it
 * fresh.
 */
const SWARM_ANSWER_MS = 2_000;
const SWARM_ANSWERS_KEPT = 2_000;

/**
 * The status of entities, counted per kind of workload, from the same
 * services as the Services tab: containers from the live index (Docker
 * only while a host's index is not live), jobs' last runs from the
 * database, Swarm services from the managers through a short shared memo.
 * Callers pass entities already authorized.
 */
export class EntityStatusService {
  readonly #containers: ContainerService;
  readonly #services: SwarmServices;
  readonly #jobs: JobService;
  readonly #swarmAnswers: SharedAnswers<SwarmServiceListResponse>;

  static create(options: {
    containers: ContainerService;
    services: SwarmServices;
    jobs: JobService;
    swarmAnswerMs?: number;
  }): EntityStatusService {
    return new EntityStatusService(options);
  }

  private constructor(
    options: Parameters<typeof EntityStatusService.create>[0],
  ) {
    this.#containers = options.containers;
    this.#services = options.services;
    this.#jobs = options.jobs;
    this.#swarmAnswers = new SharedAnswers({
      ttlMs: options.swarmAnswerMs ?? SWARM_ANSWER_MS,
      maxEntries: SWARM_ANSWERS_KEPT,
    });
  }

  /** Each entity's status, in the order given, labelled with the ref asked. */
  async statuses(
    requests: Array<{ askedRef: string; entity: Entity }>,
  ): Promise<EntityStatus[]> {
    return mapWithConcurrency(requests, ENTITY_CONCURRENCY, request =>
      this.#statusOf(request),
    );
  }

  async #statusOf(request: {
    askedRef: string;
    entity: Entity;
  }): Promise<EntityStatus> {
    const { askedRef, entity } = request;
    const nothing = {
      entityRef: askedRef,
      level: 'none' as const,
      services: [],
      unavailableHosts: [],
    };
    let selectorKey: string;
    try {
      selectorKey = JSON.stringify(selectorOf(entity));
    } catch (error) {
      if (error instanceof InputError) {
        return { ...nothing, problem: error.message };
      }
      throw error;
    }
    const entityRef = stringifyEntityRef(entity);
    const [listed, swarm] = await Promise.all([
      this.#containers.listContainers({ entity }),
      this.#swarmAnswers.get(`${entityRef}\n${selectorKey}`, () =>
        this.#services.listServices({ entity }),
      ),
    ]);
    const all = listed.hosts.flatMap(h =>
      h.status === 'ok' ? h.containers : [],
    );
    // Only an entity with job containers has runs to read.
    const jobs = all.some(c => c.job)
      ? countJobs((await this.#jobs.listJobs(entity, entityRef)).jobs)
      : undefined;
    const containers = countContainers(all);
    const services = swarm.hosts
      .flatMap(h => (h.status === 'ok' ? h.services : []))
      .map(countService);
    const unavailable = new Map<string, string>();
    for (const host of [...listed.hosts, ...swarm.hosts]) {
      if (host.status === 'unavailable' && !unavailable.has(host.name)) {
        unavailable.set(host.name, host.error);
      }
    }
    const levels = [
      ...(containers ? [containers.level] : []),
      ...services.map(s => s.level),
      ...(jobs ? [jobs.level] : []),
      ...(unavailable.size > 0 ? ['unknown' as const] : []),
    ];
    return {
      entityRef: askedRef,
      level: levels.length === 0 ? 'none' : worstLevel(levels),
      ...(containers ? { containers } : {}),
      services: services.sort(
        (a, b) =>
          levelRank(a.level) - levelRank(b.level) ||
          a.name.localeCompare(b.name),
      ),
      ...(jobs ? { jobs } : {}),
      unavailableHosts: [...unavailable].map(([name, error]) => ({
        name,
        error,
      })),
    };
  }
}
