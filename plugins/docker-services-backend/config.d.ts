export interface Config {
  /** Configuration of the docker-services backend plugin. */
  dockerServices?: {
    /**
     * Docker engines the plugin may read and act on. When absent, one host
     * named "local" is used: DOCKER_HOST, or the default socket.
     */
    hosts?: Array<{
      /** Name used in entity annotations and shown on the Services tab. */
      name: string;
      /** Path of the engine's unix socket. Set this or `url`. */
      socketPath?: string;
      /**
       * `https://host:2376` (TLS), or `http://127.0.0.1:2375` (plain TCP,
       * allowed only to loopback addresses).
       */
      url?: string;
      /**
       * PEM CA certificate for TLS hosts.
       * @visibility secret
       */
      ca?: string;
      /**
       * PEM client certificate for TLS hosts.
       * @visibility secret
       */
      cert?: string;
      /**
       * PEM client key for TLS hosts.
       * @visibility secret
       */
      key?: string;
      /**
       * When true, an entity's `docker-services/label-selector` or
       * `docker-services/compose` annotation alone binds the containers it
       * matches on this host (unless a container's own label or an admin
       * rule binds it). Everyone who can edit the catalog can then claim
       * any container here. Only for catalogs that only admins can write.
       * Default false.
       */
      trustCatalogAnnotations?: boolean;
      /**
       * False: containers on this host never notify their owners
       * (see `dockerServices.notifications`). Default true.
       */
      notifications?: boolean;
      /**
       * False: schedules of jobs on this host never start a run (they can
       * still be seen; owners cannot set new ones). Default true.
       */
      jobSchedules?: boolean;
    }>;
    /**
     * Admin rules that bind existing containers to entities without
     * relabelling them: containers carrying every label in `labels` (on
     * `hosts`, or every configured host) belong to `entity`.
     */
    bindings?: Array<{
      /** Full entity ref, such as `component:default/shop-web`. */
      entity: string;
      /** Label pairs a container must carry, such as `com.docker.compose.project: shop`. */
      labels: { [key: string]: string };
      /** Names of configured hosts the rule applies to; default all. */
      hosts?: string[];
    }>;
    /**
     * Seconds one backend replica's claim on a container lasts without
     * renewal; it is renewed while the action runs, so it only matters when
     * a replica dies mid-action. Default 15.
     */
    actionLockSeconds?: number;
    /**
     * Seconds a person's read decisions (see a component in the catalog, its
     * containers, their logs, the fleet) are reused before the permission
     * policy is asked again; a tab reloading every second would otherwise
     * ask on every load. Answers about an entity are dropped within about a
     * second of it changing in the catalog (such as a new owner), and a new
     * token is a new caller. A longer life costs fewer permission calls, but
     * a reader revoked by a change the catalog does not carry (a role edited
     * at runtime in an RBAC policy) keeps reading for up to this long.
     * Decisions to act are never reused. Between 1 and 60. Default 5.
     */
    readDecisionSeconds?: number;
    /** The in-memory index of each host's containers that page loads read. */
    index?: {
      /**
       * False: no index; every page load and binding check asks the engine.
       * Default true.
       */
      enabled?: boolean;
      /**
       * Seconds between pings of each indexed host; a missed or late ping
       * makes the host's index not live (pages then ask Docker directly)
       * until the engine answers and a reconcile is done. Default 5.
       */
      pingSeconds?: number;
      /**
       * Seconds between full reconciles of the index with the engine; the
       * engine's events keep it current in between, but events can be
       * lost. Between 5 and 3600. Default 60.
       */
      reconcileSeconds?: number;
    };
    /** Milliseconds before a Docker call counts as failed. Default 5000. */
    requestTimeoutMs?: number;
    /** Seconds Docker waits after SIGTERM before it kills a container on stop. Default 10. */
    stopTimeoutSeconds?: number;
    /**
     * With `permission.enabled` off, Backstage allows every request, so
     * start/stop/restart are refused unless this is true. Default false.
     */
    allowActionsWithoutPermissionFramework?: boolean;
    /**
     * Backstage notifications to an entity's owners when one of its
     * containers exits unexpectedly (not from the portal, code other than
     * 0), turns unhealthy or keeps restarting, and when it recovers. Needs
     * the notifications backend; entities opt out with the annotation
     * `docker-services/notifications: disabled`.
     */
    notifications?: {
      /** False: no notifications at all. Default true. */
      enabled?: boolean;
      /**
       * Seconds a container must stay up (and healthy) before its incident
       * counts as over and "running again" is sent. Default 120.
       */
      quietSeconds?: number;
      /** Deaths within the window that make a restart loop. Default 3. */
      restartLoopDeaths?: number;
      /** Default 600. */
      restartLoopWindowSeconds?: number;
      /**
       * Seconds before the same person may ask a container's owners again
       * ("Ask the owners to restart"). Default 600.
       */
      askIntervalSeconds?: number;
      /**
       * Asks one person may make in an hour, about all containers together
       * (so nobody can page every owner in the catalog). Default 10.
       */
      askMaxPerHour?: number;
    };
    /**
     * Docker Swarm services, shown on hosts that are Swarm managers and
     * bound to entities as containers are (by the service's labels).
     */
    swarm?: {
      /** The most replicas a service may be scaled to from the portal. Default 10. */
      maxReplicas?: number;
      /**
       * Whether a service may be scaled to 0 replicas (which stops it
       * everywhere) from the portal. Default false.
       */
      allowScaleToZero?: boolean;
    };
    /**
     * Jobs: containers labelled `docker-services.job=true`, shown as runs,
     * with retries and schedules.
     */
    jobs?: {
      /**
       * How often one backend replica (the scheduler's choice) looks for
       * due scheduled runs and retries. Default 5.
       */
      checkIntervalSeconds?: number;
      /** Schedules that tick more often than this are refused. Default 60. */
      minScheduleIntervalSeconds?: number;
      /**
       * Runs that began longer ago than this many days are removed, once an
       * hour (the newest run of each job stays). Default 90.
       */
      keepRunsDays?: number;
    };
    /**
     * Live charts (CPU, memory, network) of running containers: one Docker
     * stats stream per container however many people watch.
     */
    liveStats?: {
      /**
       * Containers measured at once by this backend replica; one more is
       * refused (429) until a chart closes. Default 50.
       */
      maxContainers?: number;
      /** Seconds between two points of a chart. Default 2. */
      intervalSeconds?: number;
      /** Seconds a container is still measured after its last chart closed. Default 10. */
      graceSeconds?: number;
    };
    /** Bounds on log requests. */
    logs?: {
      /** Lines returned when a request names neither tail nor since. Default 500. */
      defaultTail?: number;
      /** The most lines one request gets; more is clamped with a notice. Default 10000. */
      maxTail?: number;
      /** Longer lines are cut and marked. Default 65536. */
      maxLineBytes?: number;
      /** A response stops here, with a notice. Default 33554432 (32 MiB). */
      maxResponseBytes?: number;
      /** Concurrent live followers per host; more answer 429. Default 20. */
      maxFollowersPerHost?: number;
      /**
       * Concurrent live followers per person, all hosts together; never more
       * than all but one of a host's follower slots. Default 5.
       */
      maxFollowersPerUser?: number;
      /** Concurrent log streams (read, download or follow) per host. Default 50. */
      maxStreamsPerHost?: number;
      /** Concurrent log streams (read, download or follow) per person. Default 10. */
      maxStreamsPerUser?: number;
      /**
       * A log stream whose engine neither sends a line nor answers a check
       * for this long ends with an error. Default 60.
       */
      stalledFollowSeconds?: number;
      /** Seconds without a line before a heartbeat is sent while following. Default 15. */
      heartbeatSeconds?: number;
    };
  };
}
