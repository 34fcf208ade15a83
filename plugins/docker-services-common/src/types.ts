import type { ExitExplanation } from './exitCodes';

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
  /** User entity ref of who acted. */
  actor: string;
  action: ContainerAction;
  host: string;
  containerId: string;
  containerName: string;
  reason?: string;
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

/** @public */
export type LogStreamName = 'stdout' | 'stderr';

/**
 * One log line, as the logs route streams it (NDJSON, one per line).
 * @public
 */
export interface LogLine {
  stream: LogStreamName;
  /** RFC 3339 time Docker recorded, when timestamps were asked for. */
  time?: string;
  /** The text, decoded as UTF-8; never HTML. */
  line: string;
  /** Present when the line was longer than the portal shows. */
  truncated?: { keptBytes: number; totalBytes: number };
}

/**
 * Control messages the logs route mixes into its stream.
 * @public
 */
export type LogControlEvent =
  | { event: 'notice'; message: string }
  | { event: 'error'; message: string }
  | { event: 'heartbeat' }
  | { event: 'end'; message: string };

/** @public */
export type LogStreamEvent = LogLine | LogControlEvent;

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

/**
 * Who stopped a container, when the portal knows.
 * @public
 */
export type StopCause =
  | {
      kind: 'portal';
      /** User entity ref of who acted. */
      actor: string;
      action: ContainerAction;
      /** ISO 8601: when the action was asked for. */
      at: string;
      reason?: string;
    }
  | { kind: 'outside' };

/**
 * `GET …/containers/:host/:id/diagnosis`: why a container stopped, is
 * restarting or is unhealthy, in plain words first and Docker's terms second.
 * @public
 */
export interface ContainerDiagnosis {
  host: string;
  id: string;
  name: string;
  state: ContainerState;
  /** One or two sentences for someone who is not a Docker expert. */
  summary: string;
  /** The same facts in Docker's terms: exit code, signal, OOMKilled, restarts. */
  dockerTerms: string;
  exit?: ExitExplanation & { finishedAt?: string };
  /** Present when it exited or died: the portal's own record, or "outside". */
  stoppedBy?: StopCause;
  /** Present when Docker keeps restarting it. */
  restartLoop?: { restartCount: number; message: string };
  /** Present when it has a health check: the last checks' outputs. */
  health?: { status: ContainerHealth; checks: HealthCheckRun[] };
  /**
   * The last log lines before it stopped (stdout and stderr, oldest first),
   * or the newest ones while it runs; empty when Docker could not read them.
   */
  lastLines: LogLine[];
  /** ISO 8601: the logs end here (the container's FinishedAt), when it stopped. */
  linesUntil?: string;
  /** Set when the lines could not be read, in a sentence. */
  linesError?: string;
}

/**
 * `POST …/containers/:host/:id/ask-owners`: the owners were told.
 * @public
 */
export interface AskOwnersResponse {
  action: 'start' | 'restart';
  /** Who was asked: the entity's owner refs. */
  owners: string[];
  /** What happened, in a sentence for the person who asked. */
  message: string;
}
