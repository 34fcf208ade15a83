import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { defaultHost } from './defaultHost';
import { readHost } from './readHost';
import { DockerHostConfig } from './types';

/**
 * Reads `dockerServices.hosts`, or the one default host when the list is
 * absent. Host names are unique: bindings, annotations and URLs name them.
 */
export function readHosts(
  root: Config | undefined,
  env: NodeJS.ProcessEnv,
  requestTimeoutMs: number,
): DockerHostConfig[] {
  const hostConfigs = root?.getOptionalConfigArray('hosts');
  const hosts = hostConfigs
    ? hostConfigs.map(h =>
        readHost(
          {
            name: h.getString('name'),
            socketPath: h.getOptionalString('socketPath'),
            url: h.getOptionalString('url'),
            ca: h.getOptionalString('ca'),
            cert: h.getOptionalString('cert'),
            key: h.getOptionalString('key'),
            trustCatalogAnnotations:
              h.getOptionalBoolean('trustCatalogAnnotations') ?? false,
          },
          requestTimeoutMs,
        ),
      )
    : [defaultHost(env, requestTimeoutMs)];
  const names = new Set<string>();
  for (const host of hosts) {
    if (names.has(host.name)) {
      throw new InputError(
        `dockerServices.hosts: "${host.name}" is listed twice`,
      );
    }
    names.add(host.name);
  }
  return hosts;
}
