/**
 * The docker-services frontend plugin: a Services tab on catalog entity pages
 * with the Docker containers that run the entity, for the new frontend system
 * (default export) and the legacy one (`EntityDockerServicesContent`).
 *
 * @packageDocumentation
 */

export { dockerServicesPlugin as default } from './plugin';
export {
  dockerServicesLegacyPlugin,
  DockerServicesPage,
  EntityDockerServicesContent,
  isDockerServicesAvailable,
} from './legacy';
export { dockerServicesApiRef } from './api/DockerServicesApi';
export type {
  ContainerTarget,
  DockerServicesApi,
  FleetQuery,
  JobRunLogQuery,
  JobRunTarget,
  LogQuery,
  PageQuery,
  SwarmServiceActionRequest,
  SwarmServiceTarget,
} from './api/DockerServicesApi';
export { DockerServicesClient } from './api/DockerServicesClient';
