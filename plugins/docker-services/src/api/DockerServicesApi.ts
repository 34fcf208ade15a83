import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AskOwnersResponse,
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerDiagnosis,
  ContainerListResponse,
  ContainerStats,
  EntityStatus,
  EntityStatusResponse,
  FleetSearchResponse,
  HistoryResponse,
  JobRunNowResponse,
  JobRunsResponse,
  JobSchedule,
  JobScheduleRequest,
  JobsResponse,
  LiveStatsEvent,
  LogStreamEvent,
  MyServicesResponse,
  PipelineRunAgainResponse,
  SwarmServiceActionResponse,
  SwarmServiceListResponse,
} from '@docker-services/backstage-plugin-docker-services-common';

/** What to read of a container's or a Swarm service's log. @public */
export interface LogQuery {
  /** Lines from the end, or 'all'. */
  tail?: number | 'all';
  /** RFC 3339 time. */
  since?: string;
  /** RFC 3339 time: only lines written before it. */
  until?: string;
  timestamps?: boolean;
  follow?: boolean;
}

/** Which container of an entity. @public */
export interface ContainerTarget {
  entityRef: CompoundEntityRef;
  host: string;
  id: string;
}

/** Which Swarm service of an entity. @public */
export interface SwarmServiceTarget {
  entityRef: CompoundEntityRef;
  host: string;
  /** Docker's service id. */
  id: string;
}

/** Which run of a job (a container marked as a job) of an entity. @public */
export interface JobRunTarget extends ContainerTarget {
  runId: number;
}

/**
 * What to read of a run's log: the run sets its time range, so there is no
 * `since` or `until`; a running run can be followed.
 * @public
 */
export type JobRunLogQuery = Omit<LogQuery, 'since' | 'until'>;

/**
 * All the containers of an entity, on one host or (without `host`) on all
 * its hosts: whose logs are merged.
 * @public
 */
export interface EntityLogsTarget {
  entityRef: CompoundEntityRef;
  host?: string;
}

/** A page of a newest-first list: the previous page's `nextBefore`. @public */
export interface PageQuery {
  limit?: number;
  before?: number;
}

/**
 * What to do to a Swarm service: scale it to a number of replicas (within
 * the limits the backend's config sets), or restart it rolling (Swarm
 * replaces its tasks as its update settings say). The reason goes to the
 * history.
 * @public
 */
export type SwarmServiceActionRequest =
  | { action: 'scale'; replicas: number; reason?: string }
  | { action: 'restart'; reason?: string };

/**
 * The docker-services backend, as the browser sees it.
 * @public
 */
