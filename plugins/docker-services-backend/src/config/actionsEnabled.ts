import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DockerServicesConfig } from './types';

/**
 * Whether routes that act (start, stop, restart, run, scale) may: only with
 * the permission framework on, since it allows everything when off, unless
 * the config explicitly accepts that. Says so in the log when they may not,
 * and names each host whose containers catalog authors can bind.
 */
export function actionsEnabled(options: {
  config: Config;
  settings: DockerServicesConfig;
  logger: LoggerService;
}): boolean {
  const { config, settings, logger } = options;
  const enabled =
    config.getOptionalBoolean('permission.enabled') === true ||
    settings.allowActionsWithoutPermissionFramework;
  if (!enabled) {
    logger.warn(
      'permission.enabled is off: docker-services refuses start, stop and restart',
    );
  }
  for (const host of settings.hosts.filter(h => h.trustCatalogAnnotations)) {
    logger.warn(
      `Docker host ${host.name} trusts catalog annotations: whoever can edit the catalog can bind its containers to any entity`,
    );
  }
  return enabled;
}
