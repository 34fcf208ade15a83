import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How to reach one Docker engine. */
export type DockerHostConfig = {
  name: string;
  requestTimeoutMs: number;
} & (
  | { socketPath: string }
  | {
      protocol: 'http' | 'https';
      host: string;
      port: number;
      tls?: { ca?: string; cert?: string; key?: string };
    }
);

/** The plugin's settings, read and checked once at start-up. */
export interface DockerServicesConfig {
  hosts: DockerHostConfig[];
  requestTimeoutMs: number;
  stopTimeoutSeconds: number;
  allowActionsWithoutPermissionFramework: boolean;
  logs: LogLimits;
}

/** Bounds on what one logs request may cost. */
export interface LogLimits {
  /** Lines returned when the request names no tail and no since. */
  defaultTail: number;
  /** The most lines a request gets; more is clamped, with a notice. */
  maxTail: number;
  /** Longer lines are cut, with a marker. */
  maxLineBytes: number;
  /** A response stops here, with a notice. */
  maxResponseBytes: number;
  /** Concurrent live followers per Docker host; more answer 429. */
  maxFollowersPerHost: number;
  /** A heartbeat is sent after this long without a line while following. */
  heartbeatSeconds: number;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Reads `dockerServices` from config. Throws on anything unsafe or unclear,
 * so that a misconfiguration stops the backend instead of surprising users.
 */
export function readDockerServicesConfig(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): DockerServicesConfig {
  const root = config.getOptionalConfig('dockerServices');
  const requestTimeoutMs = root?.getOptionalNumber('requestTimeoutMs') ?? 5000;
  const stopTimeoutSeconds =
    root?.getOptionalNumber('stopTimeoutSeconds') ?? 10;
  if (!(requestTimeoutMs > 0)) {
    throw new InputError('dockerServices.requestTimeoutMs must be positive');
  }
  if (!(stopTimeoutSeconds >= 0 && stopTimeoutSeconds <= 600)) {
    throw new InputError(
      'dockerServices.stopTimeoutSeconds must be between 0 and 600',
    );
  }
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
  const logsConfig = root?.getOptionalConfig('logs');
  const positive = (key: string, fallback: number) => {
    const value = logsConfig?.getOptionalNumber(key) ?? fallback;
    if (!(Number.isInteger(value) && value > 0)) {
      throw new InputError(
        `dockerServices.logs.${key} must be a positive whole number`,
      );
    }
    return value;
  };
  const logs: LogLimits = {
    defaultTail: positive('defaultTail', 500),
    maxTail: positive('maxTail', 10_000),
    maxLineBytes: positive('maxLineBytes', 64 * 1024),
    maxResponseBytes: positive('maxResponseBytes', 32 * 1024 * 1024),
    maxFollowersPerHost: positive('maxFollowersPerHost', 20),
    heartbeatSeconds: positive('heartbeatSeconds', 15),
  };
  return {
    logs,
    hosts,
    requestTimeoutMs,
    stopTimeoutSeconds,
    allowActionsWithoutPermissionFramework:
      root?.getOptionalBoolean('allowActionsWithoutPermissionFramework') ??
      false,
  };
}

function defaultHost(env: NodeJS.ProcessEnv, requestTimeoutMs: number) {
  const dockerHost = env.DOCKER_HOST;
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
  const tls = env.DOCKER_TLS_VERIFY ? 'https' : 'http';
  return readHost(
    { name: 'local', url: dockerHost.replace(/^tcp:/, `${tls}:`) },
    requestTimeoutMs,
  );
}

function readHost(
  raw: {
    name: string;
    socketPath?: string;
    url?: string;
    ca?: string;
    cert?: string;
    key?: string;
  },
  requestTimeoutMs: number,
): DockerHostConfig {
  const where = `dockerServices.hosts "${raw.name}"`;
  if (!HOST_NAME.test(raw.name)) {
    throw new InputError(
      `${where}: a host name may hold letters, digits, ".", "_" and "-" only`,
    );
  }
  if (Boolean(raw.socketPath) === Boolean(raw.url)) {
    throw new InputError(`${where}: set exactly one of socketPath and url`);
  }
  if (raw.socketPath) {
    return { name: raw.name, requestTimeoutMs, socketPath: raw.socketPath };
  }
  let url: URL;
  try {
    url = new URL(raw.url!);
  } catch {
    throw new InputError(`${where}: url is not a valid URL`);
  }
  const protocol = url.protocol.replace(':', '');
  if (protocol !== 'http' && protocol !== 'https') {
    throw new InputError(
      `${where}: url must start with https:// (or http:// to loopback)`,
    );
  }
  if (protocol === 'http' && !LOOPBACK.has(url.hostname)) {
    throw new InputError(
      `${where}: plain http is allowed only to loopback; the Docker API is root on its host, so use https with client certificates`,
    );
  }
  return {
    name: raw.name,
    requestTimeoutMs,
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (protocol === 'https' ? 2376 : 2375)),
    tls:
      protocol === 'https'
        ? { ca: raw.ca, cert: raw.cert, key: raw.key }
        : undefined,
  };
}
