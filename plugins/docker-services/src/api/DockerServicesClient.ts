import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import {
  containerPath,
  entityPath,
  logQuery,
  pageSuffix,
  runPath,
  servicePath,
  withoutTimes,
} from './clientPaths';
import { EntityStatusCollector } from './EntityStatusCollector';
import { readNdjson } from './readNdjson';

/**
 * {@link DockerServicesApi} over HTTP. Failed responses are thrown as
 * `ResponseError`, which keeps the backend's message for the error panel.
 * @public
 */
export class DockerServicesClient implements DockerServicesApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #statuses = new EntityStatusCollector(refs =>
    this.getEntityStatuses(refs),
  );

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  listContainers(entityRef: CompoundEntityRef): Promise<ContainerListResponse> {
    return this.#request(`${entityPath(entityRef)}/containers`);
  }

  getContainerDetails(target: ContainerTarget): Promise<ContainerDetails> {
    return this.#request(containerPath(target));
  }

  getContainerStats(target: ContainerTarget): Promise<ContainerStats> {
    return this.#request(`${containerPath(target)}/stats`);
  }

  async *streamLiveStats(
    target: ContainerTarget,
    signal: AbortSignal,
  ): AsyncGenerator<LiveStatsEvent> {
    const response = await this.#fetch(`${containerPath(target)}/stats/live`, {
      signal,
    });
    yield* readNdjson<LiveStatsEvent>(response);
  }

  getDiagnosis(target: ContainerTarget): Promise<ContainerDiagnosis> {
    return this.#request(`${containerPath(target)}/diagnosis`);
  }

  askOwners(
    target: ContainerTarget & { action: 'start' | 'restart'; reason: string },
  ): Promise<AskOwnersResponse> {
    return this.#send('POST', `${containerPath(target)}/ask-owners`, {
      action: target.action,
      reason: target.reason,
    });
  }

  runAction(
    target: ContainerTarget & { action: ContainerAction; reason?: string },
  ): Promise<ContainerActionResponse> {
    return this.#send(
      'POST',
      `${containerPath(target)}/${target.action}`,
      target.reason ? { reason: target.reason } : {},
    );
  }

  streamLogs(
    target: ContainerTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#streamLogs(containerPath(target), query, signal);
  }

  downloadLogs(
    target: ContainerTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#downloadLogs(containerPath(target), query, 'container.log');
  }

  streamEntityLogs(
    target: EntityLogsTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#streamLogs(entityPath(target.entityRef), query, signal, {
      host: target.host,
    });
  }

  downloadEntityLogs(
    target: EntityLogsTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#downloadLogs(
      entityPath(target.entityRef),
      query,
      'all-containers.log',
      { host: target.host },
    );
  }

  listSwarmServices(
    entityRef: CompoundEntityRef,
  ): Promise<SwarmServiceListResponse> {
    return this.#request(`${entityPath(entityRef)}/services`);
  }

  runSwarmServiceAction(
    target: SwarmServiceTarget & SwarmServiceActionRequest,
  ): Promise<SwarmServiceActionResponse> {
    const { action, reason } = target;
    const body = {
      ...(action === 'scale' ? { replicas: target.replicas } : {}),
      ...(reason ? { reason } : {}),
    };
    return this.#send('POST', `${servicePath(target)}/${action}`, body);
  }

  streamSwarmServiceLogs(
    target: SwarmServiceTarget,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#streamLogs(servicePath(target), query, signal);
  }

  downloadSwarmServiceLogs(
    target: SwarmServiceTarget,
    query: LogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#downloadLogs(servicePath(target), query, 'service.log');
  }

  listJobs(entityRef: CompoundEntityRef): Promise<JobsResponse> {
    return this.#request(`${entityPath(entityRef)}/jobs`);
  }

  listJobRuns(
    target: ContainerTarget,
    page: PageQuery = {},
  ): Promise<JobRunsResponse> {
    return this.#request(`${containerPath(target)}/runs${pageSuffix(page)}`);
  }

  runJobNow(
    target: ContainerTarget & { reason?: string },
  ): Promise<JobRunNowResponse> {
    return this.#send('POST', `${containerPath(target)}/run`, {
      ...(target.reason ? { reason: target.reason } : {}),
    });
  }

  setJobSchedule(
    target: ContainerTarget & JobScheduleRequest,
  ): Promise<JobSchedule> {
    const { cron, timeZone, paused, reason } = target;
    return this.#send('PUT', `${containerPath(target)}/schedule`, {
      cron,
      timeZone,
      ...(paused !== undefined ? { paused } : {}),
      ...(reason ? { reason } : {}),
    });
  }

  runPipelineAgain(target: {
    entityRef: CompoundEntityRef;
    host: string;
    pipeline: string;
    runId: number;
    step: string;
    reason?: string;
  }): Promise<PipelineRunAgainResponse> {
    const path = `${entityPath(
      target.entityRef,
    )}/pipelines/${encodeURIComponent(target.host)}/${encodeURIComponent(
      target.pipeline,
    )}/runs/${target.runId}/run-again`;
    return this.#send('POST', path, {
      step: target.step,
      ...(target.reason ? { reason: target.reason } : {}),
    });
  }

  removeJobSchedule(
    target: ContainerTarget & { reason?: string },
  ): Promise<{ message: string }> {
    return this.#send('DELETE', `${containerPath(target)}/schedule`, {
      ...(target.reason ? { reason: target.reason } : {}),
    });
  }

  streamJobRunLogs(
    target: JobRunTarget,
    query: JobRunLogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    return this.#streamLogs(runPath(target), withoutTimes(query), signal);
  }

  downloadJobRunLogs(
    target: JobRunTarget,
    query: JobRunLogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    return this.#downloadLogs(runPath(target), withoutTimes(query), 'run.log');
  }

  getHistory(
    entityRef: CompoundEntityRef,
    page: PageQuery = {},
  ): Promise<HistoryResponse> {
    return this.#request(`${entityPath(entityRef)}/history${pageSuffix(page)}`);
  }

  searchFleet(query: FleetQuery): Promise<FleetSearchResponse> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.limit) params.set('limit', String(query.limit));
    const suffix = params.size ? `?${params}` : '';
    return this.#request(`/fleet/containers${suffix}`);
  }

  listMyServices(): Promise<MyServicesResponse> {
    return this.#request('/fleet/mine');
  }

  getEntityStatuses(entityRefs: string[]): Promise<EntityStatusResponse> {
    return this.#send('POST', '/entities/status', { entityRefs });
  }

  getEntityStatus(entityRef: string): Promise<EntityStatus | undefined> {
    return this.#statuses.load(entityRef);
  }

  /** The NDJSON log of a container or service path, event by event. */
  async *#streamLogs(
    path: string,
    query: LogQuery,
    signal: AbortSignal,
    where: { host?: string } = {},
  ): AsyncGenerator<LogStreamEvent> {
    const response = await this.#fetch(
      `${path}/logs?${logQuery(query, 'ndjson', where)}`,
      { signal },
    );
    yield* readNdjson<LogStreamEvent>(response);
  }

  async #downloadLogs(
    path: string,
    query: LogQuery,
    defaultFileName: string,
    where: { host?: string } = {},
  ): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.#fetch(
      `${path}/logs?${logQuery({ ...query, follow: false }, 'text', where)}`,
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? defaultFileName;
    return { blob: await response.blob(), fileName };
  }

  /** A request with a JSON body. */
  #send<T>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: object,
  ): Promise<T> {
    return this.#request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.#fetch(path, init);
    return (await response.json()) as T;
  }

  async #fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('docker-services');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
