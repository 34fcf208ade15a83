import type { ContainerSummary } from './types';

// The fleet view's wire types: every host, and the caller's own services.

/**
 * Who owns an entity, and how to reach them, from the catalog.
 * @public
 */
export interface FleetOwner {
  /** Owner entity ref, such as `group:default/team-shop`. */
  ref: string;
  /** The owner's display name, when the catalog has one. */
  title?: string;
  /** From the owner's `spec.profile.email`. */
  email?: string;
  /** A chat link from the owner's `metadata.links` (type `chat`, or a Slack or Teams address). */
  chat?: { url: string; title?: string };
}

/**
 * One container in the fleet view: its summary, and what it is bound to.
 * @public
 */
export interface FleetContainer extends ContainerSummary {
  /**
   * `bound`: to one entity (see `entity`); `conflict`: to several (see
   * `conflict`); `unbound`: it names an entity the catalog does not have.
   */
  binding: 'bound' | 'conflict' | 'unbound';
  /** The entity it belongs to, when bound, with its owner. */
  entity?: {
    ref: string;
    kind: string;
    namespace: string;
    name: string;
    title?: string;
    owner?: FleetOwner;
  };
  /** For `unbound`: why, in words. */
  unboundReason?: string;
}

/**
 * One Docker host as the fleet view sees it.
 * @public
 */
export interface FleetHost {
  name: string;
  /** `ok`: the host's index is live; `unavailable`: it is not (see `error`). */
  status: 'ok' | 'unavailable';
  error?: string;
  /** Containers the index holds for this host (bound or claimed). */
  containerCount: number;
  /** Seconds since the index last reconciled with the engine. */
  indexAgeSeconds?: number;
}

/**
 * `GET /fleet/containers?q=&limit=`: containers across all hosts matching a
 * name, short or full id, image or Compose project/service; bound ones the
 * caller may read, and, with `docker-services.fleet.read`, unbound and
 * conflicted ones too.
 * @public
 */
export interface FleetSearchResponse {
  containers: FleetContainer[];
  hosts: FleetHost[];
  /** True when more matched than `limit`. */
  truncated: boolean;
  /** Whether the caller sees unbound and conflicted containers too. */
  seesUnbound: boolean;
}

/**
 * `GET /fleet/mine`: every entity owned by the caller or their groups that
 * has containers, worst first (unhealthy, then exited, then the rest).
 * @public
 */
export interface MyServicesResponse {
  entities: Array<{
    ref: string;
    kind: string;
    namespace: string;
    name: string;
    title?: string;
    containers: ContainerSummary[];
  }>;
  hosts: FleetHost[];
}
