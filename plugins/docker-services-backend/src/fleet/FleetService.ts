import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_COMPOSE,
  ANNOTATION_LABEL_SELECTOR,
  ContainerSummary,
  dockerFleetReadPermission,
  FleetContainer,
  FleetHost,
  FleetSearchResponse,
  MyServicesResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings, Owner } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { IndexedContainer } from '../containerIndex/indexedContainer';
import { readJobLabels } from '../jobs/jobLabels';
import type { JobService } from '../jobs/JobService';
import { mapWithConcurrency } from '../service/concurrency';
import { ContainerService } from '../service/ContainerService';
import { toContainerSummary } from '../service/toContainerSummary';
import { EntityAccess } from './EntityAccess';
import { FleetSwarm } from './FleetSwarm';
import { fleetHostStates } from './fleetHostStates';
import { queryMatcher } from './matchesQuery';
import { ownedWorkloads } from './ownedWorkloads';
import { searchFailingJobs, JobCandidate } from './searchFailingJobs';
import { searchServices } from './searchServices';
import { servicesOfEntity } from './servicesOfEntity';

type Found = { summary: ContainerSummary; refs: string[]; owners: Owner[] };

/** How many entities' jobs or services are read side by side. */
const ENTITY_CONCURRENCY = 4;

/**
 * The fleet view: containers across every host, read from the live index,
 * Swarm services from the managers, and jobs whose last run failed, with
 * the entity each is bound to and that entity's owner, as the caller may
 * see them (as the catalog shows them to the caller, the read permission
 * per entity); unbound and conflicted containers only with fleet.read.
 */
export class FleetService {
  readonly #index?: ContainerIndex;
  readonly #hostNames: string[];
  readonly #bindings: ContainerBindings;
  readonly #catalog: typeof catalogServiceRef.T;
  readonly #permissions: PermissionsService;
  readonly #userInfo: UserInfoService;
  readonly #containers: ContainerService;
  readonly #access: EntityAccess;
  readonly #swarm?: FleetSwarm;
  readonly #jobs?: JobService;

  static create(options: {
    index?: ContainerIndex;
    hostNames: string[];
    bindings: ContainerBindings;
    catalog: typeof catalogServiceRef.T;
    permissions: PermissionsService;
    userInfo: UserInfoService;
    containers: ContainerService;
    /** Every manager's services, for the search and "My services"; none without it. */
    swarm?: FleetSwarm;
    /** Jobs' last runs; no failing jobs are listed without it. */
    jobs?: JobService;
  }) {
    return new FleetService(options);
  }

  private constructor(options: Parameters<typeof FleetService.create>[0]) {
    this.#index = options.index;
    this.#hostNames = options.hostNames;
    this.#bindings = options.bindings;
    this.#catalog = options.catalog;
    this.#permissions = options.permissions;
    this.#userInfo = options.userInfo;
    this.#containers = options.containers;
    this.#access = new EntityAccess(options);
    this.#swarm = options.swarm;
    this.#jobs = options.jobs;
  }

