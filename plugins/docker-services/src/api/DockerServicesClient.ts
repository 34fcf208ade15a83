import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
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
  PipelineRunAgainResponse,
  LogStreamEvent,
  MyServicesResponse,
  SwarmServiceActionResponse,
  SwarmServiceListResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import {
  ContainerTarget,
  DockerServicesApi,
  EntityLogsTarget,
  FleetQuery,
  JobRunLogQuery,
  JobRunTarget,
  LogQuery,
  PageQuery,
  SwarmServiceActionRequest,
  SwarmServiceTarget,
} from './DockerServicesApi';
import { ClientHttp } from './ClientHttp';
import { ContainerRequests, containerRequests } from './containerRequests';
import { EntityStatusCollector } from './EntityStatusCollector';
import { FleetRequests, fleetRequests } from './fleetRequests';
import { JobRequests, jobRequests } from './jobRequests';
import { SwarmRequests, swarmRequests } from './swarmRequests';

/**
 * {@link DockerServicesApi} over HTTP. Failed responses are thrown as
 * `ResponseError`, which keeps the backend's message for the error panel.
 * The requests are built by area, as the backend's routes are (containers,
 * Swarm services, jobs, fleet); this class only hands each call on.
 * @public
 */
export class DockerServicesClient implements DockerServicesApi {
  readonly #containers: ContainerRequests;
  readonly #swarm: SwarmRequests;
  readonly #jobs: JobRequests;
  readonly #fleet: FleetRequests;
  readonly #statuses = new EntityStatusCollector(refs =>
    this.getEntityStatuses(refs),
  );

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    const http = new ClientHttp(options);
    this.#containers = containerRequests(http);
    this.#swarm = swarmRequests(http);
    this.#jobs = jobRequests(http);
    this.#fleet = fleetRequests(http);
  }

  listContainers(entityRef: CompoundEntityRef): Promise<ContainerListResponse> {
    return this.#containers.listContainers(entityRef);
  }

  getContainerDetails(target: ContainerTarget): Promise<ContainerDetails> {
    return this.#containers.getContainerDetails(target);
  }

  getContainerStats(target: ContainerTarget): Promise<ContainerStats> {
    return this.#containers.getContainerStats(target);
  }

  streamLiveStats(
    target: ContainerTarget,
    signal: AbortSignal,
  ): AsyncGenerator<LiveStatsEvent> {
    return this.#containers.streamLiveStats(target, signal);
  }

  getDiagnosis(target: ContainerTarget): Promise<ContainerDiagnosis> {
    return this.#containers.getDiagnosis(target);
  }

  askOwners(
    target: ContainerTarget & { action: 'start' | 'restart'; reason: string },
  ): Promise<AskOwnersResponse> {
    return this.#containers.askOwners(target);
  }

  runAction(
    target: ContainerTarget & { action: ContainerAction; reason?: string },
  ): Promise<ContainerActionResponse> {
    return this.#containers.runAction(target);
  }

  streamLogs(
    target: ContainerTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#containers.streamLogs(target, query, signal);
  }

  downloadLogs(
    target: ContainerTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#containers.downloadLogs(target, query);
  }

  streamEntityLogs(
    target: EntityLogsTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#containers.streamEntityLogs(target, query, signal);
  }

  downloadEntityLogs(
    target: EntityLogsTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#containers.downloadEntityLogs(target, query);
  }

  getHistory(
    entityRef: CompoundEntityRef,
    page?: PageQuery,
  ): Promise<HistoryResponse> {
    return this.#containers.getHistory(entityRef, page);
  }

  listSwarmServices(
    entityRef: CompoundEntityRef,
  ): Promise<SwarmServiceListResponse> {
    return this.#swarm.listSwarmServices(entityRef);
  }

  runSwarmServiceAction(
    target: SwarmServiceTarget & SwarmServiceActionRequest,
  ): Promise<SwarmServiceActionResponse> {
    return this.#swarm.runSwarmServiceAction(target);
  }

  streamSwarmServiceLogs(
    target: SwarmServiceTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#swarm.streamSwarmServiceLogs(target, query, signal);
  }

  downloadSwarmServiceLogs(
    target: SwarmServiceTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#swarm.downloadSwarmServiceLogs(target, query);
  }

  listJobs(entityRef: CompoundEntityRef): Promise<JobsResponse> {
    return this.#jobs.listJobs(entityRef);
  }

  listJobRuns(
    target: ContainerTarget,
    page?: PageQuery,
  ): Promise<JobRunsResponse> {
    return this.#jobs.listJobRuns(target, page);
  }

  runJobNow(
    target: ContainerTarget & { reason?: string },
  ): Promise<JobRunNowResponse> {
    return this.#jobs.runJobNow(target);
  }

  setJobSchedule(
    target: ContainerTarget & JobScheduleRequest,
  ): Promise<JobSchedule> {
    return this.#jobs.setJobSchedule(target);
  }

  runPipelineAgain(target: {
    entityRef: CompoundEntityRef;
    host: string;
    pipeline: string;
    runId: number;
    step: string;
    reason?: string;
  }): Promise<PipelineRunAgainResponse> {
    return this.#jobs.runPipelineAgain(target);
  }

  removeJobSchedule(
    target: ContainerTarget & { reason?: string },
  ): Promise<{ message: string }> {
    return this.#jobs.removeJobSchedule(target);
  }

  streamJobRunLogs(
    target: JobRunTarget,
    query: JobRunLogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#jobs.streamJobRunLogs(target, query, signal);
  }

  downloadJobRunLogs(
    target: JobRunTarget,
    query: JobRunLogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#jobs.downloadJobRunLogs(target, query);
  }

  searchFleet(query: FleetQuery): Promise<FleetSearchResponse> {
    return this.#fleet.searchFleet(query);
  }

  listMyServices(): Promise<MyServicesResponse> {
    return this.#fleet.listMyServices();
  }

  getEntityStatuses(entityRefs: string[]): Promise<EntityStatusResponse> {
    return this.#fleet.getEntityStatuses(entityRefs);
  }

  getEntityStatus(entityRef: string): Promise<EntityStatus | undefined> {
    return this.#statuses.load(entityRef);
  }
}
