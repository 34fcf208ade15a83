// The batched status route's wire types: for each entity asked about, what
// runs for it, counted per kind of workload, for an overview card or a
// catalog column to put in words. Counts only: no container ids, no names of
// containers, no Docker messages.

/**
 * How a workload is doing, worst first: `failing` (nothing running,
 * unhealthy, restarting over and over, a job whose last run failed),
 * `unknown` (its Docker host did not answer), `degraded` (part of it is not
 * running, is starting, is being updated, or is bound to two entities),
 * `ok`.
 * @public
 */
export type WorkloadLevel = 'failing' | 'unknown' | 'degraded' | 'ok';

/**
 * The levels from worst to best, for sorting.
 * @public
 */
export const WORKLOAD_LEVELS: readonly WorkloadLevel[] = [
  'failing',
  'unknown',
  'degraded',
  'ok',
];

/**
 * The entity's containers, jobs apart, counted.
 * @public
 */
export interface ContainerCounts {
  level: WorkloadLevel;
  total: number;
  /** In Docker's state `running` (paused and restarting ones are not). */
  running: number;
  /** Of the running ones: health check passing, failing, not yet decided. */
  healthy: number;
  unhealthy: number;
  healthStarting: number;
  /** Restarting now (Docker's restart policy after a crash). */
  restarting: number;
  /** Bound to more than one entity: nobody may act on them. */
  conflicts: number;
}

/**
 * One Swarm service of the entity, counted.
 * @public
 */
export interface ServiceStatus {
  level: WorkloadLevel;
  host: string;
  /** The service's name, such as `demo-shop_api`. */
  name: string;
  runningTasks: number;
  /** Replicas asked for (replicated) or eligible nodes (global). */
  desiredTasks: number;
  /** A rolling update (or its rollback) is under way. */
  updating: boolean;
}

/**
 * A job whose last run failed.
 * @public
 */
export interface FailedJob {
  host: string;
  /** The job's container name. */
  name: string;
  /** ISO 8601, Docker's time: when the failed run ended. */
  finishedAt?: string;
  exitCode?: number;
}

/**
 * The entity's jobs (containers labelled `docker-services.job=true`).
 * @public
 */
export interface JobCounts {
  level: WorkloadLevel;
  total: number;
  running: number;
  /** The jobs whose last run failed, most recent failure first. */
  failed: FailedJob[];
}

/**
 * One entity's status. `level` is the worst of its parts, or `none` when
 * nothing is bound to it (or its annotation is invalid: then `problem`
 * says why).
 * @public
 */
export interface EntityStatus {
  /** The ref as it was asked for. */
  entityRef: string;
  level: WorkloadLevel | 'none';
  /** Absent when the entity has no containers besides its jobs. */
  containers?: ContainerCounts;
  services: ServiceStatus[];
  /** Absent when the entity has no jobs. */
  jobs?: JobCounts;
  /** Hosts that did not answer: what runs there is not counted. */
  unavailableHosts: Array<{ name: string; error: string }>;
  /** Why nothing could be looked up, in words (an invalid annotation). */
  problem?: string;
}

/**
 * The most entity refs one status request may name.
 * @public
 */
export const ENTITY_STATUS_MAX_REFS = 100;

/**
 * `POST /entities/status` body: refs as `kind:namespace/name` (the
 * namespace may be left out for `default`).
 * @public
 */
export interface EntityStatusRequest {
  entityRefs: string[];
}

/**
 * `POST /entities/status` answer: one item per entity the caller may read,
 * in the order asked. An entity that does not exist, that the caller cannot
 * see, or whose containers they may not read is simply left out.
 * @public
 */
export interface EntityStatusResponse {
  items: EntityStatus[];
}
