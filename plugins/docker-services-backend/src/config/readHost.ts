import { InputError } from '@backstage/errors';
import { DockerHostConfig } from './types';

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** One host as written in config (or derived from DOCKER_HOST), unchecked. */
export interface RawHostConfig {
  name: string;
  socketPath?: string;
  url?: string;
  ca?: string;
  cert?: string;
  key?: string;
  trustCatalogAnnotations?: boolean;
}

/**
 * Checks one host: a plain name, exactly one of a socket and a URL, and no
 * plain http except to loopback (the Docker API is root on its host).
 */
export function readHost(
  raw: RawHostConfig,
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
