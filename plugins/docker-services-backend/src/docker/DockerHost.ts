/**
 * The subset of a Docker list entry the plugin reads.
 */
export interface EngineContainer {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Status: string;
  Created: number;
  Ports: Array<{ PrivatePort: number; PublicPort?: number; Type: string }>;
  Labels: Record<string, string>;
}

/**
 * The subset of a Docker inspect answer the plugin reads.
 */
export interface EngineContainerInspect {
  Id: string;
  Created: string;
  RestartCount: number;
  State: {
    Status: string;
    ExitCode: number;
    OOMKilled: boolean;
    StartedAt: string;
    FinishedAt: string;
    Health?: {
      Status: string;
      Log?: Array<{
        Start: string;
        End: string;
        ExitCode: number;
        Output: string;
      }>;
    };
  };
  Config: { Labels: Record<string, string> | null; Tty: boolean };
}

/** The subset of one Docker stats sample the plugin reads. */
export interface EngineStats {
  read: string;
  cpu_stats: {
    cpu_usage: { total_usage: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats: {
    cpu_usage: { total_usage: number };
    system_cpu_usage?: number;
  };
  memory_stats: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number>;
  };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
}

/** What to read from a container's log. Times are UNIX seconds (fractions allowed). */
export interface EngineLogOptions {
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
  tail?: number;
  since?: string;
  until?: string;
}

/** The Swarm part of `GET /info`: whether this engine manages a swarm. */
export interface EngineSwarmInfo {
  /** `inactive`, `pending`, `active`, `error` or `locked`. */
  LocalNodeState: string;
  /** True on a manager: only managers answer the service and task calls. */
  ControlAvailable: boolean;
  NodeID?: string;
}

/** The subset of a Swarm service (list entry or inspect) the plugin reads. */
export interface EngineService {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string> | null;
    TaskTemplate?: {
      ContainerSpec?: { Image?: string; TTY?: boolean };
      ForceUpdate?: number;
      Placement?: { Constraints?: string[] };
    };
    Mode?: {
      Replicated?: { Replicas?: number };
      Global?: Record<string, never>;
      ReplicatedJob?: unknown;
      GlobalJob?: unknown;
    };
  };
  UpdateStatus?: {
    State?: string;
    StartedAt?: string;
    CompletedAt?: string;
    Message?: string;
  };
}

/** The subset of a Swarm task the plugin reads. */
export interface EngineTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState: string;
  CreatedAt: string;
  UpdatedAt: string;
  Status: {
    Timestamp: string;
    State: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
  };
}

/** The subset of a Swarm node the plugin reads. */
export interface EngineNode {
  ID: string;
  Description?: { Hostname?: string };
  /** `ready`, `down`, `unknown` or `disconnected`. */
  Status: { State: string; Message?: string };
  /** `active`, `pause` or `drain`. */
  Spec?: { Availability?: string };
}

/**
 * The only changes the plugin makes to a Swarm service: its replica count,
 * or a rolling restart (the same spec with `ForceUpdate` incremented).
 */
export type ServiceChange =
  | { kind: 'scale'; replicas: number }
  | { kind: 'restart' };

/** What to read from a service's log: a container's options but `until`. */
export type EngineServiceLogOptions = Omit<EngineLogOptions, 'until'>;

/**
 * One Docker engine, narrowed to the calls the plugin is allowed to make
 * (the Docker socket is root on its host, so only these calls). Nothing else of the Engine
 * API is reachable through it: no create, exec, pull, remove, volumes…
 */
export interface DockerHost {
  readonly name: string;
  /**
   * `GET /_ping`: resolves when the engine answers; rejects when it fails,
   * does not answer within the host's request deadline, or `signal` aborts.
   * A frozen engine, or one whose connection died silently, fails it.
   */
  ping(signal: AbortSignal): Promise<void>;
  /**
   * Containers (running or not) carrying every label in `labelFilters`
   * (`key=value`, or the bare `docker-services.entity` key: containers that
   * name an entity). Refuses an empty filter, which Docker would answer with
   * every container on the host.
   */
  listContainers(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineContainer[]>;
  inspectContainer(id: string): Promise<EngineContainerInspect>;
  /** Resolves `false` when Docker says it already runs (304). */
  startContainer(id: string): Promise<boolean>;
  /** Resolves `false` when Docker says it was already stopped (304). */
  stopContainer(id: string, timeoutSeconds: number): Promise<boolean>;
  restartContainer(id: string, timeoutSeconds: number): Promise<void>;
  /**
   * The raw log stream (framed unless the container has a TTY). Aborting
   * `signal` ends the request to Docker.
   */
  containerLogs(
    id: string,
    options: EngineLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  /** One stats sample (Docker takes about a second to measure CPU use). */
  containerStats(id: string): Promise<EngineStats>;
  /**
   * The same stats call, streamed: one JSON sample a line, about every
   * second, until `signal` aborts or the container stops.
   */
  containerStatsStream(
    id: string,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  /**
   * Docker's event stream, container events only, until `signal` aborts.
   * With `since` (UNIX seconds, fractions allowed, in the engine's clock),
   * the events the engine still holds from that time come first: a watcher
   * that lost its stream catches up on what it missed.
   */
  containerEvents(
    signal: AbortSignal,
    options?: { since?: string },
  ): Promise<NodeJS.ReadableStream>;

  /**
   * The Swarm part of `GET /info`: whether this engine is a Swarm manager.
   */
  swarmInfo(): Promise<EngineSwarmInfo>;
  /**
   * Swarm services carrying every label in `labelFilters` (as for
   * containers; never an empty filter). Managers only.
   */
  listServices(
    labelFilters: string[],
    options?: { id?: string },
  ): Promise<EngineService[]>;
  /** `GET /services/:id`. */
  inspectService(id: string): Promise<EngineService>;
  /**
   * The tasks of the given services (`GET /tasks` filtered to them); refuses
   * an empty list, which Docker would answer with every task of the swarm.
   */
  listTasks(serviceIds: string[]): Promise<EngineTask[]>;
  /**
   * The swarm's nodes (`GET /nodes`): tasks name their node by id only,
   * and only the node list says a node's name and whether it is down.
   */
  listNodes(): Promise<EngineNode[]>;
  /**
   * Changes one service as `change` says and nothing else: reads its spec
   * (`GET /services/:id`), then `POST /services/:id/update?version=` with
   * `version` (the version the caller decided on; Docker refuses the update
   * as "out of sequence" when the service changed since).
   */
  updateService(
    id: string,
    version: number,
    change: ServiceChange,
  ): Promise<void>;
  /**
   * A service's log through the manager, every task's lines framed as a
   * container's are, each prefixed with Docker's details (task and node ids).
   */
  serviceLogs(
    id: string,
    options: EngineServiceLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  /**
   * Docker's event stream, service and node events only (managers only),
   * until `signal` aborts; `since` as for container events.
   */
  swarmEvents(
    signal: AbortSignal,
    options?: { since?: string },
  ): Promise<NodeJS.ReadableStream>;
}
