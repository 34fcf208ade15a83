import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readBindings } from './readBindings';
import { readHosts } from './readHosts';
import { DockerServicesConfig, LogLimits, SwarmSettings } from './types';

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
  const hosts = readHosts(root, env, requestTimeoutMs);
  const bindings = readBindings(
    root,
    hosts.map(h => h.name),
  );
  const actionLockSeconds = root?.getOptionalNumber('actionLockSeconds') ?? 15;
  if (!(actionLockSeconds >= 1 && actionLockSeconds <= 3600)) {
    throw new InputError(
      'dockerServices.actionLockSeconds must be between 1 and 3600',
    );
  }
  const readDecisionSeconds =
    root?.getOptionalNumber('readDecisionSeconds') ?? 5;
  if (!(readDecisionSeconds >= 1 && readDecisionSeconds <= 60)) {
    throw new InputError(
      'dockerServices.readDecisionSeconds must be between 1 and 60',
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
  const logs = readLogLimits(root?.getOptionalConfig('logs'));
  return {
    logs,
    swarm: readSwarmSettings(root?.getOptionalConfig('swarm')),
    hosts,
    bindings,
    requestTimeoutMs,
    stopTimeoutSeconds,
    actionLockMs: actionLockSeconds * 1000,
    readDecisionMs: readDecisionSeconds * 1000,
    indexReconcileMs: reconcileSeconds * 1000,
    indexEnabled: root?.getOptionalBoolean('index.enabled') ?? true,
    indexPingMs: pingSeconds * 1000,
    allowActionsWithoutPermissionFramework:
      root?.getOptionalBoolean('allowActionsWithoutPermissionFramework') ??
      false,
  };
}

function readLogLimits(logsConfig: Config | undefined): LogLimits {
  const positive = (key: string, fallback: number) => {
    const value = logsConfig?.getOptionalNumber(key) ?? fallback;
    if (!(Number.isInteger(value) && value > 0)) {
      throw new InputError(
        `dockerServices.logs.${key} must be a positive whole number`,
      );
    }
    return value;
  };
  return {
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
}

function readSwarmSettings(swarmConfig: Config | undefined): SwarmSettings {
  const maxReplicas = swarmConfig?.getOptionalNumber('maxReplicas') ?? 10;
  if (
    !(Number.isInteger(maxReplicas) && maxReplicas >= 1 && maxReplicas <= 1000)
  ) {
    throw new InputError(
      'dockerServices.swarm.maxReplicas must be a whole number between 1 and 1000',
    );
  }
  return {
    maxReplicas,
    allowScaleToZero:
      swarmConfig?.getOptionalBoolean('allowScaleToZero') ?? false,
  };
}
