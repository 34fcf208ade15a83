import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { readHost } from './readHost';
import { DockerHostConfig } from './types';

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * The one host used when none is configured: DOCKER_HOST (with
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as the docker CLI reads them), or
 * the default socket. Configured hosts never read these variables.
 */
export function defaultHost(
  env: NodeJS.ProcessEnv,
  requestTimeoutMs: number,
): DockerHostConfig {
  const dockerHost = env.DOCKER_HOST;
  const where = 'DOCKER_HOST';
  if (!dockerHost) {
    return readHost(
      { name: 'local', socketPath: DEFAULT_SOCKET },
      requestTimeoutMs,
    );
  }
  if (dockerHost.startsWith('unix://')) {
    return readHost(
      { name: 'local', socketPath: dockerHost.slice('unix://'.length) },
      requestTimeoutMs,
    );
  }
  if (!dockerHost.startsWith('tcp://')) {
    throw new InputError(
      `${where} must be unix:///path or tcp://host:port; configure other hosts under dockerServices.hosts`,
    );
  }
  const tls = Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0';
  const certs =
    tls && env.DOCKER_CERT_PATH ? readCerts(env.DOCKER_CERT_PATH) : {};
  return readHost(
    {
      name: 'local',
      url: dockerHost.replace(/^tcp:/, tls ? 'https:' : 'http:'),
      ...certs,
    },
    requestTimeoutMs,
  );
}

function readCerts(dir: string) {
  const read = (file: string) => {
    try {
      return fs.readFileSync(path.join(dir, file), 'utf8');
    } catch {
      throw new InputError(
        `DOCKER_CERT_PATH: ${file} could not be read from ${dir}`,
      );
    }
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}
