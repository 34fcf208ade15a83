/**
 * Docker's container states.
 * @public
 */
export type ContainerState =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'exited'
  | 'dead';

/**
 * Health-check status, when the container's image or run defines one.
 * @public
 */
export type ContainerHealth = 'starting' | 'healthy' | 'unhealthy';

/** @public */
export interface ContainerPort {
  privatePort: number;
  publicPort?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/**
 * What the browser learns about one container. Never raw inspect output:
 * no environment, mounts or arbitrary labels.
 *
 * @public
 */
export interface ContainerSummary {
  host: string;
  /** Full 64-hex container id. */
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  /** Docker's own short status text, such as "Up 3 hours (healthy)". */
  status: string;
  health?: ContainerHealth;
  /** ISO 8601 timestamps. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  oomKilled?: boolean;
  restartCount?: number;
  ports: ContainerPort[];
  compose?: { project: string; service?: string; number?: number };
  /**
   * Present when the container is bound to more than one entity (its label
   * says one, an admin rule another): nobody may act on it until that is
   * fixed. The message says why and who can fix it.
   */
  conflict?: BindingConflict;
  /**
   * Present when the container is a job (its label `docker-services.job`
   * is `true`): its retry policy, and the jobs it runs after in its
   * pipeline, from its labels.
   */
  job?: {
    retries: { count: number; delaySeconds: number };
    /** The jobs that must succeed before it (`docker-services.job.after`). */
    after?: string[];
  };
}

/**
 * Why a container is bound to several entities at once.
 * @public
 */
export interface BindingConflict {
  /** Every entity the container is bound to, lower-case refs. */
  entityRefs: string[];
  /** In words: what binds it where, and who can fix it. */
  message: string;
}

/**
 * One Docker host's answer for an entity.
 * @public
 */
export type HostResult =
  | {
      name: string;
      status: 'ok';
      containers: ContainerSummary[];
      /**
       * When no container on this host is bound to the entity: why, in
       * words (how containers are bound, and whether this host trusts
       * catalog annotations).
       */
      emptyReason?: string;
    }
  | {
      name: string;
      status: 'unavailable';
      /** Why, in words a person understands. */
      error: string;
    };

/**
 * `GET /entities/:kind/:namespace/:name/containers`
 * @public
 */
export interface ContainerListResponse {
  entityRef: string;
  /** The label pairs used, as `key=value` strings. */
  selector: string[];
  hosts: HostResult[];
}

/**
 * The lifecycle actions on a container.
 * @public
 */
export type ContainerAction = 'start' | 'stop' | 'restart';

/** @public */
export const CONTAINER_ACTIONS: readonly ContainerAction[] = [
  'start',
  'stop',
  'restart',
];

/**
 * One health check run, newest last.
 * @public
 */
export interface HealthCheckRun {
  start: string;
  end: string;
  exitCode: number;
  /** The check's output, cut to a few hundred characters. */
  output: string;
}

/**
 * `GET /entities/:kind/:namespace/:name/containers/:host/:id`
 * @public
 */
export interface ContainerDetails extends ContainerSummary {
  healthLog: HealthCheckRun[];
}

/**
 * `POST …/containers/:host/:id/{start,stop,restart}`
 * @public
 */
export interface ContainerActionResponse {
  action: ContainerAction;
  /** False when the container already was in the requested state. */
  changed: boolean;
  /**
   * True when Docker did not confirm in time: the action may still complete.
   * The container was re-read; it is absent when that failed too.
   */
  stateUnknown?: boolean;
  container?: ContainerSummary;
  /** What happened, in a sentence for the person who asked. */
  message: string;
}

/**
 * One row of an entity's action history.
 * @public
 */
export interface HistoryEntry {
  id: number;
  entityRef: string;
  /**
   * User entity ref of who acted; for a job's scheduled run or retry, the
   * portal itself (`docker-services:schedule`, `docker-services:retry`).
   */
  actor: string;
  /**
   * `scale` exists for Swarm services only; `schedule` for jobs (a change
   * of the job's schedule, in `schedule`).
   */
  action: ContainerAction | 'scale' | 'schedule';
  /**
   * What was acted on: absent or `container` for a container; `service` for
   * a Swarm service (then `containerId`/`containerName` hold the service's
   * id and name, and `restart` is a rolling restart).
   */
  target?: 'container' | 'service';
  /** For `scale`: the replicas before and asked for. */
  replicas?: { from: number; to: number };
  /** For `schedule`: what changed, and the schedule after the change. */
  schedule?: {
    change: 'set' | 'paused' | 'resumed' | 'removed';
    cron?: string;
    timeZone?: string;
  };
  host: string;
  containerId: string;
  containerName: string;
  reason?: string;
  /**
   * How the actor asked, when not through the portal's own pages or HTTP
   * API: `assistant` for an action an assistant called on the person's
   * behalf (over MCP), shown as "via assistant". The actor is still the
   * person.
   */
  channel?: 'assistant';
  /**
   * `requested` while the action runs (the row is written before Docker is
   * called), then how it ended.
   */
  /** `asked`: someone who may not act asked the owners to (nothing was done). */
  outcome: 'requested' | 'succeeded' | 'failed' | 'unknown' | 'asked';
  changed: boolean;
  /** Safe, human message for failed or unknown outcomes. */
  error?: string;
  /** ISO 8601. */
  createdAt: string;
  /**
   * A stop that changed something: Docker's own `FinishedAt` of the run it
   * ended, as Docker reported it after the stop. A container whose
   * `finishedAt` is this one is stopped because of this row (matched by
   * Docker's time, never the backend's clock).
   */
  dockerFinishedAt?: string;
  /**
   * An ask (outcome `asked`): ISO 8601, when the person who asked may ask
   * about the same container again, by the backend's
   * `notifications.askIntervalSeconds`; before it, another ask is refused.
   */
  askAgainAt?: string;
}

/**
 * `GET /entities/:kind/:namespace/:name/history`, newest first.
 * @public
 */
export interface HistoryResponse {
  items: HistoryEntry[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: number;
}

/**
 * `GET …/containers/:host/:id/stats`: one sample of a running container.
 * @public
 */
export interface ContainerStats {
  /** Share of one CPU core, in percent (200 = two cores busy). */
  cpuPercent: number;
  memory: { usedBytes: number; limitBytes: number };
  network: { rxBytes: number; txBytes: number };
  /** ISO 8601 time of the sample. */
  sampledAt: string;
}

/**
 * Whether a container in this state counts as running: starting it changes
 * nothing, stopping it stops it, and restarting it does not start a stopped
 * one (which needs the start permission).
 * @public
 */
export function isRunningState(state: string): boolean {
  return state === 'running' || state === 'restarting' || state === 'paused';
}
