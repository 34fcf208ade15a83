/**
 * The docker-services frontend plugin: a Services tab on catalog entity pages
 * with the Docker containers that run the entity, an overview card and a
 * catalog column with their status, for the new frontend system (default
 * export) and the legacy one (`EntityDockerServicesContent`,
 * `EntityDockerServicesCard`).
 *
 * @packageDocumentation
 */

export { dockerServicesPlugin as default } from './plugin';
export {
  dockerServicesLegacyPlugin,
  DockerServicesPage,
  EntityDockerServicesCard,
  EntityDockerServicesContent,
  isDockerServicesAvailable,
} from './legacy';
export { dockerServicesApiRef } from './api/DockerServicesApi';
export type {
  ContainerTarget,
  EntityLogsTarget,
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
export { createDockerServicesStatusColumn } from './components/overview/createDockerServicesStatusColumn';
