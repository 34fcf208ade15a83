import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_COMPOSE,
  ANNOTATION_LABEL_SELECTOR,
  ContainerSummary,
  dockerContainerReadPermission,
  dockerFleetReadPermission,
  FleetContainer,
  FleetHost,
  FleetSearchResponse,
  MyServicesResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings, Owner } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { IndexedContainer } from '../containerIndex/indexedContainer';
import { ContainerService } from '../service/ContainerService';
import { toContainerSummary } from '../service/toContainerSummary';
import { queryMatcher } from './matchesQuery';
import { ownerRefOf, toFleetOwner } from './ownerOf';

type Found = { summary: ContainerSummary; refs: string[]; owners: Owner[] };

/**
 * The fleet view: containers across every host, read from the live index,
 * with the entity each is bound to and that entity's owner, as the caller
 * may see them (catalog read with their credentials, the read permission
 * per entity); unbound and conflicted ones only with fleet.read.
 */
export class FleetService {
  readonly #index?: ContainerIndex;
  readonly #hostNames: string[];
  readonly #bindings: ContainerBindings;
  readonly #catalog: typeof catalogServiceRef.T;
  readonly #permissions: PermissionsService;
  readonly #userInfo: UserInfoService;
  readonly #containers: ContainerService;

  static create(options: {
    index?: ContainerIndex;
    hostNames: string[];
    bindings: ContainerBindings;
    catalog: typeof catalogServiceRef.T;
    permissions: PermissionsService;
    userInfo: UserInfoService;
    containers: ContainerService;
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
  }

  async search(request: {
    credentials: BackstageCredentials;
    q: string;
    limit: number;
  }): Promise<FleetSearchResponse> {
    const { credentials, q, limit } = request;
    const found: Found[] = [];
    const matches = queryMatcher(q);
    for (const host of this.#hostNames) {
      for (const c of this.#index?.view(host)?.containers ?? []) {
        if (!matches(c.listed)) continue;
        const summary = toSummary(host, c);
        const owners = await this.#bindings.ownersOf(host, c.listed.Labels);
        found.push({
          summary,
          owners,
          refs: [...new Set(owners.map(o => o.entityRef))],
        });
      }
    }
    const [fleetDecision] = await this.#permissions.authorize(
      [{ permission: dockerFleetReadPermission }],
      { credentials },
    );
    const seesUnbound = fleetDecision.result === AuthorizeResult.ALLOW;
    const single = [
      ...new Set(found.filter(f => f.refs.length === 1).map(f => f.refs[0])),
    ];
    const readable = await this.#readableEntities(single, credentials);
    const owners = await this.#owners([...readable.values()], credentials);

    const containers: FleetContainer[] = [];
    for (const { summary, refs, owners: claims } of found) {
      if (refs.length === 1 && readable.has(refs[0])) {
        const entity = readable.get(refs[0])!;
        const ownerRef = ownerRefOf(entity);
        containers.push({
          ...summary,
          binding: 'bound',
          entity: {
            ref: refs[0],
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
            ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
            ...(ownerRef
              ? { owner: toFleetOwner(ownerRef, owners.get(ownerRef)) }
              : {}),
          },
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
    return {
      containers: containers.slice(0, limit),
      hosts: this.#hostStates(),
      truncated: containers.length > limit,
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
    const readable = await this.#allowed(
      items.map(e => stringifyEntityRef(e)),
      credentials,
    );
    const entities: MyServicesResponse['entities'] = [];
    for (const entity of items) {
      const ref = stringifyEntityRef(entity);
      if (!readable.has(ref)) continue;
      const list = await this.#containers
        .listContainers({ entity })
        .catch(() => undefined);
      const containers = (list?.hosts ?? []).flatMap(h =>
        h.status === 'ok' ? h.containers : [],
      );
      if (containers.length === 0) continue;
      entities.push({
        ref,
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        containers,
      });
    }
    entities.sort(
      (a, b) =>
        worst(a.containers) - worst(b.containers) || a.ref.localeCompare(b.ref),
    );
    return { entities, hosts: this.#hostStates() };
  }

  /** Entities the caller can see in the catalog and may read containers of. */
  async #readableEntities(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    if (refs.length === 0) return new Map();
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const visible = new Map<string, Entity>();
    items.forEach((entity, i) => {
      if (entity) visible.set(refs[i], entity);
    });
    const allowed = await this.#allowed([...visible.keys()], credentials);
    return new Map([...visible].filter(([ref]) => allowed.has(ref)));
  }

  async #allowed(refs: string[], credentials: BackstageCredentials) {
    if (refs.length === 0) return new Set<string>();
    const decisions = await this.#permissions.authorize(
      refs.map(resourceRef => ({
        permission: dockerContainerReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return new Set(
      refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  async #owners(entities: Entity[], credentials: BackstageCredentials) {
    const refs = [
      ...new Set(entities.map(ownerRefOf).filter((r): r is string => !!r)),
    ];
    if (refs.length === 0) return new Map<string, Entity>();
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    return new Map(items.flatMap((e, i) => (e ? [[refs[i], e] as const] : [])));
  }

  #hostStates(): FleetHost[] {
    return this.#hostNames.map(name => {
      const view = this.#index?.view(name);
      if (!view) {
        return {
          name,
          status: 'unavailable',
          error:
            'The portal keeps no index of this host (dockerServices.index.enabled is off).',
          containerCount: 0,
        };
      }
      const age =
        view.reconciledAt !== undefined
          ? Math.round((Date.now() - view.reconciledAt) / 1000)
          : undefined;
      return {
        name,
        status: view.live ? 'ok' : 'unavailable',
        ...(view.live
          ? {}
          : {
              error: `The portal is not in touch with Docker on host ${name} right now; what is shown is what it last knew.`,
            }),
        containerCount: view.containers.length,
        ...(age !== undefined ? { indexAgeSeconds: age } : {}),
      };
    });
  }
}

function toSummary(host: string, c: IndexedContainer): ContainerSummary {
  return toContainerSummary(host, c.listed, c.inspected);
}

/** 0 for unhealthy, 1 for stopped, 2 for the rest: worst first. */
function worst(containers: ContainerSummary[]): number {
  if (containers.some(c => c.health === 'unhealthy')) return 0;
  if (containers.some(c => ['exited', 'dead', 'created'].includes(c.state))) {
    return 1;
  }
  return 2;
}