  async search(request: {
    credentials: BackstageCredentials;
    q: string;
    limit: number;
  }): Promise<FleetSearchResponse> {
    const { credentials, q, limit } = request;
    const found: Found[] = [];
    const jobCandidates: JobCandidate[] = [];
    const matches = queryMatcher(q);
    for (const host of this.#hostNames) {
      for (const c of this.#index?.view(host)?.containers ?? []) {
        const matched = matches(c.listed);
        const isJob = Boolean(this.#jobs && readJobLabels(c.listed.Labels));
        if (!matched && !isJob) continue;
        const owners = await this.#bindings.ownersOf(host, c.listed.Labels);
        const refs = [...new Set(owners.map(o => o.entityRef))];
        if (matched) found.push({ summary: toSummary(host, c), owners, refs });
        if (isJob && refs.length === 1) {
          const name = (c.listed.Names?.[0] ?? '').replace(/^\//, '');
          jobCandidates.push({ host, name, ref: refs[0], matched });
        }
      }
    }
    const [fleetDecision] = await this.#permissions.authorize(
      [{ permission: dockerFleetReadPermission }],
      { credentials },
    );
    const seesUnbound = fleetDecision.result === AuthorizeResult.ALLOW;
    const serviceCandidates = (await this.#swarm?.list()) ?? [];
    const readable = await this.#access.readable(
      [
        ...found.filter(f => f.refs.length === 1).map(f => f.refs[0]),
        ...jobCandidates.map(j => j.ref),
        ...serviceCandidates
          .filter(s => s.refs.length === 1)
          .map(s => s.refs[0]),
      ],
      credentials,
    );
    const entities = await this.#access.describe(readable, credentials);

    const containers: FleetContainer[] = [];
    for (const { summary, refs, owners: claims } of found) {
      if (refs.length === 1 && entities.has(refs[0])) {
        containers.push({
          ...summary,
          binding: 'bound',
          entity: entities.get(refs[0])!,
        });
      } else if (seesUnbound && refs.length > 1) {
        const decision = this.#bindings.decide(refs[0], claims, summary.host);
        containers.push({
          ...summary,
          binding: 'conflict',
          ...(decision.kind === 'conflict'
            ? { conflict: decision.conflict }
            : {}),
        });
      } else if (seesUnbound && refs.length === 1 && !readable.has(refs[0])) {
        containers.push({
          ...summary,
          binding: 'unbound',
          unboundReason: `It names ${refs[0]}, which is not in the catalog (or you cannot see it). Fix the container's docker-services.entity label or the admin rule that binds it.`,
        });
      }
    }
    containers.sort((a, b) => a.name.localeCompare(b.name));
    const services = searchServices({
      q,
      candidates: serviceCandidates,
      entities,
    });
    const failingJobs = this.#jobs
      ? await searchFailingJobs({
          q,
          jobs: this.#jobs,
          candidates: jobCandidates,
          readable,
          entities,
          concurrency: ENTITY_CONCURRENCY,
        })
      : [];
    return {
      containers: containers.slice(0, limit),
      services: services.slice(0, limit),
      failingJobs: failingJobs.slice(0, limit),
      hosts: this.#hostStates(),
      truncated: [containers, services, failingJobs].some(
        list => list.length > limit,
      ),
      seesUnbound,
    };
  }

  async mine(credentials: BackstageCredentials): Promise<MyServicesResponse> {
    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      credentials,
    );
    const { items } = await this.#catalog.getEntities(
      {
        filter: [ANNOTATION_COMPOSE, ANNOTATION_LABEL_SELECTOR].map(a => ({
          'relations.ownedBy': ownershipEntityRefs,
          [`metadata.annotations.${a}`]: CATALOG_FILTER_EXISTS,
        })),
      },
      { credentials },
    );
    const readable = await this.#access.allowed(
      items.map(e => stringifyEntityRef(e)),
      credentials,
    );
    const mayRead = items.filter(e => readable.has(stringifyEntityRef(e)));
    // One shared list of every manager's services, not one per entity,
    // asked while the entities' containers are read.
    const candidates =
      mayRead.length > 0 && this.#swarm
        ? this.#swarm.list().catch(() => [])
        : Promise.resolve([]);
    const owned = await mapWithConcurrency(
      mayRead,
      ENTITY_CONCURRENCY,
      entity =>
        ownedWorkloads({
          entity,
          containers: this.#containers,
          servicesOf: async e =>
            servicesOfEntity({
              entity: e,
              candidates: await candidates,
              bindings: this.#bindings,
            }),
          jobs: this.#jobs,
        }),
    );
    const entities = owned
      .flatMap(o => (o ? [o] : []))
      .sort(
        (a, b) => a.rank - b.rank || a.entity.ref.localeCompare(b.entity.ref),
      )
      .map(o => o.entity);
    return { entities, hosts: this.#hostStates() };
  }

  #hostStates(): FleetHost[] {
    return fleetHostStates(this.#hostNames, this.#index);
  }
}

function toSummary(host: string, c: IndexedContainer): ContainerSummary {
  return toContainerSummary(host, c.listed, c.inspected);
}
