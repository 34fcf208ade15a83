import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  SwarmServiceActionResponse,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { DockerHost, EngineService, ServiceChange } from '../docker/DockerHost';
import {
  isTimeout,
  mayHaveHappened,
  toActionError,
} from '../docker/toActionError';
import type { ResolvedService } from './SwarmServices';

/**
 * Docker's answer when the service changed between the read of its spec and
 * the update (its version moved on).
 */
export function isOutOfSequence(error: unknown): boolean {
  const { json, message } = (error ?? {}) as {
    json?: { message?: string };
    message?: string;
  };
  return /update out of sequence/i.test(
    `${json?.message ?? ''} ${message ?? ''}`,
  );
}

/** The replicas a replicated service asks for; undefined for any other mode. */
export function replicasOf(service: EngineService): number | undefined {
  const replicated = service.Spec.Mode?.Replicated;
  return replicated ? replicated.Replicas ?? 1 : undefined;
}

/** Refuses to scale a service whose number of tasks Docker decides. */
export function checkScalable(service: EngineService): void {
  if (replicasOf(service) !== undefined) return;
  const name = service.Spec.Name;
  throw new ConflictError(
    service.Spec.Mode?.Global
      ? `${name} runs one task on every node (global mode), so it cannot be scaled: its number of tasks follows the number of nodes.`
      : `${name} is a job, not a long-running replicated service, so it cannot be scaled here.`,
  );
}

/** A service whose tasks run to completion, by its mode; undefined for others. */
export function jobModeOf(
  service: EngineService,
): 'replicated-job' | 'global-job' | undefined {
  if (service.Spec.Mode?.ReplicatedJob) return 'replicated-job';
  if (service.Spec.Mode?.GlobalJob) return 'global-job';
  return undefined;
}

/**
 * Refuses a rolling restart of a job to whom may not start the entity's
 * containers: Docker runs a job's completed tasks again on a forced
 * update, so restarting it starts it, as a restart of a stopped container
 * does.
 */
export function checkRestartable(
  service: EngineService,
  mayStartJobs: boolean,
): void {
  const mode = jobModeOf(service);
  if (!mode || mayStartJobs) return;
  throw new NotAllowedError(
    `${service.Spec.Name} is a job (${mode} mode), so restarting it runs its tasks again; that needs the permission to start this entity's containers, which you do not have. Ask its owners.`,
  );
}

function describeChange(change: ServiceChange, name: string, from?: number) {
  return change.kind === 'scale'
    ? `${name} is being scaled from ${from} to ${change.replicas} replicas.`
    : `${name} is being restarted, its tasks replaced a few at a time (rolling restart).`;
}

/**
 * Scale or rolling restart, one code path: the service is read afresh
 * (under the caller's lock), a scale to the replicas it already has never
 * reaches Docker, and the update carries the version just read. When the
 * service changed in between, Docker refuses ("out of sequence") and the
 * update is tried once more on a fresh read; a second refusal is a 409 in
 * words. An update Docker does not confirm in time is "state unknown",
 * never "failed".
 */
export async function performServiceAction(options: {
  host: DockerHost;
  change: ServiceChange;
  /** The service as it is now, still bound to the entity (throws otherwise). */
  current: () => Promise<ResolvedService>;
  summarize: (service: EngineService) => Promise<SwarmServiceSummary>;
  logger: LoggerService;
}): Promise<SwarmServiceActionResponse> {
  const { host, change, logger } = options;
  const action = change.kind;
  for (let attempt = 1; ; attempt++) {
    const { service } = await options.current();
    const name = service.Spec.Name;
    const from = replicasOf(service);
    if (change.kind === 'scale') {
      checkScalable(service);
      if (from === change.replicas) {
        return {
          action,
          changed: false,
          message: `${name} already has ${from} ${
            from === 1 ? 'replica' : 'replicas'
          }; nothing was changed.`,
          ...(await reread(options.summarize, service)),
        };
      }
    }
    try {
      await host.updateService(service.ID, service.Version.Index, change);
    } catch (error) {
      logger.warn(
        `Docker ${action} of service ${name} on ${host.name} failed`,
        {
          host: host.name,
          service: service.ID,
          error: String(error),
        },
      );
      if (isOutOfSequence(error)) {
        if (attempt < 2) continue;
        throw new ConflictError(
          `${name} was changed by someone else at the same moment, so nothing was changed. Look at its state and try again.`,
        );
      }
      if (!mayHaveHappened(error)) {
        throw toActionError(error, {
          host: host.name,
          containerName: name,
          what: 'service',
        });
      }
      return {
        action,
        changed: false,
        stateUnknown: true,
        message: isTimeout(error)
          ? `Docker did not confirm in time that it took the change to ${name}. It may still happen; its state is being refreshed.`
          : `The connection to Docker on host ${host.name} broke while ${name} was being changed, so it may or may not have happened. Its state is being refreshed.`,
        ...(await reread(options.summarize, service)),
      };
    }
    const after = await options
      .current()
      .then(r => r.service)
      .catch(() => service);
    return {
      action,
      changed: true,
      message: describeChange(change, name, from),
      ...(await reread(options.summarize, after)),
    };
  }
}

async function reread(
  summarize: (service: EngineService) => Promise<SwarmServiceSummary>,
  service: EngineService,
): Promise<{ service?: SwarmServiceSummary }> {
  try {
    return { service: await summarize(service) };
  } catch {
    return {};
  }
}
