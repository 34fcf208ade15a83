import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  HistoryResponse,
} from '@internal/backstage-plugin-docker-services-common';

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
  runAction(
    target: ContainerTarget & { action: ContainerAction; reason?: string },
  ): Promise<ContainerActionResponse>;
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
