import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { LogStreamEvent } from '@docker-services/backstage-plugin-docker-services-common';
import { LogQuery } from './DockerServicesApi';
import { logQuery } from './clientPaths';
import { readNdjson } from './readNdjson';

/**
 * The docker-services backend over HTTP, for the client's areas: paths are
 * under the plugin's base URL, and a failed response is thrown as a
 * `ResponseError`, which keeps the backend's message for the error panel.
 */
export class ClientHttp {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** The JSON answer of a request. */
  async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, init);
    return (await response.json()) as T;
  }

  /** A request with a JSON body. */
  send<T>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: object,
  ): Promise<T> {
    return this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** The NDJSON log of a container, service, run or entity path, event by event. */
  async *streamLogs(
    path: string,
    query: LogQuery,
    signal: AbortSignal,
    where: { host?: string } = {},
  ): AsyncGenerator<LogStreamEvent> {
    const response = await this.fetch(
      `${path}/logs?${logQuery(query, 'ndjson', where)}`,
      { signal },
    );
    yield* readNdjson<LogStreamEvent>(response);
  }

  /** The same log as a text file, named as the backend names it. */
  async downloadLogs(
    path: string,
    query: LogQuery,
    defaultFileName: string,
    where: { host?: string } = {},
  ): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.fetch(
      `${path}/logs?${logQuery({ ...query, follow: false }, 'text', where)}`,
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? defaultFileName;
    return { blob: await response.blob(), fileName };
  }

  async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('docker-services');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
