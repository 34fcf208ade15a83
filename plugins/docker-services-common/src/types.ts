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
}

/**
 * One Docker host's answer for an entity.
 * @public
 */
export type HostResult =
  | { name: string; status: 'ok'; containers: ContainerSummary[] }
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
