import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  describeLabelPairProblem,
  isSpecificSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import fs from 'node:fs';
import path from 'node:path';

/** How to reach one Docker engine. */
export type DockerHostConfig = {
  name: string;
  requestTimeoutMs: number;
  /**
   * When true, an entity's selector annotation alone binds containers on
   * this host: everyone who can edit the catalog can claim them.
   */
  trustCatalogAnnotations: boolean;
} & (
  | { socketPath: string }
  | {
      protocol: 'http' | 'https';
      host: string;
      port: number;
      tls?: { ca?: string; cert?: string; key?: string };
    }
);

/**
 * A portal admin's rule: containers carrying every label in `labels` (on
 * `hosts`, or on every host) belong to `entityRef`.
 */
export interface BindingRule {
  /** Full entity ref in lower case. */
  entityRef: string;
  labels: Record<string, string>;
  hosts?: string[];
}

/** The plugin's settings, read and checked once at start-up. */
export interface DockerServicesConfig {
  hosts: DockerHostConfig[];
  bindings: BindingRule[];
  requestTimeoutMs: number;
  stopTimeoutSeconds: number;
  /**
   * How long one backend replica's claim on a container lasts unless it is
   * renewed; it is renewed while the action runs.
   */
  actionLockMs: number;
  allowActionsWithoutPermissionFramework: boolean;
  logs: LogLimits;
  /**
   * Time between full reconciles of each host's container index with the
   * engine (events keep it current in between, but can be lost).
   */
  indexReconcileMs: number;
  /** False: every request asks Docker (no index). */
  indexEnabled: boolean;
  /** How often each indexed host is pinged; a missed ping makes it not live. */
  indexPingMs: number;
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
  /**
   * Concurrent live followers per person, all hosts together; never more
   * than all but one of a host's follower slots. More answer 429.
   */
  maxFollowersPerUser: number;
  /** Concurrent log streams, followed or not, per Docker host; more answer 429. */
  maxStreamsPerHost: number;
  /** Concurrent log streams, followed or not, per person, all hosts together; more answer 429. */
  maxStreamsPerUser: number;
  /** A follow whose engine neither streams nor answers a check for this long ends, with an error. */
  stalledFollowSeconds: number;
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
  const bindings = (root?.getOptionalConfigArray('bindings') ?? []).map(
    (rule, index) => readBindingRule(rule, index, [...names]),
  );
  const actionLockSeconds = root?.getOptionalNumber('actionLockSeconds') ?? 15;
  if (!(actionLockSeconds >= 1 && actionLockSeconds <= 3600)) {
    throw new InputError(
      'dockerServices.actionLockSeconds must be between 1 and 3600',
    );
  }
  const pingSeconds = root?.getOptionalNumber('index.pingSeconds') ?? 5;
  if (!(pingSeconds >= 1 && pingSeconds <= 300)) {
    throw new InputError(
      'dockerServices.index.pingSeconds must be between 1 and 300',
    );
  }
  const reconcileSeconds =
    root?.getOptionalNumber('index.reconcileSeconds') ?? 60;
  if (!(reconcileSeconds >= 5 && reconcileSeconds <= 3600)) {
    throw new InputError(
      'dockerServices.index.reconcileSeconds must be between 5 and 3600',
    );
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
    maxFollowersPerUser: positive('maxFollowersPerUser', 5),
    maxStreamsPerHost: positive('maxStreamsPerHost', 50),
    maxStreamsPerUser: positive('maxStreamsPerUser', 10),
    stalledFollowSeconds: positive('stalledFollowSeconds', 60),
    heartbeatSeconds: positive('heartbeatSeconds', 15),
  };
  return {
    logs,
    hosts,
    bindings,
    requestTimeoutMs,
    stopTimeoutSeconds,
    actionLockMs: actionLockSeconds * 1000,
    indexReconcileMs: reconcileSeconds * 1000,
    indexEnabled: root?.getOptionalBoolean('index.enabled') ?? true,
    indexPingMs: pingSeconds * 1000,
    allowActionsWithoutPermissionFramework:
      root?.getOptionalBoolean('allowActionsWithoutPermissionFramework') ??
      false,
  };
}

/**
 * The one host used when none is configured: DOCKER_HOST (with
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as the docker CLI reads them), or
 * the default socket. Configured hosts never read these variables.
 */
function defaultHost(env: NodeJS.ProcessEnv, requestTimeoutMs: number) {
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

function readBindingRule(
  rule: Config,
  index: number,
  hostNames: string[],
): BindingRule {
  const where = `dockerServices.bindings[${index}]`;
  const rawRef = rule.getString('entity');
  let entityRef: string;
  try {
    entityRef = stringifyEntityRef(parseEntityRef(rawRef)).toLocaleLowerCase(
      'en-US',
    );
  } catch {
    throw new InputError(
      `${where}: entity must be a full entity ref such as component:default/shop-web; got "${rawRef}"`,
    );
  }
  if (!/^[a-z0-9-]+:[a-z0-9-]+\/./.test(entityRef)) {
    throw new InputError(
      `${where}: entity must be a full entity ref with kind and namespace, such as component:default/shop-web`,
    );
  }
  // Read whole: label keys hold dots, which config paths would split.
  const rawLabels = rule.getOptional('labels') ?? {};
  if (typeof rawLabels !== 'object' || Array.isArray(rawLabels)) {
    throw new InputError(
      `${where}: labels must be a map of label keys to values`,
    );
  }
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawLabels)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new InputError(
        `${where}: the value of label "${key}" must be text`,
      );
    }
    labels[key] = String(value);
  }
  if (Object.keys(labels).length === 0) {
    throw new InputError(
      `${where}: labels must name at least one label; an empty rule would bind every container`,
    );
  }
  for (const [key, value] of Object.entries(labels)) {
    const problem = describeLabelPairProblem(key, value);
    if (problem) throw new InputError(`${where}: ${problem}`);
  }
  if (!isSpecificSelector(labels)) {
    throw new InputError(
      `${where}: the labels are ones Docker Compose puts on nearly every container; name the project or service, or a label of your own`,
    );
  }
  const hosts = rule.getOptionalStringArray('hosts');
  const unknown = hosts?.filter(h => !hostNames.includes(h)) ?? [];
  if (unknown.length > 0) {
    throw new InputError(
      `${where}: hosts names ${unknown.join(', ')}, which ${
        unknown.length === 1 ? 'is' : 'are'
      } not configured`,
    );
  }
  if (hosts && hosts.length === 0) {
    throw new InputError(`${where}: hosts, when given, must name a host`);
  }
  return hosts ? { entityRef, labels, hosts } : { entityRef, labels };
}

function readHost(
  raw: {
    name: string;
    socketPath?: string;
    url?: string;
    ca?: string;
    cert?: string;
    key?: string;
    trustCatalogAnnotations?: boolean;
  },
  requestTimeoutMs: number,
): DockerHostConfig {
  const trustCatalogAnnotations = raw.trustCatalogAnnotations ?? false;
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
    return {
      name: raw.name,
      requestTimeoutMs,
      trustCatalogAnnotations,
      socketPath: raw.socketPath,
    };
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
    trustCatalogAnnotations,
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (protocol === 'https' ? 2376 : 2375)),
    tls:
      protocol === 'https'
        ? { ca: raw.ca, cert: raw.cert, key: raw.key }
        : undefined,
  };
}
