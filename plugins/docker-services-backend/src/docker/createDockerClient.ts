import Docker from 'dockerode';
import { DockerHostConfig } from '../config';

/**
 * docker-modem fills every option it is not given from DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CLIENT_TIMEOUT…: a socket host
 * would then talk to whatever DOCKER_HOST names. Every option is given
 * (undefined overrides a default), and the variables are out of sight while
 * the client is made. Only the default host reads them (config/defaultHost.ts).
 */
const NO_MODEM_DEFAULTS = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  timeout: undefined,
  pathPrefix: undefined,
  username: undefined,
  version: undefined,
};
const DOCKER_ENVIRONMENT = /^DOCKER_/;

function withoutDockerEnvironment<T>(make: () => T): T {
  const saved = Object.entries(process.env).filter(([key]) =>
    DOCKER_ENVIRONMENT.test(key),
  );
  for (const [key] of saved) delete process.env[key];
  try {
    return make();
  } finally {
    for (const [key, value] of saved) process.env[key] = value;
  }
}

/**
 * A dockerode client for one configured host, and for nothing else: no
 * socket timeout (every call carries its own AbortSignal deadline instead,
 * since the modem's would cut a stop that legitimately takes longer) and no
 * DOCKER_* variable read.
 */
export function createDockerClient(config: DockerHostConfig): Docker {
  return withoutDockerEnvironment(
    () =>
      new Docker(
        'socketPath' in config
          ? { ...NO_MODEM_DEFAULTS, socketPath: config.socketPath }
          : {
              ...NO_MODEM_DEFAULTS,
              protocol: config.protocol,
              host: config.host,
              port: config.port,
              ca: config.tls?.ca,
              cert: config.tls?.cert,
              key: config.tls?.key,
            },
      ),
  );
}
