/** How to reach one Docker engine. */
export type DockerHostConfig = {
  name: string;
  requestTimeoutMs: number;
  /**
   * When true, an entity's selector annotation alone binds containers on
   * this host: everyone who can edit the catalog can claim them.
   */
  trustCatalogAnnotations: boolean;
} & (
  | { socketPath: string }
  | {
      protocol: 'http' | 'https';
      host: string;
      port: number;
      tls?: { ca?: string; cert?: string; key?: string };
    }
);

/**
 * A portal admin's rule: containers carrying every label in `labels` (on
 * `hosts`, or on every host) belong to `entityRef`.
 */
export interface BindingRule {
  /** Full entity ref in lower case. */
  entityRef: string;
  labels: Record<string, string>;
  hosts?: string[];
}

/** The plugin's settings, read and checked once at start-up. */
export interface DockerServicesConfig {
  hosts: DockerHostConfig[];
  bindings: BindingRule[];
  requestTimeoutMs: number;
  stopTimeoutSeconds: number;
  /**
   * How long one backend replica's claim on a container lasts unless it is
   * renewed; it is renewed while the action runs.
   */
  actionLockMs: number;
  /** How long a caller's read decisions are reused (AuthorizationCache's life). */
  readDecisionMs: number;
  allowActionsWithoutPermissionFramework: boolean;
  logs: LogLimits;
  swarm: SwarmSettings;
  /**
   * Time between full reconciles of each host's container index with the
   * engine (events keep it current in between, but can be lost).
   */
  indexReconcileMs: number;
  /** False: every request asks Docker (no index). */
  indexEnabled: boolean;
  /** How often each indexed host is pinged; a missed ping makes it not live. */
  indexPingMs: number;
}

/** Bounds on what one logs request may cost. */
export interface LogLimits {
  /** Lines returned when the request names no tail and no since. */
  defaultTail: number;
  /** The most lines a request gets; more is clamped, with a notice. */
  maxTail: number;
  /** Longer lines are cut, with a marker. */
  maxLineBytes: number;
  /** A response stops here, with a notice. */
  maxResponseBytes: number;
  /** Concurrent live followers per Docker host; more answer 429. */
  maxFollowersPerHost: number;
  /**
   * Concurrent live followers per person, all hosts together; never more
   * than all but one of a host's follower slots. More answer 429.
   */
  maxFollowersPerUser: number;
  /** Concurrent log streams, followed or not, per Docker host; more answer 429. */
  maxStreamsPerHost: number;
  /** Concurrent log streams, followed or not, per person, all hosts together; more answer 429. */
  maxStreamsPerUser: number;
  /** A follow whose engine neither streams nor answers a check for this long ends, with an error. */
  stalledFollowSeconds: number;
  /** A heartbeat is sent after this long without a line while following. */
  heartbeatSeconds: number;
}

/** What the portal may do to Swarm services. */
export interface SwarmSettings {
  /** The most replicas a service may be scaled to. */
  maxReplicas: number;
  /** Whether scaling to 0 (stopping it everywhere) is allowed. */
  allowScaleToZero: boolean;
}
