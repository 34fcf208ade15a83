import Docker from 'dockerode';

/** Engine API versions this plugin is written against. */
const MIN_API_VERSION = '1.41';
const MAX_API_VERSION = '1.51';

/** The engine speaks an API older than this plugin supports. */
export class EngineTooOldError extends Error {
  name = 'EngineTooOldError';
  constructor(readonly apiVersion: string) {
    super(`Docker Engine API ${apiVersion} is older than ${MIN_API_VERSION}`);
  }
}

function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * Agrees on an API version with the engine, as the docker CLI does: the
 * engine's own, capped at the newest this plugin knows, and sets it on the
 * client. Throws {@link EngineTooOldError} below the oldest it supports.
 */
export async function negotiateApiVersion(
  docker: Docker,
  timeoutMs: number,
): Promise<void> {
  // dockerode accepts options here; its type definitions lag behind.
  const versionWithOptions = docker.version as unknown as (options: {
    abortSignal: AbortSignal;
  }) => Promise<Docker.DockerVersion>;
  const version = await versionWithOptions.call(docker, {
    abortSignal: AbortSignal.timeout(timeoutMs),
  });
  const engine = version.ApiVersion;
  if (compareVersions(engine, MIN_API_VERSION) < 0) {
    throw new EngineTooOldError(engine);
  }
  const agreed =
    compareVersions(engine, MAX_API_VERSION) > 0 ? MAX_API_VERSION : engine;
  (docker.modem as { version?: string }).version = `v${agreed}`;
}