export interface DockerServicesApi {
  /** The entity's containers, per Docker host. */
  listContainers(entityRef: CompoundEntityRef): Promise<ContainerListResponse>;
  getContainerDetails(target: ContainerTarget): Promise<ContainerDetails>;
  /** One resource-use sample of a running container. */
  getContainerStats(target: ContainerTarget): Promise<ContainerStats>;
  /**
   * A running container's CPU, memory and network use, live: first the
   * samples of the last minutes, then each new one, until `signal` aborts
   * or the container stops.
   */
  streamLiveStats(
    target: ContainerTarget,
    signal: AbortSignal,
  ): AsyncGenerator<LiveStatsEvent>;
  /**
   * Why it stopped, keeps restarting or is unhealthy, in plain words and in
   * Docker's terms, with its last log lines.
   */
  getDiagnosis(target: ContainerTarget): Promise<ContainerDiagnosis>;
  /**
   * Asks the entity's owners to start or restart the container (for someone
   * who may read it but not act); the reason is required.
   */
  askOwners(
    target: ContainerTarget & { action: 'start' | 'restart'; reason: string },
  ): Promise<AskOwnersResponse>;
  runAction(
    target: ContainerTarget & { action: ContainerAction; reason?: string },
  ): Promise<ContainerActionResponse>;
  /** The log as events, read as they arrive; ends with the response. */
  streamLogs(
    target: ContainerTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent>;
  /** The log as a text file. */
  downloadLogs(
    target: ContainerTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }>;
  /**
   * The logs of all the entity's containers on a host (or all its hosts),
   * merged by Docker's timestamps; each line names its container.
   */
  streamEntityLogs(
    target: EntityLogsTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent>;
  /** The merged log as a text file, each line prefixed by its container. */
  downloadEntityLogs(
    target: EntityLogsTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }>;
  /**
   * The entity's Swarm services with their tasks, per Swarm manager host;
   * `hosts` is empty when no manager has a service of the entity.
   */
  listSwarmServices(
    entityRef: CompoundEntityRef,
  ): Promise<SwarmServiceListResponse>;
  /**
   * Scales a service or restarts it rolling; a refusal (out of the limits,
   * not allowed, an update already running) is thrown with the backend's
   * sentence.
   */
  runSwarmServiceAction(
    target: SwarmServiceTarget & SwarmServiceActionRequest,
  ): Promise<SwarmServiceActionResponse>;
  /**
   * A service's log (all its tasks) as events; each line names the task and
   * node that wrote it.
   */
  streamSwarmServiceLogs(
    target: SwarmServiceTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent>;
  /** A service's log as a text file. */
  downloadSwarmServiceLogs(
    target: SwarmServiceTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }>;
  /**
   * The entity's jobs (its containers labelled `docker-services.job=true`),
   * each with its last run, schedule and retries.
   */
  listJobs(entityRef: CompoundEntityRef): Promise<JobsResponse>;
  /** A job's runs, newest first; pass the previous page's `nextBefore`. */
  listJobRuns(
    target: ContainerTarget,
    page?: PageQuery,
  ): Promise<JobRunsResponse>;
  /**
   * Starts a job now (the start permission); a job already running is
   * refused with the backend's sentence.
   */
  runJobNow(
    target: ContainerTarget & { reason?: string },
  ): Promise<JobRunNowResponse>;
  /**
   * Sets, changes, pauses or resumes a job's schedule; a cron expression or
   * time zone the backend refuses is thrown with its sentence.
   */
  setJobSchedule(
    target: ContainerTarget & JobScheduleRequest,
  ): Promise<JobSchedule>;
  /**
   * Runs a pipeline run again from a step (the start permission): it and
   * the steps after it run again; the steps before keep their runs.
   */
  runPipelineAgain(target: {
    entityRef: CompoundEntityRef;
    host: string;
    pipeline: string;
    runId: number;
    step: string;
    reason?: string;
  }): Promise<PipelineRunAgainResponse>;
  /** Removes a job's schedule; the job then runs only when started. */
  removeJobSchedule(
    target: ContainerTarget & { reason?: string },
  ): Promise<{ message: string }>;
  /** One run's log as events, as a container's; a running run's can be followed. */
  streamJobRunLogs(
    target: JobRunTarget,
    query: JobRunLogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent>;
  /** One run's log as a text file. */
  downloadJobRunLogs(
    target: JobRunTarget,
    query: JobRunLogQuery,
  ): Promise<{ blob: Blob; fileName: string }>;
  /** Newest first; pass the previous page's `nextBefore` as `before`. */
  getHistory(
    entityRef: CompoundEntityRef,
    page?: PageQuery,
  ): Promise<HistoryResponse>;
  /**
   * Containers across all hosts matching the query: bound ones the caller
   * may read, with their entity and its owner; with
   * `docker-services.fleet.read`, unbound and conflicted ones too.
   */
  searchFleet(query: FleetQuery): Promise<FleetSearchResponse>;
  /** The entities the caller or their groups own that have containers, worst first. */
  listMyServices(): Promise<MyServicesResponse>;
  /**
   * The status of up to 100 entities (refs as `kind:namespace/name`) in one
   * request, counted per kind of workload; entities the caller may not read
   * are left out.
   */
  getEntityStatuses(entityRefs: string[]): Promise<EntityStatusResponse>;
  /**
   * One entity's status, or undefined when the caller may not read it. The
   * asks made in the same moment (the cells of a table) go as one request,
   * and an answer is given again for 5 s (a table that mounts its rows
   * again does not ask again); for a fresh answer, use `getEntityStatuses`.
   */
  getEntityStatus(entityRef: string): Promise<EntityStatus | undefined>;
}

/** What to look for across all Docker hosts. @public */
export interface FleetQuery {
  /**
   * Part of a container's name, short or full id, image, or Compose project
   * or service; case-insensitive. Empty: every container the caller may see.
   */
  q?: string;
  /** At most this many containers (the backend caps it too). */
  limit?: number;
}

/** @public */
export const dockerServicesApiRef = createApiRef<DockerServicesApi>().with({
  id: 'plugin.docker-services.client',
  pluginId: 'docker-services',
});
