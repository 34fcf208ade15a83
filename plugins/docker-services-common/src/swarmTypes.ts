// The Swarm routes' wire types: services on hosts that are Swarm managers.
// Bound to entities exactly as containers are (label, admin rule, or the
// trusted annotation); never raw inspect output (no env, mounts, secrets or
// arbitrary labels).

/**
 * Docker's task states, from `new` to `orphaned`.
 * @public
 */
export type SwarmTaskState =
  | 'new'
  | 'allocated'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned';

/**
 * One task of a service: one replica's attempt on one node.
 * @public
 */
export interface SwarmTaskSummary {
  id: string;
  /** Replica number of a replicated service; absent for global services. */
  slot?: number;
  nodeId?: string;
  /** The node's hostname, when the task was placed. */
  nodeName?: string;
  /** False when the node is down or unreachable from the manager. */
  nodeReady?: boolean;
  state: SwarmTaskState;
  desiredState: SwarmTaskState;
  /** In plain words: "running on node-2 for 3 minutes", "no suitable node (…)". */
  explanation: string;
  /** Docker's own terms (its status message and error), second. */
  dockerMessage?: string;
  exitCode?: number;
  containerId?: string;
  /** ISO 8601: when the task last changed state. */
  updatedAt: string;
  /**
   * ISO 8601: when Swarm made the task, by the manager's clock (as the
   * update's `startedAt`): a task made after an update started is one of
   * its new tasks.
   */
  createdAt?: string;
}

/**
 * A rolling update's state, as Docker reports it.
 * @public
 */
export type SwarmUpdateState =
  | 'updating'
  | 'paused'
  | 'completed'
  | 'rollback_started'
  | 'rollback_paused'
  | 'rollback_completed';

/**
 * What the browser learns about one Swarm service.
 * @public
 */
export interface SwarmServiceSummary {
  host: string;
  /** Docker's service id. */
  id: string;
  name: string;
  image: string;
  mode: 'replicated' | 'global';
  /** Replicas asked for (replicated) or eligible nodes (global). */
  desiredTasks: number;
  runningTasks: number;
  /** In words: "3 of 3 running", "2 of 3 running, 1 starting on node-2". */
  summary: string;
  /** Present once the service was ever updated. */
  update?: {
    state: SwarmUpdateState;
    /** In words: "A rolling update is in progress", "rolled back: …". */
    explanation: string;
    startedAt?: string;
    completedAt?: string;
  };
  /** The current tasks (desired running, or recently ended), per node. */
  tasks: SwarmTaskSummary[];
  createdAt: string;
  updatedAt: string;
  /** Scale limits from config, so the UI can say them before asking. */
  scaleLimits: { min: number; max: number };
  /** As for containers: bound to more than one entity; nobody may act. */
  conflict?: { entityRefs: string[]; message: string };
}

/**
 * One host's services for an entity. Hosts that are not Swarm managers are
 * left out of the answer.
 * @public
 */
export type SwarmHostResult =
  | { name: string; status: 'ok'; services: SwarmServiceSummary[] }
  | { name: string; status: 'unavailable'; error: string };

/**
 * `GET /entities/:kind/:namespace/:name/services`
 * @public
 */
export interface SwarmServiceListResponse {
  entityRef: string;
  hosts: SwarmHostResult[];
}

/**
 * The actions on a Swarm service: scale to N replicas, and a rolling restart
 * (a forced update that keeps the spec). Nothing else.
 * @public
 */
export type SwarmServiceAction = 'scale' | 'restart';

/**
 * `POST …/services/:host/:id/scale` body `{ replicas, reason? }` and
 * `POST …/services/:host/:id/restart` body `{ reason? }`.
 * @public
 */
export interface SwarmServiceActionResponse {
  action: SwarmServiceAction;
  /** False when the service already had that many replicas. */
  changed: boolean;
  /** True when Docker did not confirm in time: the update may still happen. */
  stateUnknown?: boolean;
  /** What happened, in words: "web is being scaled from 2 to 4 replicas." */
  message?: string;
  service?: SwarmServiceSummary;
}
