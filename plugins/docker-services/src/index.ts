export { dockerServicesPlugin as default } from './plugin';
export {
  dockerServicesLegacyPlugin,
  EntityDockerServicesContent,
  isDockerServicesAvailable,
} from './legacy';
export { dockerServicesApiRef } from './api/DockerServicesApi';
export type { DockerServicesApi } from './api/DockerServicesApi';
export { DockerServicesClient } from './api/DockerServicesClient';
