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
  FleetSearchResponse,
  HistoryResponse,
  LogStreamEvent,
  MyServicesResponse,
  SwarmServiceActionResponse,
  SwarmServiceListResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import {
  ContainerTarget,
  DockerServicesApi,
  FleetQuery,
  LogQuery,
  SwarmServiceActionRequest,
  SwarmServiceTarget,
} from './DockerServicesApi';

/**
 * {@link DockerServicesApi} over HTTP. Failed responses are thrown as
 * `ResponseError`, which keeps the backend's message for the error panel.
 * @public
 */
export class DockerServicesClient implements DockerServicesApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

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

  getDiagnosis(target: ContainerTarget): Promise<ContainerDiagnosis> {
    return this.#request(`${containerPath(target)}/diagnosis`);
  }

  askOwners(
    target: ContainerTarget & { action: 'start' | 'restart'; reason: string },
  ): Promise<AskOwnersResponse> {
    return this.#request(`${containerPath(target)}/ask-owners`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: target.action, reason: target.reason }),
    });
  }

  runAction(
    target: ContainerTarget & { action: ContainerAction; reason?: string },
  ): Promise<ContainerActionResponse> {
    return this.#request(`${containerPath(target)}/${target.action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(target.reason ? { reason: target.reason } : {}),
    });
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
    return this.#request(`${servicePath(target)}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
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

  getHistory(
    entityRef: CompoundEntityRef,
    page: { limit?: number; before?: number } = {},
  ): Promise<HistoryResponse> {
    const query = new URLSearchParams();
    if (page.limit) query.set('limit', String(page.limit));
    if (page.before) query.set('before', String(page.before));
    const suffix = query.size ? `?${query}` : '';
    return this.#request(`${entityPath(entityRef)}/history${suffix}`);
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

  /** The NDJSON log of a container or service path, event by event. */
  async *#streamLogs(
    path: string,
    query: LogQuery,
    signal: AbortSignal,
  ): AsyncGenerator<LogStreamEvent> {
    const response = await this.#fetch(
      `${path}/logs?${logQuery(query, 'ndjson')}`,
      { signal },
    );
    if (!response.body) return;
    const reader = response.body
      .pipeThrough(new TextDecoderStream())
      .getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          if (line) yield JSON.parse(line) as LogStreamEvent;
        }
      }
    } finally {
      reader.releaseLock();
    }
  }

  async #downloadLogs(
    path: string,
    query: LogQuery,
    defaultFileName: string,
  ): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.#fetch(
      `${path}/logs?${logQuery({ ...query, follow: false }, 'text')}`,
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? defaultFileName;
    return { blob: await response.blob(), fileName };
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

function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function logQuery(query: LogQuery, format: 'ndjson' | 'text'): URLSearchParams {
  const params = new URLSearchParams({ format });
  if (query.tail !== undefined) params.set('tail', String(query.tail));
  if (query.since) params.set('since', query.since);
  if (query.until) params.set('until', query.until);
  if (query.timestamps) params.set('timestamps', 'true');
  if (query.follow) params.set('follow', 'true');
  return params;
}

/** A container's or a Swarm service's path under the entity's. */
function targetPath(
  collection: 'containers' | 'services',
  target: ContainerTarget | SwarmServiceTarget,
): string {
  return `${entityPath(target.entityRef)}/${collection}/${encodeURIComponent(
    target.host,
  )}/${encodeURIComponent(target.id)}`;
}

function containerPath(target: ContainerTarget): string {
  return targetPath('containers', target);
}

function servicePath(target: SwarmServiceTarget): string {
  return targetPath('services', target);
}
