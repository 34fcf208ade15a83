import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { ContainerService } from '../service/ContainerService';
import { LiveStatsService } from './LiveStatsService';
import { readLiveStatsSettings } from './readLiveStatsSettings';
import { StatsSamplers } from './StatsSamplers';

/**
 * The live charts' parts, wired: the route's service over one Docker stats
 * stream per watched container, and `stop` to end those streams at shutdown.
 */
export function createLiveStats(options: {
  config: Config;
  containers: ContainerService;
  hosts: DockerHostRegistry;
  auditor: AuditorService;
  logger: LoggerService;
}): { service: LiveStatsService; stop: () => void } {
  const settings = readLiveStatsSettings(options.config);
  const samplers = new StatsSamplers({ settings, logger: options.logger });
  const service = LiveStatsService.create({ ...options, samplers, settings });
  return { service, stop: () => samplers.stopAll() };
}
