import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { Request, Response } from 'express';
import { LogLimits } from '../config';
import { ContainerService } from '../service/ContainerService';
import { LogQuery } from './logQuery';
import { writeLogHeaders } from './writeLogHeaders';
import { LogStreamLimiter } from './LogStreamLimiter';
import { servedLogRead } from './servedLogRead';
import { effectiveFollowersPerUser } from './logStreamLimits';
import { MergedContainer, streamMergedLogs } from './streamMergedLogs';

/** The most containers one merged log reads at once. */
export const MAX_MERGED_CONTAINERS = 20;

/** A merged log request: whose containers, on which host (or all). */
export interface MergedLogRequest {
  req: Request;
  res: Response;
  entity: Entity;
  entityRef: string;
  credentials: BackstageCredentials;
  /** One host, or all the entity's hosts when absent. */
  host?: string;
  query: LogQuery;
}

/**
 * Serves `GET /entities/:ref/logs`: the logs of all the entity's containers
 * on a host (or all hosts), merged by Docker's timestamps. The containers
 * are found on the server, as the container list finds them; each is one
 * Docker log stream and takes one slot of the same limits as a single
 * container's log (a follow of three containers is three follows).
 */
export class MergedLogService {
  readonly #containers: ContainerService;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #limits: LogLimits;
  readonly #streams: LogStreamLimiter;

  static create(options: {
    containers: ContainerService;
    auditor: AuditorService;
    logger: LoggerService;
    limits: LogLimits;
    /** Shared with single-container logs: one count of open streams. */
    streams: LogStreamLimiter;
  }) {
    return new MergedLogService(options);
  }

  private constructor(options: Parameters<typeof MergedLogService.create>[0]) {
    this.#containers = options.containers;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#limits = options.limits;
    this.#streams = options.streams;
  }

  async serve(request: MergedLogRequest): Promise<void> {
    const { res, entity, entityRef, host, query } = request;
    await servedLogRead(
      {
        auditor: this.#auditor,
        limits: this.#limits,
        streams: this.#streams,
      },
      request,
      { eventId: 'entity-logs', meta: { entityRef, host: host ?? 'all' } },
      async ({ controller, engineOptions, notices, capNotice, acquire }) => {
        const found = await this.#find(entity, host, query.follow);
        notices.push(...found.notices);
        const prepared = await Promise.all(
          found.containers.map(async c => ({
            host: c.host,
            id: c.id,
            ...(await this.#containers.prepareLogs({ entity, ...c })),
          })),
        );
        // One slot per container stream, all or none.
        const release = acquire(prepared.map(p => p.host));
        try {
          if (controller.signal.aborted) return;
          writeLogHeaders(
            res,
            query.format,
            `${entity.metadata.name}_all-containers`,
          );
          const containers: MergedContainer[] = prepared.map(p => ({
            name: p.containerName,
            host: p.host,
            tty: p.tty,
            open: () => p.open(engineOptions(true), controller.signal),
          }));
          // One container per host answers for its engine.
          const perHost = [...new Map(prepared.map(p => [p.host, p])).values()];
          await streamMergedLogs({
            res,
            containers,
            abort: () => controller.abort(),
            checkEngines: () =>
              Promise.all(
                perHost.map(p =>
                  this.#containers.resolveContainer({ entity, ...p }),
                ),
              ),
            follow: query.follow,
            timestamps: query.timestamps,
            format: query.format,
            notices,
            capNotice: capNotice && {
              lines: capNotice.lines,
              message: `Showing only the last ${
                this.#limits.maxTail
              } lines of each container, the most this portal returns at once.`,
            },
            limits: this.#limits,
            logger: this.#logger,
          });
        } finally {
          release();
        }
      },
    );
  }

  /** The entity's containers on the host (or all its hosts that answer). */
  async #find(entity: Entity, host: string | undefined, follow: boolean) {
    const list = await this.#containers.listContainers({ entity });
    const hosts = host ? list.hosts.filter(h => h.name === host) : list.hosts;
    if (host && hosts.length === 0) {
      throw new NotFoundError(`The entity has no containers on host ${host}.`);
    }
    const notices: string[] = [];
    const containers: { host: string; id: string }[] = [];
    for (const h of hosts) {
      if (h.status !== 'ok') {
        if (host) {
          throw new ServiceUnavailableError(
            `Docker host ${h.name} is not available now; try again later.`,
          );
        }
        notices.push(
          `Host ${h.name} is not available now; its containers are left out.`,
        );
        continue;
      }
      containers.push(...h.containers.map(c => ({ host: h.name, id: c.id })));
    }
    const where = host ? `on host ${host}` : 'on all its hosts';
    if (containers.length === 0) {
      notices.push(`The entity has no containers ${where}.`);
    }
    if (containers.length > MAX_MERGED_CONTAINERS) {
      throw new InputError(
        `The entity has ${containers.length} containers ${where}; one merged log reads at most ${MAX_MERGED_CONTAINERS}. Choose one host, or open the containers' logs one by one.`,
      );
    }
    const streams = this.#limits.maxStreamsPerUser;
    if (containers.length > streams) {
      throw new InputError(
        `The entity has ${containers.length} containers ${where}; each is one log stream, and one person may read at most ${streams} at once. Choose one host, or open the containers' logs one by one.`,
      );
    }
    const followers = effectiveFollowersPerUser(this.#limits);
    if (follow && containers.length > followers) {
      throw new InputError(
        `Following ${containers.length} containers takes ${containers.length} live streams; one person may follow at most ${followers} at once. Read the log without following, or choose one host.`,
      );
    }
    return { containers, notices };
  }
}
