import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  HistoryResponse,
} from '@internal/backstage-plugin-docker-services-common';
import { ContainerTarget, DockerServicesApi } from './DockerServicesApi';

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

  runAction(
    target: ContainerTarget & { action: ContainerAction; reason?: string },
  ): Promise<ContainerActionResponse> {
    return this.#request(`${containerPath(target)}/${target.action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(target.reason ? { reason: target.reason } : {}),
    });
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

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('docker-services');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function containerPath(target: ContainerTarget): string {
  return `${entityPath(target.entityRef)}/containers/${encodeURIComponent(
    target.host,
  )}/${encodeURIComponent(target.id)}`;
}
