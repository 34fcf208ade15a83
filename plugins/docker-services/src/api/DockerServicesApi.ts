import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { ContainerListResponse } from '@internal/backstage-plugin-docker-services-common';

/**
 * The docker-services backend, as the browser sees it.
 * @public
 */
export interface DockerServicesApi {
  /** The entity's containers, per Docker host. */
  listContainers(entityRef: CompoundEntityRef): Promise<ContainerListResponse>;
}

/** @public */
export const dockerServicesApiRef = createApiRef<DockerServicesApi>().with({
  id: 'plugin.docker-services.client',
  pluginId: 'docker-services',
});
