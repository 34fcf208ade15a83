export { readDockerServicesConfig } from './readDockerServicesConfig';
export type {
  BindingRule,
  DockerHostConfig,
  DockerServicesConfig,
  LogLimits,
} from './types';
