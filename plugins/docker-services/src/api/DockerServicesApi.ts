import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  ContainerStats,
  HistoryResponse,
  LogStreamEvent,
} from '@internal/backstage-plugin-docker-services-common';

/** What to read of a container's log. @public */
export interface LogQuery {
  /** Lines from the end, or 'all'. */
  tail?: number | 'all';
  /** RFC 3339 time. */
  since?: string;
  timestamps?: boolean;
  follow?: boolean;
}

/** Which container of an entity. @public */
export interface ContainerTarget {
  entityRef: CompoundEntityRef;
  host: string;
  id: string;
}

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
  /** Newest first; pass the previous page's `nextBefore` as `before`. */
  getHistory(
    entityRef: CompoundEntityRef,
    page?: { limit?: number; before?: number },
  ): Promise<HistoryResponse>;
}

/** @public */
export const dockerServicesApiRef = createApiRef<DockerServicesApi>().with({
  id: 'plugin.docker-services.client',
  pluginId: 'docker-services',
});
