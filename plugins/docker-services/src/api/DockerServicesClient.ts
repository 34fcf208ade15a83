import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ContainerListResponse } from '@internal/backstage-plugin-docker-services-common';
import { DockerServicesApi } from './DockerServicesApi';

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

  async listContainers(
    entityRef: CompoundEntityRef,
  ): Promise<ContainerListResponse> {
    return this.#get(`${entityPath(entityRef)}/containers`);
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('docker-services');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
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
