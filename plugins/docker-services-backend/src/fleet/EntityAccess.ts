import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dockerContainerReadPermission,
  FleetEntity,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ownerRefOf, toFleetOwner } from './ownerOf';

/**
 * What of the catalog a caller of the fleet view may see: entities as the
 * catalog shows them to the caller (`catalog`, in the plugin the one of
 * catalogAsCallerSees), then the container read permission asked per
 * entity; owners read the same way. Everything the fleet view shows of an
 * entity (containers, Swarm services, jobs) goes through here.
 */
export class EntityAccess {
  readonly #catalog: typeof catalogServiceRef.T;
  readonly #permissions: PermissionsService;

  constructor(options: {
    catalog: typeof catalogServiceRef.T;
    permissions: PermissionsService;
  }) {
    this.#catalog = options.catalog;
    this.#permissions = options.permissions;
  }

  /** Entities the caller can see in the catalog and may read containers of, by the ref asked. */
  async readable(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const unique = [...new Set(refs)];
    if (unique.length === 0) return new Map();
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: unique },
      { credentials },
    );
    const visible = new Map<string, Entity>();
    items.forEach((entity, i) => {
      if (entity) visible.set(unique[i], entity);
    });
    const allowed = await this.allowed([...visible.keys()], credentials);
    return new Map([...visible].filter(([ref]) => allowed.has(ref)));
  }

  /** The refs among `refs` whose containers the caller may read. */
  async allowed(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
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

  /**
   * Each entity as the fleet view shows it, by the ref asked, with its
   * owner's name and contacts as far as the caller can read the owner.
   */
  async describe(
    entities: Map<string, Entity>,
    credentials: BackstageCredentials,
  ): Promise<Map<string, FleetEntity>> {
    const owners = await this.#owners([...entities.values()], credentials);
    const described = new Map<string, FleetEntity>();
    for (const [ref, entity] of entities) {
      const ownerRef = ownerRefOf(entity);
      described.set(ref, {
        ref,
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        ...(ownerRef
          ? { owner: toFleetOwner(ownerRef, owners.get(ownerRef)) }
          : {}),
      });
    }
    return described;
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
}
