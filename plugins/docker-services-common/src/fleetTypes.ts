import type { FailedJob, WorkloadLevel } from './statusTypes';
import type { SwarmServiceSummary, SwarmTaskState } from './swarmTypes';
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
 * The entity a container, Swarm service or job of the fleet view belongs
 * to, with its owner.
 * @public
 */
export interface FleetEntity {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: FleetOwner;
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
  entity?: FleetEntity;
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
 * One task of a Swarm service in the fleet view.
 * @public
 */
export interface FleetTask {
  id: string;
  /** As Docker names it: `service.slot` (replicated) or `service.node` (global). */
  name: string;
  state: SwarmTaskState;
  /** In plain words: "running on node-2 for 3 minutes". */
  explanation: string;
  nodeName?: string;
}

/**
 * One Swarm service in the fleet view, bound to one entity the caller may
 * read.
 * @public
 */
export interface FleetSwarmService {
  /** The Swarm manager it was read from. */
  host: string;
  id: string;
  /** Such as `demo-shop_api`. */
  name: string;
  /** Its stack (`com.docker.stack.namespace`), such as `demo-shop`. */
  stack?: string;
  image: string;
  level: WorkloadLevel;
  runningTasks: number;
  desiredTasks: number;
  /** Its state in words: "3 of 3 running". */
  summary: string;
  /**
   * The tasks a search found by their name or short id; when the service
   * itself matched (or the search is empty), its current tasks.
   */
  tasks: FleetTask[];
  entity: FleetEntity;
}

/**
 * A job (a container labelled `docker-services.job=true`) whose last run
 * failed, with its entity and owner.
 * @public
 */
export interface FleetFailedJob extends FailedJob {
  containerId: string;
  entity: FleetEntity;
}

/**
 * `GET /fleet/containers?q=&limit=`: containers across all hosts matching a
 * name, short or full id, image or Compose project/service; bound ones the
 * caller may read, and, with `docker-services.fleet.read`, unbound and
 * conflicted ones too. Also the Swarm services and jobs that failed their
 * last run, of entities the caller may read.
 * @public
 */
export interface FleetSearchResponse {
  containers: FleetContainer[];
  /**
   * Swarm services whose name, stack, entity, task name (`service.slot`) or
   * short id matches; absent from backends older than this field.
   */
  services?: FleetSwarmService[];
  /**
   * Jobs whose last run failed and whose container name, image, Compose
   * project/service or entity matches, newest failure first; absent from
   * backends older than this field.
   */
  failingJobs?: FleetFailedJob[];
  hosts: FleetHost[];
  /** True when more matched than `limit` (each list is cut at `limit`). */
  truncated: boolean;
  /** Whether the caller sees unbound and conflicted containers too. */
  seesUnbound: boolean;
}

/**
 * `GET /fleet/mine`: every entity owned by the caller or their groups that
 * has containers, Swarm services or jobs, worst first (by `level`).
 * @public
 */
export interface MyServicesResponse {
  entities: Array<{
    ref: string;
    kind: string;
    namespace: string;
    name: string;
    title?: string;
    /** The worst of its workloads; absent from older backends. */
    level?: WorkloadLevel;
    containers: ContainerSummary[];
    /** Its Swarm services; absent from older backends. */
    services?: SwarmServiceSummary[];
    /** Its jobs whose last run failed, newest first; absent from older backends. */
    failingJobs?: FailedJob[];
  }>;
  hosts: FleetHost[];
}
