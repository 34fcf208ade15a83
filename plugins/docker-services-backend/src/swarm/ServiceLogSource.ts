import { isError } from '@backstage/errors';
import {
  EngineService,
  EngineServiceLogOptions,
  EngineTask,
} from '../docker/DockerHost';
import { endWhenQuiet, QUIET_END_MS } from './endWhenQuiet';
import { followWhileBound } from './followWhileBound';
import { ServiceLogLines } from './ServiceLogLines';
import { NodeDirectory } from './toServiceSummary';

/** A service's log, found and ready to open. */
export interface ServiceLogSource {
  serviceName: string;
  tty: boolean;
  open(
    options: EngineServiceLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  /** Names each line's task and node, and takes Docker's details off it. */
  lines: ServiceLogLines;
  /**
   * Why the portal ended the log, in words: a followed log, because the
   * service is no longer the entity's (or is gone); a log read to its end,
   * because Docker went silent before its end. Undefined while it is read,
   * and when Docker ended it.
   */
  endedBecause(): string | undefined;
}

/**
 * The log of a service bound to an entity. A followed log is Docker's
 * stream for as long as the service stays the entity's (see
 * {@link followWhileBound}); a log read to its end is Docker's as it is.
 */
export function serviceLogSource(options: {
  service: EngineService;
  tasks: EngineTask[];
  nodes: NodeDirectory;
  /** Opens Docker's log stream of the service. */
  openLog(
    options: EngineServiceLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  /** See {@link unboundBecause}. */
  stillBound(): Promise<string | undefined>;
  bindingCheckMs?: number;
  /** See {@link QUIET_END_MS}. */
  quietEndMs?: number;
}): ServiceLogSource {
  const { service } = options;
  let endedBecause: string | undefined;
  return {
    serviceName: service.Spec.Name,
    tty: service.Spec.TaskTemplate?.ContainerSpec?.TTY === true,
    open: async (logOptions, signal) => {
      const stream = await options.openLog(logOptions, signal);
      if (!logOptions.follow) {
        return endWhenQuiet(stream, {
          quietMs: options.quietEndMs,
          onQuiet: () => {
            endedBecause = `Docker stopped sending the log of ${service.Spec.Name} before its end, so it may be incomplete. Try again, or follow the log.`;
          },
        });
      }
      return followWhileBound(stream, {
        stillBound: options.stillBound,
        onUnbound: reason => {
          endedBecause = reason;
        },
        everyMs: options.bindingCheckMs,
      });
    },
    lines: new ServiceLogLines({ tasks: options.tasks, nodes: options.nodes }),
    endedBecause: () => endedBecause,
  };
}

/**
 * Undefined while the service is still the entity's; else why not, in
 * words: bound elsewhere now, claimed twice, or removed. Throws when that
 * cannot be told now (Docker did not answer).
 */
export async function unboundBecause(options: {
  /** Finds the service through the entity, as every route does (404, 409). */
  resolve: () => Promise<unknown>;
  /** Docker's inspect of the service, whoever's it is (404 when gone). */
  inspect: () => Promise<unknown>;
  name: string;
  entityRef: string;
  host: string;
}): Promise<string | undefined> {
  const { name, entityRef, host } = options;
  try {
    await options.resolve();
    return undefined;
  } catch (error) {
    if (!isError(error)) throw error;
    if (error.name === 'ConflictError') {
      return `${error.message} Its log ends here.`;
    }
    if (error.name !== 'NotFoundError') throw error;
  }
  const exists = await options.inspect().then(
    () => true,
    (error: { statusCode?: number }) => {
      if (error?.statusCode === 404) return false;
      throw error;
    },
  );
  return exists
    ? `${name} is no longer a service of ${entityRef} on host ${host} (its labels changed), so its log ends here.`
    : `${name} was removed from host ${host}, so its log ends here.`;
}
