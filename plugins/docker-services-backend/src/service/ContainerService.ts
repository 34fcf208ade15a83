import { Entity } from '@backstage/catalog-model';
import { ContainerListResponse } from '@internal/backstage-plugin-docker-services-common';

/**
 * What the routes need from Docker, phrased in catalog terms: every call
 * takes the entity, and containers are only ever found through it.
 */
export interface ContainerService {
  /** The entity's containers on each of its hosts; a failing host is reported, not thrown. */
  listContainers(request: { entity: Entity }): Promise<ContainerListResponse>;
}
