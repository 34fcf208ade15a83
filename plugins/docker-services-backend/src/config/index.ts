export { readDockerServicesConfig } from './readDockerServicesConfig';
export type {
  BindingRule,
  DockerHostConfig,
  DockerServicesConfig,
  LogLimits,
  SwarmSettings,
} from './types';
